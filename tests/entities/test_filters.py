import datetime as dt

import pytest
from django.http import QueryDict

from entities.filters import MAX_ACTORS, PersonFilter, TimelineFilter, resolve_actors
from entities.models import Event, EventType, Precision
from tests.browsing import event, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return make_world()


def timeline(query: str) -> TimelineFilter:
    return TimelineFilter(QueryDict(query), queryset=Event.objects.all())


def events(query: str) -> set[str]:
    filterset = timeline(query)
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("name", flat=True))


def test_summit_filter_keeps_the_summit_and_its_side_events_only(world):
    found = events("summit=nato-summit-2024-washington")

    assert found == {world.washington.name, world.meeting.name, world.declaration.name}


def test_a_country_takes_part_by_participating_hosting_or_through_its_people(world):
    # JP participates in the meeting; KR hosts the envoys visit and its people took part in the
    # Vilnius talks, where KR itself is not listed.
    assert events("actor=JP") == {world.meeting.name}
    assert events("actor=KR") == {world.meeting.name, world.envoys.name, world.vilnius_talks.name}


def test_an_organisation_takes_part_by_participating_or_convening(world):
    found = events("actor=nato")

    assert world.declaration.name in found and world.envoys.name in found
    assert world.madrid.name in found  # NATO convenes its summits
    assert world.meeting.name not in found


def test_actors_match_any_by_default_and_all_on_request(world):
    # LT hosts the Vilnius summit and takes part in the talks there.
    assert events("actor=JP&actor=LT") == {
        world.meeting.name,
        world.vilnius.name,
        world.vilnius_talks.name,
    }
    assert events("actor=KR&actor=JP&match=all") == {world.meeting.name}
    assert events("actor=min-ha-eun&actor=LT&match=all") == {world.vilnius_talks.name}


def test_actor_keys_are_case_insensitive_and_accept_slugs(world):
    actors, unknown = resolve_actors(["kr", "NATO", "japan", "un-security-council", "MIN-HA-EUN"])

    assert actors == [
        world.countries["KR"],
        world.nato,
        world.countries["JP"],
        world.unsc,
        world.min,
    ]
    assert unknown == []


def test_an_unknown_actor_is_a_form_error_naming_it(world):
    filterset = timeline("actor=KR&actor=atlantis")

    assert not filterset.is_valid()
    assert "atlantis" in filterset.errors["actor"][0]
    assert filterset.criteria == {}


def test_too_many_actors_is_a_form_error(world):
    filterset = timeline("&".join(["actor=KR"] * (MAX_ACTORS + 1)))

    assert not filterset.is_valid()
    assert "at most" in filterset.errors["actor"][0]


def test_types_combine_with_the_summit(world):
    found = events("summit=nato-summit-2024-washington&type=statement&type=summit")

    assert found == {world.washington.name, world.declaration.name}


def test_date_range_keeps_events_that_overlap_it(world):
    # The Washington summit runs 9–11 July: a range starting on the 11th still catches it.
    assert world.washington.name in events("start=2024-07-11&end=2024-07-20")
    assert world.washington.name not in events("start=2024-07-12")
    assert events("start=2024-06-01&end=2024-06-30") == {world.briefing.name}


def test_a_month_precise_event_covers_its_whole_month(world):
    # The envoys' visit is known only as "March 2024" (stored as 1 March).
    assert world.envoys.name in events("start=2024-03-15&end=2024-03-20")
    assert world.envoys.name not in events("start=2024-04-01")


def test_a_year_precise_event_covers_its_whole_year(world):
    launch = event("A launch", EventType.LAUNCH, dt.date(2023, 1, 1), precision=Precision.YEAR)

    assert launch.name in events("start=2023-10-01&end=2023-12-31")
    assert launch.name not in events("start=2024-01-01")


def test_start_after_end_is_an_error_on_the_end_field(world):
    filterset = timeline("start=2024-09-01&end=2024-01-01")

    assert not filterset.is_valid()
    assert filterset.errors["end"] == ["The end date is before the start date."]


@pytest.mark.parametrize(
    "query, field",
    [
        ("start=2024-13-40", "start"),
        ("end=yesterday", "end"),
        ("summit=no-such-summit", "summit"),
        ("type=party", "type"),
        ("include=everything", "include"),
        ("q=" + "x" * 201, "q"),
    ],
)
def test_bad_values_are_form_errors(world, query, field):
    filterset = timeline(query)

    assert not filterset.is_valid()
    assert field in filterset.errors


def test_free_text_matches_names_and_places(world):
    assert events("q=lithuanian") == {world.vilnius_talks.name}
    assert events("q=seoul") == {world.envoys.name}


def test_filters_combine_summit_actor_and_dates(world):
    query = "summit=nato-summit-2024-washington&actor=JP&start=2024-07-10&end=2024-07-10"

    assert events(query) == {world.meeting.name}


def test_included_articles_and_quotes_follow_the_same_criteria(world):
    filterset = timeline("summit=nato-summit-2024-washington&include=articles&include=quotes")
    assert filterset.is_valid()

    assert set(filterset.articles()) == {world.harbour, world.capital}
    assert set(filterset.quotes()) == {world.min_quote, world.sato_quote}
    assert filterset.includes("articles") and filterset.includes("quotes")


def test_included_quotes_by_actor_and_date_fall_back_to_the_article_date(world):
    filterset = timeline("actor=KR&start=2024-03-01&end=2024-03-31&include=quotes")
    assert filterset.is_valid()

    # Park's quote has no day of its own; its article is dated March 2024.
    assert list(filterset.quotes()) == [world.park_quote]


def test_summary_puts_the_criteria_in_words(world):
    filterset = timeline("summit=nato-summit-2024-washington&actor=KR&actor=JP&match=all")
    assert filterset.is_valid()

    assert filterset.summary() == [world.washington.name, "South Korea and Japan"]


def test_people_filter_by_country_and_name(world):
    by_country = PersonFilter(QueryDict("country=KR"), queryset=world.min.__class__.objects.all())
    by_name = PersonFilter(QueryDict("q=sato"), queryset=world.min.__class__.objects.all())

    assert set(by_country.qs) == {world.min, world.park}
    assert list(by_name.qs) == [world.sato]
