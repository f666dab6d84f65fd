"""An article whose title, byline, body and quotes carry HTML and JavaScript, ingested and then
read in Chromium: every page shows the markup as text and runs none of it; exports neutralise
spreadsheet formulas; feeds carry it as escaped text. The admin works under the same CSP."""

from __future__ import annotations

import csv
import importlib
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command

from articles.models import Article, Quote
from entities.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every payload would set a probe or open a dialog if it ever ran. (The pipeline drops the
# underscores of ``window.__xss`` in plain text, so both spellings are probed.)
HOSTILE_TEXT = """\
<script>alert(1);window.__xss=1</script> NATO and Seoul "><svg onload=alert(2)> sign a pact

By Lee <img src=x onerror=alert(3)> Reporter

SEOUL, March 3, 2025 (Yonhap) -- South Korea and NATO signed a cooperation pact on Monday in \
Seoul, officials said, in a ceremony attended by envoys from Japan and Australia.

"=1+2 <script>alert(4);window.__xss=1</script> is what the pact costs us, and it is worth it," \
Foreign Minister Cho Tae-yul told reporters in Seoul.

"We will not be intimidated by <img src=x onerror=alert(5)> any threat from Pyongyang," Cho \
said, adding that the javascript:alert(6) link circulating online was fake.

"@SUM(A1:A9) of our efforts is peace, and "><svg onload=alert(7)> we mean it," NATO Secretary \
General Mark Rutte said in a statement.

"+44 allies and partners stand with Seoul," Rutte added.

"-1 is not an answer we accept," said Prime Minister Kim Min-seok.
"""

HOSTILE_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Tokyo hosts NATO envoys &lt;img src=x onerror=alert(8)&gt;</title>
<meta property="og:url" content="javascript:alert(9)">
<meta property="og:site_name" content="Wire &lt;script&gt;alert(10)&lt;/script&gt;">
</head><body><article><h1>Tokyo hosts NATO envoys &lt;img src=x onerror=alert(8)&gt;</h1>
<p>TOKYO, March 4, 2025 -- Japan hosted envoys from NATO on Tuesday, the foreign ministry said.
<a href="javascript:alert(11)">Read the statement</a>.</p>
<p>&#8220;We stand with our partners &lt;script&gt;alert(12)&lt;/script&gt; in Europe,&#8221;
Foreign Minister Takeshi Iwaya told reporters in Tokyo.</p>
<p>The envoys will travel to Seoul next, officials said.</p></article></body></html>
"""

PROBE = """
window.__xss = undefined; window.xss = undefined; window.__csp = [];
document.addEventListener("securitypolicyviolation",
    (event) => window.__csp.push(event.violatedDirective + " " + event.blockedURI));
"""
FORMULA_STARTS = ("=", "+", "-", "@")
PASSWORD = "a long enough admin passphrase"


@pytest.fixture
def hostile(transactional_db, tmp_path):
    (tmp_path / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (tmp_path / "hostile.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    call_command("ingest", str(tmp_path), stdout=io.StringIO())
    return Article.objects.get(source_file="hostile.txt")


@pytest.fixture
def probed(page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(PROBE)
    page.dialogs = dialogs
    return page


def visit(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("load")
    assert page.dialogs == [], f"{url}: a script ran and opened {page.dialogs}"
    assert page.evaluate("window.__xss === undefined && window.xss === undefined"), url
    assert page.evaluate("window.__csp") == [], url  # nothing the policy had to block
    assert page.locator('a[href^="javascript:" i], [onerror], [onload]').count() == 0, url
    assert page.locator("body script:not([src])").count() == 0, url


def public_pages(article: Article) -> list[str]:
    pages = ["/", "/articles/", article.get_absolute_url(), "/quotes/", "/people/"]
    pages += [quote.get_absolute_url() for quote in article.quotes.all()]
    speakers = Person.objects.filter(quotes__article=article).distinct()
    pages += [person.get_absolute_url() for person in speakers]
    pages += ["/timeline/?include=articles&include=quotes", "/search/?q=pact", "/search/?q=alert"]
    pages += ["/countries/KR/", "/organizations/nato/", "/summits/"]
    other = Article.objects.exclude(pk=article.pk).get()
    return pages + [other.get_absolute_url()]


def test_hostile_markup_is_shown_as_text_and_never_runs(live_server, hostile, probed):
    for url in public_pages(hostile):
        visit(probed, live_server.url + url)

    probed.goto(live_server.url + hostile.get_absolute_url())
    assert "<script>alert(1)" in probed.locator("h1").inner_text()
    body = probed.locator(".article-body, article").first.inner_text()
    assert "<img src=x onerror=alert(5)>" in body and "javascript:alert(6)" in body
    other = Article.objects.exclude(pk=hostile.pk).get()
    assert other.url == ""  # a javascript: address is not kept as the article's link
    probed.goto(live_server.url + other.get_absolute_url())
    assert "<img src=x onerror=alert(8)>" in probed.locator("h1").inner_text()


def test_exports_neutralise_formulas_and_keep_markup_as_data(live_server, hostile, probed):
    spoken = [quote.text for quote in Quote.objects.filter(article=hostile)]
    assert any(text.startswith(FORMULA_STARTS) for text in spoken)  # the test has teeth
    for url in [
        "/quotes/?format=csv",
        "/articles/?format=csv",
        "/timeline/?format=csv&include=quotes",
    ]:
        response = probed.request.get(live_server.url + url)
        assert response.headers["content-type"].startswith("text/csv")
        assert response.headers["x-content-type-options"] == "nosniff"
        cells = [cell for row in csv.reader(io.StringIO(response.text())) for cell in row]
        assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == [], url
    quotes_csv = probed.request.get(live_server.url + "/quotes/?format=csv").text()
    assert "'=1+2 <script>" in quotes_csv and "'@SUM(A1:A9)" in quotes_csv

    exported = probed.request.get(live_server.url + "/quotes/?format=json")
    assert exported.headers["content-type"].startswith("application/json")
    texts = [row["text"] for row in json.loads(exported.text())["results"]]
    assert set(spoken) <= set(texts)  # JSON is data: the exact text, not rewritten


def test_feeds_carry_the_markup_as_escaped_text(live_server, hostile, probed):
    cho = Person.objects.get(quotes__text__startswith="=1+2")
    for url in [cho.get_absolute_url() + "feed/", "/timeline/feed/"]:
        response = probed.request.get(live_server.url + url)
        assert response.headers["content-type"].startswith("application/atom+xml")
        feed = ET.fromstring(response.body())
        atom = "{http://www.w3.org/2005/Atom}"
        assert list(feed.iter("{*}script")) == [] and list(feed.iter("{*}img")) == []
        if url.endswith(f"{cho.slug}/feed/"):
            titles = [entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")]
            assert any("<script>alert(4)" in title for title in titles)
        probed.goto(live_server.url + url)
        assert probed.dialogs == [] and probed.evaluate("window.__csp") == []


@pytest.fixture
def admin_page(live_server, hostile, probed):
    # Transactional tests empty the database between tests: recreate the migration's group.
    importlib.import_module("articles.migrations.0004_curators_group").create_group(apps, None)
    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    probed.goto(live_server.url + "/admin/")
    probed.get_by_label("Username").fill("root")
    probed.get_by_label("Password").fill(PASSWORD)
    probed.get_by_role("button", name="Log in").click()
    probed.wait_for_url("**/admin/")
    return probed


def test_the_admin_works_under_the_policy_and_escapes_too(live_server, hostile, admin_page):
    quote = Quote.objects.filter(article=hostile).first()
    pages = [
        "/admin/",
        "/admin/articles/article/",
        f"/admin/articles/article/{hostile.pk}/change/",
        "/admin/articles/quote/",
        f"/admin/articles/quote/{quote.pk}/change/",
        "/admin/entities/person/",
        "/admin/review/",
    ]
    for url in pages:
        visit(admin_page, live_server.url + url)

    # The admin's own scripts run under the policy: the speaker box became an autocomplete.
    admin_page.goto(live_server.url + f"/admin/articles/quote/{quote.pk}/change/")
    assert admin_page.locator(".select2-container").count() > 0
    admin_page.locator("#id_speaker_label").fill("Edited under the CSP")
    admin_page.get_by_role("button", name="Save", exact=True).click()
    assert "was changed successfully" in admin_page.locator(".messagelist").inner_text()
    assert admin_page.evaluate("window.__csp") == []
