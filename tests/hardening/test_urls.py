"""Every public page under generated, hostile query strings and paths: never a 500.

Hypothesis draws values for every filter parameter — real slugs and dates from the seed data,
huge and negative numbers, impossible dates, SQL and template injection, markup, NUL, lone
surrogates, very long strings — and repeats and mixes parameters. A bad value must come back as
a form error (200/400), a 400 or a 404; an export must agree with its page about what is bad.

Requests go straight through Django's request handler (the test client's template capture would
double the cost) against the seed fixture, loaded once for the module.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core.handlers.base import BaseHandler
from django.core.signals import got_request_exception
from django.test import RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, Quote, SpeakerKind
from entities.filters import INCLUDE_CHOICES, MATCH_CHOICES
from entities.models import Country, Event, EventType, Organization, Person

from .conftest import TALLY

pytestmark = pytest.mark.django_db

ALLOWED = {200, 301, 302, 400, 404}

# Values that have broken web apps before; each parameter also gets real and random values.
HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "-0",
    "+1",
    "1.5",
    "1e999",
    "NaN",
    "inf",
    "0x1F",
    "9" * 40,
    "-" + "9" * 400,
    "2024-13-01",
    "2024-02-30",
    "2023-02-29",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "-2024-01-01",
    "2024-1-1",
    "2024/01/01",
    "01/02/2024",
    "2024-01-01T00:00:00Z",
    "yesterday",
    "' OR '1'='1",
    "1; DROP TABLE articles_article; --",
    "%' OR 1=1 --",
    "\\",
    "'",
    '"',
    "%",
    "_",
    "*",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "{{7*7}}",
    "${7*7}",
    "<%= 7*7 %>",
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "\x00",
    "KR\x00",
    "\ud800",
    "a\udfffb",
    "\ufeffKR",
    "\u202enato",
    "\uffff",
    "\U0010ffff",
    "😀" * 30,
    "e\u0301",
    "ß",
    "İ",
    "../../etc/passwd",
    "%00",
    "%2e%2e%2f",
    "a" * 5000,
    "x" * 100_000,
]
JUNK_KEYS = ["utm_source", "page", "format", "FORMAT", "q[]", "", "\x00", "\ud800", "a" * 300]
DETAIL_PREFIXES = ["summits", "people", "countries", "organizations", "events", "articles"]

text = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
numbers = st.integers(min_value=-(10**30), max_value=10**30).map(str)
days = st.dates().map(lambda d: d.isoformat())


def encode(value: str) -> str:
    """Percent-encode anything, lone surrogates included (as the invalid UTF-8 a client may
    send): the page must cope with whatever bytes arrive."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def query_string(pairs: list[tuple[str, str]]) -> str:
    return "&".join(f"{encode(k)}={encode(v)}" for k, v in pairs)


class Site:
    """Sends GET requests through Django's handler; a view's exception is raised, not turned
    into a 500 page, so Hypothesis reports and shrinks it."""

    def __init__(self):
        self.handler = BaseHandler()
        self.handler.load_middleware()
        self.factory = RequestFactory()
        self.sent = 0

    def get(self, path: str, pairs: list[tuple[str, str]] = ()):
        url = encode_path(path) + ("?" + query_string(pairs) if pairs else "")
        failures = []

        def keep(sender, **kwargs):
            failures.append(sys.exc_info())

        got_request_exception.connect(keep)
        try:
            response = self.handler.get_response(self.factory.get(url))
        finally:
            got_request_exception.disconnect(keep)
        self.sent += 1
        TALLY["URL fuzz: requests sent"] += 1
        if failures or response.status_code >= 500:
            TALLY["URL fuzz: 500s seen"] += 1
        if failures and failures[0][1] is not None:
            raise failures[0][1]
        check(response, url)
        return response


def encode_path(path: str) -> str:
    return "/".join(encode(part) for part in path.split("/"))


def check(response, url: str) -> None:
    status = response.status_code
    assert status in ALLOWED, f"{status} for {url[:300]}"
    if status in (301, 302):
        return
    body = b"".join(response) if response.streaming else response.content
    assert django_settings.SECRET_KEY.encode() not in body
    if response["Content-Type"].startswith("text/html"):
        # Whatever came in the URL is shown escaped, never as live markup.
        assert b"<script>alert(1)" not in body and b"<svg onload" not in body, url[:300]


@pytest.fixture(scope="module")
def site(seeded) -> Site:
    TALLY["URL fuzz: 500s seen"] += 0  # reported even when there are none
    return Site()


@pytest.fixture(scope="module")
def seed_values(seeded) -> dict[str, list[str]]:
    """Real values for each kind of parameter, so that generated queries also reach the code
    behind valid filters (and valid combinations with invalid ones)."""
    summits = list(Event.objects.summits().values_list("slug", flat=True))
    countries = list(Country.objects.values_list("code", flat=True)[:40])
    organizations = list(Organization.objects.values_list("code", flat=True))
    people = list(Person.objects.values_list("slug", flat=True))
    return {
        "summit": summits,
        "actor": countries + organizations + people + [c.lower() for c in countries[:5]],
        "country": countries,
        "organization": list(Organization.objects.values_list("slug", flat=True)),
        "speaker": people,
        "publisher": Article.objects.publishers(),
        "match": [value for value, _ in MATCH_CHOICES],
        "type": list(EventType.values),
        "include": [value for value, _ in INCLUDE_CHOICES],
        "kind": list(SpeakerKind.values),
        "start": ["2024-07-09", "2023-01-01", "2025-06-24"],
        "end": ["2024-07-11", "2025-12-31", "2019-01-01"],
        "q": ["NATO", "Korea", "defence", "summit"],
        "page": ["1", "2", "3"],
        "format": ["csv", "json", "html"],
    }


def values_for(name: str, seed_values: dict) -> st.SearchStrategy[str]:
    real = seed_values.get(name) or ["x"]
    return st.one_of(
        st.sampled_from(real),
        st.sampled_from(HOSTILE),
        text,
        numbers,
        days,
    )


def pairs_for(
    keys: list[str], seed_values: dict, min_size: int = 0
) -> st.SearchStrategy[list[tuple[str, str]]]:
    """Up to six parameters, mostly the page's own, some stray; repeats allowed."""
    key = st.sampled_from([*keys * 4, *JUNK_KEYS, None]).flatmap(
        lambda k: text if k is None else st.just(k)
    )
    pair = key.flatmap(lambda k: st.tuples(st.just(k), values_for(k, seed_values)))
    return st.lists(pair, min_size=min_size, max_size=6)


def run(examples: int, strategy, send: Callable) -> None:
    """Run ``send`` on ``examples`` generated values (a Hypothesis property)."""

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def property_(value):
        send(value)

    property_()


LISTS = {
    "/timeline/": ["summit", "actor", "match", "type", "start", "end", "q", "include", "page"],
    "/articles/": ["publisher", "summit", "actor", "match", "start", "end", "q", "page"],
    "/quotes/": ["speaker", "country", "organization", "summit", "start", "end", "kind", "q"],
    "/people/": ["country", "organization", "q", "page"],
}


def without_format(pairs):
    return [(k, v) for k, v in pairs if k != "format"]


def exports(site: Site, path: str, pairs) -> int:
    """Both exports of a list for one query; they agree, and a refusal names the errors.
    Returns the status (200 or 400)."""
    as_json = site.get(path, [*pairs, ("format", "json")])
    as_csv = site.get(path, [*pairs, ("format", "csv")])
    assert as_csv.status_code == as_json.status_code
    if as_json.status_code == 400:
        assert json.loads(as_json.content)["errors"]
    else:
        assert as_json.status_code == 200
        assert isinstance(json.loads(as_json.content)["results"], list)
        assert as_csv["Content-Type"].startswith("text/csv")
    return as_json.status_code


@pytest.mark.parametrize("path", list(LISTS))
def test_filtered_lists_show_bad_filters_as_form_errors(site, seed_values, path):
    """The HTML page and its exports for each generated query: never a 500, and the exports
    are refused (400) exactly when the page shows a form error (a 400 too)."""
    examples = 110
    before = site.sent

    def send(pairs):
        page = site.get(path, pairs)
        stripped = without_format(pairs)
        if stripped != pairs:  # that asked for an export or a bad format: ask for the page too
            page = site.get(path, stripped)
        if exports(site, path, stripped) == 400:
            assert page.status_code == 400 and b"errorlist" in page.content

    run(examples, pairs_for(LISTS[path], seed_values), send)
    assert site.sent - before >= examples * 3


@pytest.mark.parametrize("path", list(LISTS))
def test_exports_and_feed_answer_every_query_without_a_500(site, seed_values, path):
    """Many more generated queries against the CSV and JSON exports alone (and the timeline's
    feed, which is refused exactly when the timeline's export is)."""
    examples = 600 if path == "/timeline/" else 900  # a timeline request costs the most
    before = site.sent

    def send(pairs):
        pairs = without_format(pairs)
        status = exports(site, path, pairs)
        if path == "/timeline/":
            feed = site.get("/timeline/feed/", pairs)
            assert feed.status_code == status
            if status == 200:
                assert feed["Content-Type"].startswith("application/atom+xml")

    run(examples, pairs_for(LISTS[path], seed_values, min_size=1), send)
    assert site.sent - before >= examples * (3 if path == "/timeline/" else 2)


def test_bad_filter_values_are_form_errors_on_the_page(site):
    """Impossible dates and unknown slugs are named on the page, with a 400, not ignored."""
    for path, key, value in [
        ("/timeline/", "start", "2024-02-30"),
        ("/timeline/", "actor", "'; DROP TABLE x; --"),
        ("/articles/", "summit", "no-such-summit"),
        ("/quotes/", "speaker", "\x00"),
        ("/people/", "country", "ZZ"),
    ]:
        response = site.get(path, [(key, value)])
        assert response.status_code == 400
        assert b"errorlist" in response.content


def detail_segments(real: list[str]) -> st.SearchStrategy[str]:
    """Mostly unknown or malformed segments; a real one now and then (a full page is costly
    and the pages themselves are tested elsewhere)."""
    unknown = st.from_regex(r"[a-z0-9-]{1,80}", fullmatch=True)
    return st.one_of(
        st.integers(0, 15).flatmap(lambda n: st.sampled_from(real) if n == 0 else unknown),
        st.sampled_from(HOSTILE[:-1]).filter(lambda v: "/" not in v and v not in ("", ".")),
        text.filter(lambda v: "/" not in v and v.strip(".") != ""),
        numbers,
    )


@pytest.fixture(scope="module")
def detail_slugs(seeded) -> dict[str, list[str]]:
    return {
        "summits": list(Event.objects.summits().values_list("slug", flat=True)[:5]),
        "people": list(Person.objects.values_list("slug", flat=True)[:5]),
        "countries": ["KR", "JP", "kr", "AU", "NZ"],
        "organizations": list(Organization.objects.values_list("slug", flat=True)[:5]),
        "events": list(Event.objects.filter(reference=False).values_list("slug", flat=True)[:5]),
        "articles": list(Article.objects.values_list("slug", flat=True)[:3]),
        "quotes": [str(pk) for pk in Quote.objects.values_list("pk", flat=True)[:3]],
    }


def test_detail_pages_and_person_feeds_answer_any_path_segment(site, detail_slugs, seed_values):
    """Unknown, malformed and hostile slugs, codes and ids are 404s (or a redirect to the
    canonical URL); stray query parameters change nothing."""
    prefixes = [*DETAIL_PREFIXES, "quotes", "people-feed"]
    examples = 1600
    before = site.sent

    def send(case):
        prefix, segment, pairs = case
        if prefix == "people-feed":
            response = site.get(f"/people/{segment}/feed/", pairs)
        else:
            response = site.get(f"/{prefix}/{segment}/", pairs)
        if response.status_code == 301 and prefix == "countries":
            assert response["Location"] == f"/countries/{encode(segment.upper())}/"

    case = st.sampled_from(prefixes).flatmap(
        lambda prefix: st.tuples(
            st.just(prefix),
            detail_segments(detail_slugs.get(prefix.removesuffix("-feed"), ["x"])),
            pairs_for(["page", "format", "q"], seed_values),
        )
    )
    run(examples, case, send)
    assert site.sent - before >= examples


def test_pages_without_filters_ignore_any_query(site, seed_values):
    paths = ["/", "/summits/", "/countries/", "/organizations/", "/about/", "/events/"]
    examples = 150
    before = site.sent

    def send(case):
        path, pairs = case
        response = site.get(path, pairs)
        assert response.status_code == (302 if path == "/events/" else 200)

    run(examples, st.tuples(st.sampled_from(paths), pairs_for(["q"], seed_values)), send)
    assert site.sent - before >= examples


def test_search_answers_any_query(site, seed_values):
    examples = 400
    before = site.sent

    def send(pairs):
        response = site.get("/search/", pairs)
        assert response.status_code == 200

    run(examples, pairs_for(["q", "q", "q"], seed_values), send)
    assert site.sent - before >= examples
