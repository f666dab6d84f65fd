import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.urls import reverse

from entities.charts import MAX_MONTHS, events_per_month
from entities.models import Event, EventType, Precision
from tests.browsing import add_coverage, event, make_world

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "natoip.json"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason="fixtures/natoip.json not built yet")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def world(db):
    return make_world()


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def timeline(client, **params):
    return client.get(reverse("entities:timeline"), params)


# Timeline -------------------------------------------------------------------------------------


def test_timeline_groups_by_month_in_date_order(client, world):
    html = html_of(timeline(client))

    months = ["July 2023", "March 2024", "June 2024", "July 2024"]
    positions = [html.index(f">{month}</h3>") for month in months]
    assert positions == sorted(positions)
    assert html.index(world.briefing.name) < html.index(world.meeting.name)


def test_timeline_leaves_out_reference_summits_nothing_covers(client, world):
    html = html_of(timeline(client))

    # Madrid 2022 has no side events, quotes or articles here: not an item, not a month.
    assert f'href="{world.madrid.get_absolute_url()}"' not in html
    assert ">June 2022</h3>" not in html
    assert world.vilnius.get_absolute_url() in html


def test_timeline_marks_summit_months_and_cycles(client, world):
    html = html_of(timeline(client))

    assert '<h2 class="era">Toward the NATO Summit 2024 (Washington) · 9–11 July 2024</h2>' in html
    bands = html.split('<p class="summit-band">')[1:]
    assert [band.split('">', 1)[0] for band in bands] == [
        f'<a href="{world.vilnius.get_absolute_url()}',
        f'<a href="{world.washington.get_absolute_url()}',
    ]


def test_timeline_shows_a_month_precise_date_as_the_month(client, world):
    html = html_of(timeline(client, actor="KR"))

    row = html.split(world.envoys.name, 1)[0].rsplit('<li class="row event-row">', 1)[1]
    assert ">March 2024</time>" in row
    assert "1 March" not in row


def test_timeline_summit_filter_excludes_other_summits(client, world):
    html = html_of(timeline(client, summit=world.washington.slug))

    assert world.meeting.name in html and world.declaration.name in html
    assert world.vilnius_talks.name not in html
    assert "Showing NATO Summit 2024 (Washington)." in html


def test_timeline_includes_articles_and_quotes_on_request(client, world):
    without = html_of(timeline(client, summit=world.washington.slug))
    with_all = html_of(
        timeline(client, summit=world.washington.slug, include=["articles", "quotes"])
    )

    assert world.harbour.title not in without and world.min_quote.text not in without
    assert world.harbour.title in with_all and world.min_quote.text in with_all
    assert world.capital.title in with_all  # mentions the summit itself


@pytest.mark.parametrize(
    "params, message",
    [
        ({"start": "2024-02-31"}, "Enter a valid date."),
        ({"start": "2024-09-01", "end": "2024-01-01"}, "The end date is before the start date."),
        ({"actor": "XX"}, "Unknown actor: XX"),
        ({"summit": "nato-summit-1900-nowhere"}, "Select a valid choice"),
        ({"type": "picnic"}, "Select a valid choice"),
        ({"page": "0"}, "There is no such page"),
        ({"page": "99999999999999999999"}, "There is no such page"),
    ],
)
def test_timeline_bad_input_is_a_400_page_with_the_reason(client, world, params, message):
    response = timeline(client, **params)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_timeline_pagination_keeps_the_filters(client, world):
    add_coverage(world, 70)

    html = html_of(timeline(client, summit=world.washington.slug, actor="US"))

    assert f"?summit={world.washington.slug}&amp;actor=US&amp;page=2" in html


def test_timeline_chart_reflects_the_filters(client, world):
    html = html_of(timeline(client, actor="JP"))

    assert "<title>July 2024: 1 event</title>" in html
    assert "1 event by month, July 2024; most in July 2024 (1)." in html
    assert "?actor=JP&amp;start=2024-07-01&amp;end=2024-07-31" in html  # the bar narrows to it


def test_timeline_feed_follows_the_filters(client, world):
    response = client.get(reverse("entities:timeline-feed"), {"summit": world.vilnius.slug})

    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles == [
        f"{world.vilnius_talks.name} (12 July 2023)",
        f"{world.vilnius.name} (11–12 July 2023)",
    ]
    assert "NATO Summit 2023 (Vilnius)" in feed.findtext(f"{ATOM}title")


def test_timeline_feed_with_bad_filters_is_a_400(client, world):
    response = client.get(reverse("entities:timeline-feed"), {"start": "soon"})

    assert response.status_code == 400


# Charts ---------------------------------------------------------------------------------------


def test_chart_counts_every_month_between_the_first_and_last_event(world):
    chart = events_per_month(Event.objects.filter(pk__in=[world.briefing.pk, world.meeting.pk]))

    assert [(bar.label, bar.count) for bar in chart.bars] == [
        ("June 2024", 1),
        ("July 2024", 1),
    ]
    assert chart.bars[0].start == dt.date(2024, 6, 1) and chart.bars[0].end == dt.date(2024, 6, 30)
    assert chart.bars[0].height == chart.bars[1].height > 0


def test_chart_leaves_year_precise_events_out_of_a_monthly_chart(world):
    event("Some launch", EventType.LAUNCH, dt.date(2024, 1, 1), precision=Precision.YEAR)

    chart = events_per_month(Event.objects.all())

    assert chart.per == "month"
    assert chart.uncharted == 1
    assert chart.total == Event.objects.count() - 1


def test_chart_switches_to_years_for_long_spans(db):
    event("Old statement", EventType.STATEMENT, dt.date(2010, 5, 1))
    event("New statement", EventType.STATEMENT, dt.date(2010 + MAX_MONTHS // 12 + 1, 5, 1))

    chart = events_per_month(Event.objects.all())

    assert chart.per == "year"
    assert chart.bars[0].label == "2010" and chart.bars[0].count == 1
    assert sum(bar.count for bar in chart.bars) == 2


def test_chart_of_nothing_says_so(db):
    chart = events_per_month(Event.objects.none())

    assert chart.bars == [] and chart.summary == "No dated events match."


# Summits --------------------------------------------------------------------------------------


def test_summit_list_shows_every_summit_with_ip4_and_counts(client, world):
    html = html_of(client.get(reverse("entities:summit-list")))

    for summit in (world.madrid, world.vilnius, world.washington):
        assert summit.get_absolute_url() in html
    row = html.split(world.washington.name, 1)[1].split("</tr>", 1)[0]
    assert "Japan, South Korea" in row


def test_summit_page_has_attendance_side_events_declarations_quotes_and_articles(client, world):
    html = html_of(client.get(world.washington.get_absolute_url()))

    assert "9–11 July 2024" in html
    ip4 = html.split("Indo-Pacific partners (IP4)</h3>", 1)[1].split("<h3>", 1)[0]
    assert "Min Ha-eun</a> — President" in ip4 and "Sato Kenji</a> — Prime Minister" in ip4
    side = html.split('id="side-events-heading"', 1)[1].split("</section>", 1)[0]
    declarations = html.split('id="declarations-heading"', 1)[1].split("</section>", 1)[0]
    assert world.meeting.name in side and world.declaration.name not in side
    assert world.declaration.name in declarations
    assert world.min_quote.text in html and world.vilnius_quote.text not in html
    assert world.harbour.get_absolute_url() in html and world.capital.get_absolute_url() in html


def test_summit_attendance_marks_people_only_named_in_coverage(client, world):
    # An Australian named in coverage of a side meeting, without taking part in one.
    from tests.browsing import mention, person

    leader = person("Olivia Grant", "AU")
    mention(world.harbour, leader, "South Korea")  # any span will do for the evidence

    html = html_of(client.get(world.washington.get_absolute_url()))

    ip4 = html.split("Indo-Pacific partners (IP4)</h3>", 1)[1].split("<h3>", 1)[0]
    assert "Olivia Grant</a>" in ip4
    assert "named in coverage" in ip4.split("Olivia Grant", 1)[1].split("</li>", 1)[0]


def test_an_event_that_is_not_a_summit_is_not_a_summit_page(client, world):
    assert client.get(f"/summits/{world.meeting.slug}/").status_code == 404


def test_a_summit_event_url_redirects_to_the_summit_page(client, world):
    response = client.get(f"/events/{world.vilnius.slug}/")

    assert response.status_code == 302
    assert response["Location"] == world.vilnius.get_absolute_url()


# People ---------------------------------------------------------------------------------------


def test_people_list_filters_by_country_with_counts(client, world):
    html = html_of(client.get(reverse("entities:person-list"), {"country": "KR"}))

    assert world.min.get_absolute_url() in html and world.park.get_absolute_url() in html
    assert world.sato.get_absolute_url() not in html


def test_person_page_has_roles_quotes_events_articles_and_co_mentions(client, world):
    html = html_of(client.get(world.min.get_absolute_url()))

    roles = html.split('id="roles-heading"', 1)[1].split("</section>", 1)[0]
    assert "President" in roles and world.ledger.title in roles and "12 July 2023" in roles
    assert world.min_quote.text in html and world.vilnius_quote.text in html
    assert world.meeting.get_absolute_url() in html
    co = html.split('id="co-heading"', 1)[1].split("</section>", 1)[0]
    assert "Sato Kenji</a>" in co and "1 article" in co
    assert "Min Ha-eun</a>" not in co
    assert reverse("entities:person-feed", args=[world.min.slug]) in html


def test_unknown_person_is_404(client, db):
    assert client.get("/people/nobody-at-all/").status_code == 404
    assert client.get("/people/nobody-at-all/feed/").status_code == 404


# Countries and organisations ------------------------------------------------------------------


def test_country_list_groups_partners_members_and_others(client, world):
    html = html_of(client.get(reverse("entities:country-list")))

    ip4 = html.index("Indo-Pacific partner (IP4)</h2>")
    members = html.index("NATO member</h2>")
    others = html.index("Other</h2>")
    assert ip4 < html.index(">Japan</a>") < members < html.index(">Lithuania</a>") < others
    assert others < html.index(">Russia</a>")


def test_country_page_events_include_those_of_its_people(client, world):
    html = html_of(client.get("/countries/KR/"))

    events = html.split('id="events-heading"', 1)[1].split("</section>", 1)[0]
    assert world.vilnius_talks.name in events  # through Min Ha-eun
    assert world.envoys.name in events  # hosted
    assert world.briefing.name not in events
    assert world.min_quote.text in html.split('id="quotes-heading"', 1)[1].split("</section>")[0]


def test_country_page_lists_quotes_that_name_it(client, world):
    html = html_of(client.get("/countries/JP/"))

    naming = html.split('id="naming-heading"', 1)[1].split("</section>", 1)[0]
    assert "“Japan”" in naming
    assert world.sato_quote.text not in naming  # said by its own official
    korea = html_of(client.get("/countries/KR/"))
    # "Korea" alone is inside "North Korea", so it is not used to find quotes naming KR.
    assert "“Korea”" not in korea and "“Republic of Korea”" in korea


def test_country_codes_are_case_insensitive(client, world):
    response = client.get("/countries/jp/")

    assert response.status_code == 301 and response["Location"] == "/countries/JP/"
    assert client.get("/countries/XX/").status_code == 404


def test_organisation_pages(client, world):
    listing = html_of(client.get(reverse("entities:organization-list")))
    detail = html_of(client.get(world.nato.get_absolute_url()))

    assert world.unsc.get_absolute_url() in listing
    assert "Erik Lind" in detail
    assert world.declaration.name in detail and world.washington.name in detail


def test_event_page_has_its_summit_participants_quotes_and_articles(client, world):
    html = html_of(client.get(world.meeting.get_absolute_url()))

    assert world.washington.get_absolute_url() in html
    assert world.sato.get_absolute_url() in html and "/countries/JP/" in html
    assert world.min_quote.text in html and world.harbour.get_absolute_url() in html


# Query counts ---------------------------------------------------------------------------------


QUERY_COUNTS = {
    "/timeline/": 13,
    "/timeline/?include=articles&include=quotes": 15,
    "/timeline/?summit=nato-summit-2024-washington&actor=KR&actor=min-ha-eun&start=2024-01-01": 17,
    "/timeline/?format=json&include=quotes": 6,
    "/timeline/feed/": 4,
    "/summits/": 9,
    "/summits/nato-summit-2024-washington/": 15,
    "/people/": 4,
    "/people/?format=csv": 1,
    "/people/min-ha-eun/": 10,
    "/people/min-ha-eun/feed/": 2,
    "/countries/": 1,
    "/countries/KR/": 11,
    "/organizations/": 1,
    "/organizations/nato/": 8,
    "/about/": 1,
}


@pytest.mark.parametrize("url", QUERY_COUNTS)
def test_pages_run_a_fixed_number_of_queries(client, world, django_assert_num_queries, url):
    with django_assert_num_queries(QUERY_COUNTS[url]):
        client.get(url)
    add_coverage(world, 12)
    with django_assert_num_queries(QUERY_COUNTS[url]):
        client.get(url)


def test_event_page_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    with django_assert_num_queries(6):
        client.get(world.meeting.get_absolute_url())


# The committed seed data ----------------------------------------------------------------------


@needs_seed
def test_seed_washington_filter_returns_its_side_meeting_and_declaration_not_vilnius(
    client, seed_data
):
    washington = Event.objects.get(slug="nato-summit-2024-washington")
    vilnius = Event.objects.get(slug="nato-summit-2023-vilnius")

    html = html_of(timeline(client, summit=washington.slug))

    children = list(Event.objects.filter(parent=washington))
    assert any(e.type == EventType.BILATERAL for e in children)
    assert any(e.type == EventType.STATEMENT for e in children)
    for child in children:
        assert child.get_absolute_url() in html
    for other in Event.objects.filter(parent=vilnius):
        assert other.get_absolute_url() not in html


@needs_seed
def test_seed_summit_pages_show_ip4_leaders(client, seed_data):
    html = html_of(client.get("/summits/nato-summit-2024-washington/"))

    ip4 = html.split("Indo-Pacific partners (IP4)</h3>", 1)[1].split("<h3>", 1)[0]
    assert "/countries/KR/" in ip4


# Hostile input --------------------------------------------------------------------------------

HOSTILE = ["a\x00b", "x" * 5000, "' OR 1=1 --%", "日本", "9" * 30]
FILTERED = {
    "/timeline/": ["summit", "actor", "match", "type", "start", "end", "q", "include", "page"],
    "/timeline/feed/": ["summit", "actor", "start", "q"],
    "/people/": ["country", "organization", "q", "page"],
    "/quotes/": ["speaker", "country", "organization", "summit", "start", "end", "kind", "q"],
    "/articles/": ["publisher", "summit", "actor", "match", "start", "end", "q", "page"],
    "/search/": ["q"],
}


@pytest.mark.parametrize("url", FILTERED)
def test_hostile_values_never_crash_a_list(client, world, url):
    for name in FILTERED[url]:
        for value in HOSTILE:
            status = client.get(url, {name: value}).status_code
            assert status in (200, 400), (url, name, repr(value[:20]), status)
        status = client.get(url, {name: HOSTILE[0], "format": "json"}).status_code
        assert status in (200, 400), (url, name, "json", status)
