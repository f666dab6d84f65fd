"""A reader's journeys through the site in headless Chromium, on the small named world."""

import csv
import re

import pytest

from tests.browsing import make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def world(transactional_db):
    return make_world()


def apply(page):
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()


def test_timeline_narrows_by_summit_then_actor_and_dates(live_server, world, page, screenshot):
    page.goto(live_server.url + "/timeline/")
    assert page.get_by_role("heading", name="Lithuanian leaders", exact=False).count() == 1

    page.get_by_role("combobox", name="Summit").select_option(label=world.washington.name)
    apply(page)
    assert "summit=nato-summit-2024-washington" in page.url
    titles = page.locator(".rows .title").all_inner_texts()
    assert world.meeting.name in titles and world.declaration.name in titles
    assert world.vilnius_talks.name not in titles
    assert page.locator(".summit-band").first.inner_text().startswith(world.washington.name)

    page.get_by_label("Actors").fill("JP")
    page.get_by_label("From", exact=True).fill("2024-07-01")
    page.get_by_label("To", exact=True).fill("2024-07-31")
    apply(page)
    assert re.search(r"actor=JP.*start=2024-07-01.*end=2024-07-31", page.url)
    titles = page.locator(".rows .title").all_inner_texts()
    assert titles == [world.meeting.name]
    # The actor stays in its box and a fresh box waits for another one.
    boxes = page.locator("input[name=actor]")
    assert [boxes.nth(i).input_value() for i in range(boxes.count())] == ["JP", ""]
    screenshot("timeline-filtered")


def test_a_bad_date_is_a_form_error_not_a_crash(live_server, world, page):
    response = page.goto(live_server.url + "/timeline/?start=2024-09-01&end=2024-01-01")

    assert response.status == 400
    assert "The end date is before the start date." in page.locator(".field-end").inner_text()


def test_quote_card_leads_to_the_highlighted_sentence(live_server, world, page, screenshot):
    quote = world.sato_quote
    page.goto(live_server.url + "/quotes/")
    screenshot("quotes")
    card = page.locator(".quote-card", has_text=quote.text)
    assert "Prime Minister" in card.inner_text()
    assert "Harbour Wire" in card.inner_text()
    card.get_by_role("link", name=re.compile("^Permalink")).click()

    page.wait_for_url(f"**{quote.get_absolute_url()}")
    assert "Sato told reporters" in page.locator(".quote-card .context").inner_text()
    screenshot("quote")
    page.get_by_role("link", name="Read it in the article, highlighted").click()

    page.wait_for_url(f"**{quote.article.get_absolute_url()}#quote-{quote.pk}")
    mark = page.locator(f"mark#quote-{quote.pk}")
    assert mark.inner_text() == quote.text
    assert mark.is_visible()
    assert page.evaluate("location.hash") == f"#quote-{quote.pk}"
    screenshot("article")


def test_quotes_csv_download_respects_the_filters(live_server, world, page, tmp_path):
    page.goto(live_server.url + f"/quotes/?speaker={world.min.slug}")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    path = tmp_path / "quotes.csv"
    download_info.value.save_as(path)

    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["speaker"] for row in rows} == {world.min.name}
    assert {row["text"] for row in rows} == {world.min_quote.text, world.vilnius_quote.text}
    assert {row["publisher"] for row in rows} == {"Harbour Wire", "Baltic Ledger"}


def test_search_from_the_header(live_server, world, page, screenshot):
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="Search articles, quotes, people and events").first.fill(
        "Vilnius"
    )
    page.keyboard.press("Enter")

    page.wait_for_url("**/search/?q=Vilnius")
    assert page.get_by_role("link", name=world.vilnius_talks.name).is_visible()
    assert page.locator(".snippet mark").first.inner_text().lower() == "vilnius"
    screenshot("search")


@pytest.mark.parametrize("name", ["home", "timeline", "summit", "person", "country", "about"])
def test_main_pages_render_and_are_screenshotted(live_server, world, page, screenshot, name):
    url = {
        "home": "/",
        "timeline": "/timeline/?include=articles&include=quotes",
        "summit": world.washington.get_absolute_url(),
        "person": world.min.get_absolute_url(),
        "country": "/countries/KR/",
        "about": "/about/",
    }[name]
    response = page.goto(live_server.url + url)

    assert response.status == 200
    assert page.get_by_role("main").is_visible()
    assert page.get_by_role("heading", level=1).count() == 1
    screenshot(name)


@pytest.mark.parametrize("name", ["home", "timeline", "article", "quotes"])
def test_pages_fit_a_phone_without_sideways_scrolling(live_server, world, browser, name):
    url = {
        "home": "/",
        "timeline": "/timeline/?include=quotes",
        "article": world.harbour.get_absolute_url(),
        "quotes": "/quotes/",
    }[name]
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    phone = context.new_page()
    try:
        phone.goto(live_server.url + url)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        phone.screenshot(path=str(screenshot_path(f"phone-{name}")), full_page=True)
    finally:
        context.close()


def test_filters_work_from_the_keyboard(live_server, world, page):
    page.goto(live_server.url + "/quotes/")
    page.get_by_label("Speaker kind").select_option("anonymous")
    page.get_by_role("button", name="Apply filters").focus()
    page.keyboard.press("Enter")

    page.wait_for_url("**/quotes/?**kind=anonymous**")
    texts = page.locator(".quote-card blockquote").all_inner_texts()
    assert texts == [world.anonymous_quote.text]


def screenshot_path(name: str):
    from .conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"


UNLABELLED = """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
    .filter(el => el.labels.length === 0 && !el.getAttribute('aria-label'))
    .map(el => el.outerHTML)"""


@pytest.mark.parametrize(
    "url", ["/", "/timeline/", "/quotes/", "/articles/", "/people/", "/search/"]
)
def test_every_form_control_has_a_label(live_server, world, page, url):
    page.goto(live_server.url + url)

    assert page.evaluate(UNLABELLED) == []


def test_keyboard_users_skip_to_the_content_with_a_visible_focus(live_server, world, page):
    page.goto(live_server.url + "/timeline/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["x"] >= 0  # moved on screen when focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "id_summit"  # the first filter, right after the skip target
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
