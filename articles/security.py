"""Response headers every page carries, and a brake on guessing admin passwords.

Django's own middleware already sends ``X-Content-Type-Options``, ``Referrer-Policy`` and
``X-Frame-Options`` (settings ``SECURE_CONTENT_TYPE_NOSNIFF``, ``SECURE_REFERRER_POLICY``,
``X_FRAME_OPTIONS``); ``SecurityHeadersMiddleware`` adds the Content-Security-Policy, which Django
5.2 lacks, to every response — pages, exports, feeds, admin and static files alike.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

# No inline script or style anywhere: templates link static files only, so an injected
# <script> or on…= attribute cannot run even if escaping were ever missed.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Sign-in attempts: this many failures for one username from one address within the window
# lock that pair out until the window has passed since the first failure.
FAILURE_LIMIT = 5
FAILURE_WINDOW = 15 * 60  # seconds
LOGIN_URL_NAMES = ("admin:login",)


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and Permissions-Policy unless a view set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.DEBUG and response.status_code >= 400:
            return response  # Django's debug error pages need their inline script and style
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def client_address(request: HttpRequest) -> str:
    """The peer's address. Behind a proxy this is the proxy's: the limit then applies per
    username, which still stops guessing."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def failure_key(username: str, address: str) -> str:
    """A short cache key: usernames are user input and may be long or hold any character."""
    digest = hashlib.sha256(f"{username.strip().casefold()}\0{address}".encode()).hexdigest()
    return f"login-failures:{digest[:32]}"


def failures(username: str, address: str) -> int:
    return cache.get(failure_key(username, address), 0)


def record_failure(sender, credentials: dict, request: HttpRequest | None = None, **kwargs):
    if request is None:  # authenticate() called outside a request: nothing to limit
        return
    key = failure_key(str(credentials.get("username", "")), client_address(request))
    # add() starts the window at the first failure; incr() keeps it (no timeout reset).
    if not cache.add(key, 1, timeout=FAILURE_WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=FAILURE_WINDOW)


def forget_failures(sender, request: HttpRequest | None = None, user=None, **kwargs):
    if request is not None and user is not None:
        cache.delete(failure_key(user.get_username(), client_address(request)))


user_login_failed.connect(record_failure, dispatch_uid="articles.security.record_failure")
user_logged_in.connect(forget_failures, dispatch_uid="articles.security.forget_failures")


class LoginRateLimitMiddleware:
    """Answers 429 to a sign-in attempt once its username and address have failed
    ``FAILURE_LIMIT`` times within ``FAILURE_WINDOW``; the password is not even checked."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.paths: set[str] | None = None  # resolved on first use: URLconf loads lazily

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path in self.login_paths():
            username = request.POST.get("username", "")
            if failures(username, client_address(request)) >= FAILURE_LIMIT:
                return locked_out()
        return self.get_response(request)

    def login_paths(self) -> set[str]:
        if self.paths is None:
            self.paths = {reverse(name) for name in LOGIN_URL_NAMES}
        return self.paths


def locked_out() -> HttpResponse:
    minutes = FAILURE_WINDOW // 60
    response = HttpResponse(
        f"Too many failed sign-in attempts for this account from your address. "
        f"Try again in {minutes} minutes.",
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(FAILURE_WINDOW)
    return response
