import pytest

from articles.models import Quote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_goes_from_home_to_an_article_and_a_quote(live_server, seed_data, page, screenshot):
    quote = Quote.objects.select_related("article", "speaker").filter(speaker__isnull=False).first()

    page.goto(live_server.url + "/")
    screenshot("home")
    page.get_by_role("link", name=quote.article.title).click()
    page.wait_for_url(f"**{quote.article.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == quote.article.title
    screenshot("article")

    page.locator(f'a[href="{quote.get_absolute_url()}"]').first.click()
    page.wait_for_url(f"**{quote.get_absolute_url()}")
    assert quote.speaker.name in page.get_by_role("heading", level=1).inner_text()
    assert quote.text[:40] in page.locator("blockquote").first.inner_text()
    screenshot("quote")
