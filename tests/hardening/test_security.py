"""Deployment checks, security headers on every kind of response, and the admin's locks:
sign-in required everywhere, CSRF on every form, sign-in attempts limited, curators kept out of
users, groups and permissions."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import cache
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from articles import security
from articles.models import Article, Quote
from entities.models import Person

from .conftest import TALLY

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a long enough admin passphrase"

# The production environment README's "Deployment" section documents.
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k3v9-this-is-a-test-only-secret-key-of-sufficient-length-and-variety-42",
    "ALLOWED_HOSTS": "natoip.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://natoip.example.org",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SECURE_PROXY_SSL_HEADER": "true",
}


def check_deploy(environment: dict[str, str]) -> subprocess.CompletedProcess:
    """``check --deploy`` with only the given environment (none of the test run's variables,
    such as the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE, which the check rightly refuses)."""
    env = {"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"} | environment
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_the_documented_production_environment():
    result = check_deploy(PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_https_settings_are_turned_off():
    """The same check fails loudly when a deployment forgets HTTPS (so the test above can fail)."""
    result = check_deploy(PRODUCTION | {"SECURE_HSTS_SECONDS": "0", "SESSION_COOKIE_SECURE": "no"})

    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W012" in result.stderr


def test_production_settings_refuse_a_missing_secret_key_or_a_bad_value():
    for broken in ({"SECRET_KEY": ""}, {"SECURE_HSTS_SECONDS": "a year"}, {"DEBUG": "maybe"}):
        result = check_deploy(PRODUCTION | broken)
        assert result.returncode != 0
        assert "ImproperlyConfigured" in result.stderr


# Headers -----------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(db) -> Client:
    user = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    client = Client()
    client.force_login(user)
    return client


def header_targets() -> list[str]:
    person = Person.objects.filter(quotes__isnull=False).first()
    return [
        "/",
        "/timeline/",
        "/timeline/?start=2024-99-99",  # a form error
        "/timeline/?format=csv",
        "/quotes/?format=json",
        "/people/?format=csv&country=ZZ",  # a refused export
        "/timeline/feed/",
        person.get_absolute_url() + "feed/",
        Article.objects.first().get_absolute_url(),
        Quote.objects.first().get_absolute_url(),
        "/search/?q=NATO",
        "/no/such/page/",
        "/static/css/site.css",
        "/admin/login/",
    ]


ADMIN_TARGETS = ["/admin/", "/admin/articles/quote/", "/admin/entities/person/1/change/"]


def assert_secure_headers(response, url: str) -> None:
    headers = response.headers
    policy = headers.get("Content-Security-Policy", "")
    directives = dict(
        (d.split(" ", 1) + [""])[:2] for d in (part.strip() for part in policy.split(";")) if d
    )
    assert directives.get("script-src") == "'self'", url
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
    assert directives.get("frame-ancestors") == "'none'", url
    assert directives.get("object-src") == "'none'", url
    assert headers.get("X-Content-Type-Options") == "nosniff", url
    assert headers.get("Referrer-Policy") == "same-origin", url
    if not url.startswith("/static/"):  # static files can't be framed to any effect
        assert headers.get("X-Frame-Options") == "DENY", url
    TALLY["responses checked for security headers"] += 1


def test_every_kind_of_response_carries_the_security_headers(seed_data, admin_client):
    anonymous = Client()
    for url in header_targets():
        assert_secure_headers(anonymous.get(url), url)
    for url in ADMIN_TARGETS:
        response = admin_client.get(url)
        assert response.status_code in (200, 302), url
        assert_secure_headers(response, url)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)


def test_templates_have_no_inline_script_handlers_or_styles():
    """What the Content-Security-Policy forbids must not be needed: the site's templates use
    linked files only."""
    offenders = []
    for template in sorted((ROOT / "templates").rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, HANDLER, INLINE_STYLE):
            offenders += [
                f"{template.relative_to(ROOT)}: {m.group()}" for m in pattern.finditer(text)
            ]
    assert offenders == []


def test_rendered_pages_have_no_inline_script_or_style(seed_data, client):
    for url in ["/", "/timeline/", "/people/", "/quotes/", "/countries/KR/", "/about/"]:
        html = client.get(url).content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not HANDLER.search(html), url
        assert not INLINE_STYLE.search(html), url


# The admin ----------------------------------------------------------------------------------------


def admin_routes() -> list[str]:
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    return [route for route in walk(get_resolver().url_patterns) if route.startswith("admin/")]


def sample_path(route: str) -> str:
    """A concrete path for a route: "1" for every parameter, the first choice of a regex group."""
    route = re.sub(r"<(?:\w+:)?\w+>", "1", route)
    route = re.sub(r"\(\?P<\w+>([\w-]+)[^)]*\)", r"\1", route)
    route = route.replace("(?P<url>.*)", "nowhere/")
    return "/" + route.replace("^", "").replace("$", "")


def test_every_admin_url_requires_signing_in(seed_data):
    client = Client()
    routes = admin_routes()
    assert len(routes) > 60  # every model's pages, not just a few
    for route in routes:
        path = sample_path(route)
        for response in (client.get(path), client.post(path, {"name": "x"})):
            if path == reverse("admin:login"):
                assert response.status_code == 200
                continue
            if path == reverse("admin:logout"):  # signing out shows nothing, then the index
                assert response.status_code in (302, 405), path
                continue
            assert response.status_code == 302, path
            assert response["Location"].startswith(reverse("admin:login")), path
        TALLY["admin URLs checked without signing in"] += 1
    assert Person.objects.filter(name="x").count() == 0


def test_admin_forms_refuse_a_post_without_a_csrf_token(seed_data):
    user = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    client = Client(enforce_csrf_checks=True)
    person = Person.objects.first()
    assert (
        client.post(reverse("admin:login"), {"username": "root", "password": PASSWORD}).status_code
        == 403
    )
    client.force_login(user)
    posts = {
        reverse("admin:entities_person_change", args=[person.pk]): {"name": "Renamed"},
        reverse("admin:entities_person_delete", args=[person.pk]): {"post": "yes"},
        reverse("admin:articles_quote_changelist"): {
            "action": "reject_selected",
            "_selected_action": [Quote.objects.first().pk],
        },
        reverse("admin:auth_user_add"): {"username": "sneaky", "password1": PASSWORD},
        reverse("admin:password_change"): {"old_password": PASSWORD},
        reverse("review-queue"): {"target": "person", "pk": person.pk, "action": "reject"},
        reverse("admin:logout"): {},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 403, url
    person.refresh_from_db()
    assert person.name != "Renamed" and Quote.objects.count() == 30
    assert not User.objects.filter(username="sneaky").exists()


@pytest.fixture
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def sign_in(client: Client, username: str, password: str, address: str = "127.0.0.1"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_sign_in_is_refused_after_too_many_failures(db, fresh_limits):
    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    client = Client()
    for _ in range(security.FAILURE_LIMIT):
        assert sign_in(client, "root", "guess").status_code == 200  # the form, with its error

    locked = sign_in(client, "root", PASSWORD)
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == security.FAILURE_WINDOW
    assert "_auth_user_id" not in client.session
    # Another address, or another account from this one, is not locked out.
    assert sign_in(Client(), "root", PASSWORD, address="192.0.2.7").status_code == 302
    assert sign_in(Client(), "someone-else", "guess").status_code == 200
    # The same account with different letter case is the same account.
    assert sign_in(Client(), "ROOT ", "guess").status_code == 429


def test_a_successful_sign_in_clears_the_failures(db, fresh_limits):
    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    for _ in range(security.FAILURE_LIMIT - 1):
        sign_in(Client(), "root", "guess")
    assert sign_in(Client(), "root", PASSWORD).status_code == 302

    for _ in range(security.FAILURE_LIMIT - 1):
        assert sign_in(Client(), "root", "guess").status_code == 200
    assert sign_in(Client(), "root", PASSWORD).status_code == 302


@pytest.fixture
def curator_client(db) -> Client:
    # Browser tests empty the database after themselves: recreate the migration's group.
    importlib.import_module("articles.migrations.0004_curators_group").create_group(apps, None)
    curator = User.objects.create_user("curator", password=PASSWORD, is_staff=True)
    curator.groups.add(Group.objects.get(name="Curators"))
    client = Client()
    client.force_login(curator)
    return client


def test_curators_cannot_see_or_change_users_groups_or_permissions(curator_client):
    other = User.objects.create_user("other", password=PASSWORD)
    group = Group.objects.get(name="Curators")
    pages = [
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_add"),
        reverse("admin:auth_user_change", args=[other.pk]),
        reverse("admin:auth_user_delete", args=[other.pk]),
        reverse("admin:auth_user_history", args=[other.pk]),
        reverse("admin:auth_user_password_change", args=[other.pk]),
        reverse("admin:auth_group_changelist"),
        reverse("admin:auth_group_add"),
        reverse("admin:auth_group_change", args=[group.pk]),
        reverse("admin:auth_group_delete", args=[group.pk]),
        reverse("admin:auth_group_history", args=[group.pk]),
    ]
    for url in pages:
        assert curator_client.get(url).status_code == 403, url
    every_permission = list(Permission.objects.values_list("pk", flat=True))
    assert (
        curator_client.post(
            reverse("admin:auth_group_change", args=[group.pk]),
            {"name": "Curators", "permissions": every_permission},
        ).status_code
        == 403
    )
    assert (
        curator_client.post(
            reverse("admin:auth_user_change", args=[other.pk]),
            {"username": "other", "is_superuser": "on", "is_staff": "on"},
        ).status_code
        == 403
    )
    other.refresh_from_db()
    assert not other.is_superuser and group.permissions.count() < len(every_permission)
    # Permissions have no admin pages at all, and the index doesn't offer Authentication.
    assert curator_client.get("/admin/auth/permission/").status_code == 404
    assert b"/admin/auth/" not in curator_client.get(reverse("admin:index")).content


def test_curators_hold_no_permission_on_users_groups_or_permissions(curator_client):
    curator = User.objects.get(username="curator")
    for model in ("user", "group", "permission"):
        for action in ("view", "add", "change", "delete"):
            assert not curator.has_perm(f"auth.{action}_{model}")
    assert curator.has_perm("articles.change_quote")  # what curating needs, they have
