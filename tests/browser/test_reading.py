from pathlib import Path

import pytest

from articles.models import Quote

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "natoip.json"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not SEED.exists(), reason="fixtures/natoip.json not built yet"),
]


def test_reader_goes_from_the_articles_to_an_article_and_a_quote(
    live_server, seed_data, page, screenshot
):
    quote = Quote.objects.select_related("article", "speaker").filter(speaker__isnull=False).first()

    page.goto(live_server.url + "/")
    screenshot("seed-home")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Articles").click()
    page.get_by_role("link", name=quote.article.title).click()
    page.wait_for_url(f"**{quote.article.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == quote.article.title
    assert page.locator(f"mark#quote-{quote.pk}").is_visible()
    screenshot("seed-article")

    page.locator(f'a[href="{quote.get_absolute_url()}"]').first.click()
    page.wait_for_url(f"**{quote.get_absolute_url()}")
    assert quote.speaker.name in page.get_by_role("heading", level=1).inner_text()
    assert quote.text[:40] in page.locator("blockquote").first.inner_text()
    screenshot("seed-quote")


def test_seed_timeline_by_summit(live_server, seed_data, page, screenshot):
    page.goto(live_server.url + "/timeline/?summit=nato-summit-2024-washington&include=quotes")

    assert page.locator(".summit-band").count() == 1
    screenshot("seed-timeline-washington")
