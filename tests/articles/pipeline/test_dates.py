"""Stage 6a — dates: the vocabulary, resolution against the article date, summit references
and the publication-date inference. Every text here is written for these tests."""

import datetime as dt

import pytest

from articles.pipeline import dates
from articles.pipeline.knowledge import CountryInfo, Knowledge, OrganizationInfo, SummitInfo
from articles.pipeline.result import ArticleMeta, DateBasis, FuzzyDate, Precision

D = dt.date

WASHINGTON = SummitInfo(
    slug="nato-summit-2024-washington",
    name="2024 NATO Summit in Washington",
    organization="NATO",
    start=D(2024, 7, 9),
    end=D(2024, 7, 11),
    city="Washington",
    country="US",
    aliases=("Washington summit",),
)
VILNIUS = SummitInfo(
    "nato-summit-2023-vilnius", "2023 NATO Summit in Vilnius", "NATO",
    D(2023, 7, 11), D(2023, 7, 12), "Vilnius", "LT", ("Vilnius summit",),
)  # fmt: skip
MADRID = SummitInfo(
    "nato-summit-2022-madrid", "2022 NATO Summit in Madrid", "NATO",
    D(2022, 6, 28), D(2022, 6, 30), "Madrid", "ES",
)  # fmt: skip
HAGUE = SummitInfo(
    "nato-summit-2025-the-hague", "2025 NATO Summit in The Hague", "NATO",
    D(2025, 6, 24), D(2025, 6, 25), "The Hague", "NL", ("Hague summit",),
)  # fmt: skip
KNOWLEDGE = Knowledge(
    countries=(
        CountryInfo("US", "United States", "us", aliases=("U.S.", "US"), capitals=("Washington",)),
        CountryInfo("LT", "Lithuania", "lt", demonyms=("Lithuanian",), capitals=("Vilnius",)),
        CountryInfo("ES", "Spain", "es", demonyms=("Spanish",), capitals=("Madrid",)),
        CountryInfo(
            "NL", "Netherlands", "nl", aliases=("the Netherlands",), capitals=("Amsterdam",)
        ),
    ),
    organizations=(OrganizationInfo("NATO", "North Atlantic Treaty Organization", "nato"),),
    summits=(MADRID, VILNIUS, WASHINGTON, HAGUE),
)


def day(y: int, m: int, d: int) -> FuzzyDate:
    return FuzzyDate(D(y, m, d), Precision.DAY)


def month(y: int, m: int) -> FuzzyDate:
    return FuzzyDate(D(y, m, 1), Precision.MONTH)


def year(y: int) -> FuzzyDate:
    return FuzzyDate(D(y, 1, 1), Precision.YEAR)


def resolved(text: str, anchor: FuzzyDate | None) -> list[tuple[str, FuzzyDate, FuzzyDate | None]]:
    return [(m.text, m.start, m.end) for m in dates.find_dates(text, anchor)]


def only(text: str, anchor: FuzzyDate | None) -> tuple[FuzzyDate, FuzzyDate | None]:
    found = dates.find_dates(text, anchor)
    assert len(found) == 1, [m.text for m in found]
    return found[0].start, found[0].end


# --- vocabulary ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks ended on Oct. 4, 2022, in Geneva.", day(2022, 10, 4)),
        ("The pact took effect Sept. 3, 2021.", day(2021, 9, 3)),
        ("Officials met on 24 June 2024 in Canberra.", day(2024, 6, 24)),
        ("It was signed on the 12th of July 2023.", day(2023, 7, 12)),
        ("The mission opened in November 2022.", month(2022, 11)),
        ("The drills were first held in 2019.", year(2019)),
        ("Filed 2024-02-29 by the ministry.", day(2024, 2, 29)),
    ],
)
def test_dates_that_carry_their_year_need_no_anchor(text, expected):
    assert only(text, None) == (expected, None)


@pytest.mark.parametrize(
    "text",
    [
        "The leaders meet July 9-11 in the capital.",
        "The leaders meet 9-11 July in the capital.",
        "The leaders meet from July 9 to 11 in the capital.",
        "The leaders meet July 9 through 11 in the capital.",
    ],
)
def test_day_ranges_resolve_to_a_start_and_an_end(text):
    assert only(text, day(2024, 6, 20)) == (day(2024, 7, 9), day(2024, 7, 11))


def test_a_range_across_months_keeps_both_months():
    assert only("Exercises ran July 30-Aug. 2 off the coast.", day(2024, 8, 10)) == (
        day(2024, 7, 30),
        day(2024, 8, 2),
    )


def test_abbreviated_month_without_a_dot_as_in_wire_datelines():
    assert only("TOKYO, Nov 5 (Wire) - Jets were scrambled.", day(2024, 11, 5))[0] == day(
        2024, 11, 5
    )


def test_numbers_that_only_look_like_days_are_not_dates():
    assert (
        dates.find_dates("More than 32 May-fly species and 2000 troops were counted.", None) == []
    )
    assert dates.find_dates("They may 2 times a year decide.", day(2024, 1, 1)) == []


def test_a_weekday_joined_to_a_date_is_one_mention():
    found = dates.find_dates("The envoy arrived on Tuesday (31 January 2023) in Tokyo.", None)
    assert [(m.text, m.start) for m in found] == [("Tuesday (31 January 2023)", day(2023, 1, 31))]
    assert found[0].expression.weekday == 1


def test_a_weekday_that_converts_a_time_zone_is_no_new_date():
    text = "The missiles flew at 7:30 a.m. (2230 GMT Monday) on Tuesday."
    assert [m.text for m in dates.find_dates(text, day(2024, 11, 5))] == ["Tuesday"]


# --- resolving relative expressions -------------------------------------------------------------

MONDAY_JUNE_24 = day(2024, 6, 24)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister spoke on Monday.", day(2024, 6, 24)),
        ("The minister spoke Friday.", day(2024, 6, 21)),
        ("The minister spoke last Monday.", day(2024, 6, 17)),
        ("The minister will speak on Thursday.", day(2024, 6, 27)),
        ("The minister is set to speak Wednesday.", day(2024, 6, 26)),
        ("The minister spoke yesterday.", day(2024, 6, 23)),
        ("The minister speaks today.", day(2024, 6, 24)),
        ("The ship docked three days ago.", day(2024, 6, 21)),
        ("The summit is next month.", month(2024, 7)),
        ("The launch came last month.", month(2024, 5)),
        ("The plan was unveiled earlier this month.", month(2024, 6)),
        ("Elections were held last year.", year(2023)),
        ("Talks resume next year.", year(2025)),
        ("The plan was agreed this year.", year(2024)),
        ("The alliance grew in March.", month(2024, 3)),
        ("The vote came on March 28.", day(2024, 3, 28)),
    ],
)
def test_relative_expressions_resolve_against_a_day_anchor(text, expected):
    assert only(text, MONDAY_JUNE_24)[0] == expected


def test_this_week_is_the_month_when_the_week_lies_in_one_month():
    assert only("Leaders gather in the capital this week.", day(2024, 7, 10)) == (
        month(2024, 7),
        None,
    )


def test_a_week_across_two_months_spans_both():
    assert only("Leaders gather this week.", day(2024, 7, 31)) == (month(2024, 7), month(2024, 8))


def test_the_previous_day_counts_back_from_the_date_just_mentioned():
    text = "The pact was signed on March 3, 2022. The draft had been agreed the previous day."
    assert [m.start for m in dates.find_dates(text, None)] == [day(2022, 3, 3), day(2022, 3, 2)]


def test_a_past_month_day_far_after_the_anchor_is_last_years():
    # Written on Jan. 10: "Dec. 20" in the past is last December, not this one.
    assert only("The ship sank on Dec. 20.", day(2024, 1, 10))[0] == day(2023, 12, 20)


def test_a_future_month_day_far_before_the_anchor_is_next_years():
    assert only("The envoy will visit on Jan. 5.", day(2024, 12, 20))[0] == day(2025, 1, 5)


def test_a_weekday_against_a_month_anchor_is_reported_at_month_precision():
    # The documented choice: a weekday is within days of publication, so the anchor's month.
    assert only("The minister spoke on Monday.", month(2024, 6))[0] == month(2024, 6)


def test_a_month_reference_against_a_year_anchor_keeps_the_year_only():
    assert only("The satellite launch came last month.", year(2023))[0] == year(2023)


def test_relative_expressions_without_an_anchor_are_left_out():
    assert dates.find_dates("He spoke on Monday, as he did last month.", None) == []


def test_local_time_is_recorded_on_the_weekday():
    found = dates.find_dates(
        "The leaders met Wednesday (local time) in Washington.", day(2024, 7, 11)
    )
    assert found[0].start == day(2024, 7, 10)
    assert found[0].expression.local_time


# --- sentences and quotations -------------------------------------------------------------------


def test_sentences_do_not_break_after_abbreviations_or_initials():
    body = "The U.S. envoy met Mr. Lee in Washington, D.C. on Monday. S. Korea agreed. It ended."
    spans = dates.sentence_spans(body)
    assert [body[s.start : s.end] for s in spans] == [
        "The U.S. envoy met Mr. Lee in Washington, D.C. on Monday.",
        "S. Korea agreed.",
        "It ended.",
    ]


def test_an_unclosed_quote_runs_to_the_end_of_its_paragraph():
    body = '"We are ready to act. We will not wait.\n\n"Nobody should doubt it," she said.'
    regions = dates.quote_regions(body)
    assert [body[r.start : r.end] for r in regions] == [
        "We are ready to act. We will not wait.",
        "Nobody should doubt it,",
    ]


# --- summit references --------------------------------------------------------------------------


def summits_in(body: str, anchor: FuzzyDate | None) -> list[str | None]:
    found = dates.find_summit_mentions(body, KNOWLEDGE)
    return [s.slug if (s := dates.choose_summit(m, anchor)) else None for m in found]


def test_two_summits_named_by_country_and_time_in_one_sentence():
    body = (
        "NATO invited Seoul to the two previous NATO summits held in Spain in 2022 and "
        "Lithuania last year."
    )
    assert summits_in(body, year(2024)) == ["nato-summit-2022-madrid", "nato-summit-2023-vilnius"]


def test_the_capital_of_a_country_names_the_summit_city():
    body = "The NATO summit is set to take place in the U.S. capital from July 9-11."
    assert summits_in(body, day(2024, 6, 24)) == ["nato-summit-2024-washington"]


def test_relative_time_picks_the_summit_meant():
    body = "NATO's partners will discuss the agenda of its summit in Washington next month."
    assert summits_in(body, day(2024, 6, 24)) == ["nato-summit-2024-washington"]
    assert summits_in(body, day(2021, 6, 24)) == [None]  # no Washington summit in July 2021


def test_summits_between_named_leaders_or_of_other_bodies_are_not_references():
    body = (
        "NATO officials watched the Putin-Kim summit. Yoon held a summit with Kishida in "
        "Washington. The G20 summit in Madrid was quiet."
    )
    assert dates.find_summit_mentions(body, KNOWLEDGE) == []


def test_a_meeting_is_a_summit_only_when_the_dates_agree():
    body = "NATO allies agreed on the target at the two-day meeting in The Hague."
    assert summits_in(body, day(2025, 6, 25)) == ["nato-summit-2025-the-hague"]
    assert summits_in(body, day(2024, 3, 1)) == [None]


def test_the_latest_summit_is_the_last_one_before_the_article():
    body = (
        "NATO leaders met at several NATO summits, including the latest in Vilnius, "
        "Lithuania, in July."
    )
    mentions = dates.find_summit_mentions(body, KNOWLEDGE)
    assert [m.relation for m in mentions] == ["latest"]
    assert summits_in(body, year(2023)) == ["nato-summit-2023-vilnius"]


# --- datelines and publication-date inference ---------------------------------------------------


def infer(body: str, published: FuzzyDate | None = None) -> dates.Inference:
    return dates.infer_publication(body, ArticleMeta(title="t", published=published), KNOWLEDGE)


@pytest.mark.parametrize(
    ("body", "place", "text"),
    [
        ("SEOUL, July 10 (Wire) -- Officials said.", "SEOUL", "July 10"),
        ("Canberra, 12 July: The minister said.", "Canberra", "12 July"),
        ("WASHINGTON, D.C., June 3 /Newswire/ -- A group said.", "WASHINGTON, D.C.", "June 3"),
    ],
)
def test_datelines_in_wire_press_release_and_australian_styles(body, place, text):
    found = dates.parse_dateline(body)
    assert (found.place, found.text) == (place, text)


def test_a_dateline_with_its_year_dates_the_article():
    result = infer("TOKYO, July 10, 2024 (Wire) -- The cabinet met.")
    assert (result.date, result.basis) == (day(2024, 7, 10), DateBasis.DATELINE)


def test_the_dateline_year_comes_from_the_summit_referred_to_and_the_weekday():
    body = (
        "BRUSSELS, June 3 (Wire) -- NATO defence chiefs on Monday set out plans for the "
        "alliance's summit in Washington next month.\n\n"
        "The meeting of NATO planners was held in the city in November 2022 as well."
    )
    result = infer(body)
    assert (result.date, result.basis) == (day(2024, 6, 3), DateBasis.DATELINE)
    assert "Washington" in result.reason and "Monday" in result.reason


def test_an_australian_dateline_dated_by_a_summit_this_week():
    body = (
        "Canberra, 12 July: The prime minister said on Wednesday that the NATO summit in "
        "Vilnius this week had shown the value of Indo-Pacific partners."
    )
    result = infer(body)
    assert (result.date, result.basis) == (day(2023, 7, 12), DateBasis.DATELINE)


def test_a_weekday_during_a_summit_pins_the_day():
    body = (
        "Leaders met on the sidelines of the 2024 NATO summit in Washington on Wednesday "
        "(local time) to discuss the war."
    )
    result = infer(body)
    assert (result.date, result.basis) == (day(2024, 7, 10), DateBasis.INFERRED)
    assert "Wednesday" in result.reason


def test_the_lead_weekday_within_the_week_before_a_summit_gives_the_day():
    body = (
        "WELLINGTON - The prime minister said on Saturday he would fly to the Netherlands for "
        "the NATO summit next week.\n\nHe met officials on Monday at the G7 gathering abroad."
    )
    result = infer(body)
    assert result.date == day(2025, 6, 21)
    assert result.basis is DateBasis.INFERRED


def test_last_year_and_upcoming_summits_give_the_year():
    body = (
        "NATO invited the four partners to the upcoming summit in Washington scheduled for July. "
        "They were invited to the two previous NATO summits held in Spain in 2022 and "
        "Lithuania last year."
    )
    result = infer(body)
    assert (result.date, result.basis) == (year(2024), DateBasis.INFERRED)
    assert "Lithuania" in result.reason or "Vilnius" in result.reason


def test_the_latest_summit_in_a_yearless_month_gives_its_year():
    body = (
        "Leaders were invited to NATO summits, including the latest in Vilnius, Lithuania, in July."
    )
    assert infer(body).date == year(2023)


def test_a_stated_month_is_refined_by_the_dateline_day():
    result = infer("SEOUL, Oct. 29 (Wire) -- Officials briefed NATO.", published=month(2024, 10))
    assert result.date == day(2024, 10, 29)


def test_only_past_years_referred_to_give_a_year_at_most():
    result = infer("The embassy opened in March 2021 and has grown since.")
    assert result.date == year(2021)
    assert "March 2021" in result.reason


def test_nothing_to_go_on_gives_no_date():
    assert infer("Officials spoke about the weather on Monday.") == dates.Inference(None, None, "")


def test_inference_is_fast_on_a_long_hostile_text():
    body = ("July July 9-9-9 in in in summit Summit NATO 2024 2024 Monday Monday " * 400) + (
        '"' * 300
    )
    started = dt.datetime.now()
    dates.infer_publication(body, ArticleMeta(title="t"), KNOWLEDGE)
    assert (dt.datetime.now() - started).total_seconds() < 30  # hang guard, not a speed target


# --- relative days, chains, links and bounds ----------------------------------------------------

MONDAY_NOV_20 = day(2023, 11, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The divers were hurt on Tuesday last week.", day(2023, 11, 14)),
        ("The envoys meet on Thursday next week.", day(2023, 11, 30)),
        ("The minister said in a statement last night that talks would go on.", day(2023, 11, 19)),
        ("The premier flew home this morning.", day(2023, 11, 20)),
        ("The premier visited the port in April last year.", month(2022, 4)),
        ("The accord was signed on March 3 last year.", day(2022, 3, 3)),
    ],
)
def test_weekdays_of_a_named_week_and_months_of_a_named_year(text, expected):
    assert only(text, MONDAY_NOV_20)[0] == expected


def test_two_weekdays_joined_are_one_range():
    text = "Leaders of the bloc met in the port city on Sunday and Monday."
    assert only(text, day(2025, 9, 2)) == (day(2025, 8, 31), day(2025, 9, 1))


def test_chains_count_from_the_date_just_before_and_keep_its_precision():
    text = (
        "The chamber approved the bill on 12 March 2024. Two days later the president signed it. "
        "Hours later the opposition walked out. The upper house voted in May 2024, and two "
        "days later it was law."
    )
    assert [m.start for m in dates.find_dates(text, None)] == [
        day(2024, 3, 12),
        day(2024, 3, 14),
        day(2024, 3, 14),
        month(2024, 5),
        month(2024, 5),
    ]


def test_a_link_between_clauses_is_no_date_of_its_own():
    text = "The vote came three days after the premier's trip and hours before the deadline."
    links = [e for e in dates.scan_dates(text) if e.kind == "link"]
    assert [(e.offset, e.unit, e.direction, e.vague) for e in links] == [
        (3, "day", 1, False),
        (0, "day", -1, False),
    ]
    assert dates.find_dates(text, MONDAY_NOV_20) == []


def test_a_vague_link_keeps_only_the_month():
    [link] = [e for e in dates.scan_dates("It came less than a month after the launch.")]
    assert link.vague
    assert dates.shift(day(2024, 3, 10), link.unit, -link.offset, vague=True) == month(2024, 2)


@pytest.mark.parametrize(
    "text",
    [
        "Tensions have risen since taking office last year.",
        "It is their first meeting since the minister took office in October.",
        "Bombers have flown near the islands since 2019.",
    ],
)
def test_a_time_closing_a_since_clause_is_marked_as_a_bound(text):
    [expression] = dates.scan_dates(text)
    assert expression.since_at is not None
    assert text[expression.since_at :].startswith("since")


def test_shifting_never_makes_a_date_finer_than_it_is():
    assert dates.shift(day(2024, 6, 13), "month", -3) == month(2024, 3)
    assert dates.shift(month(2024, 1), "day", 2) == month(2024, 1)
    assert dates.shift(year(2023), "month", 7) == year(2023)
    assert dates.shift(day(2024, 2, 28), "day", 2) == day(2024, 3, 1)


def test_a_yearless_dateline_takes_the_year_its_first_lead_weekday_fits():
    body = (
        "PORTVILLE, Nov. 22 (Wire) -- The North said Wednesday it had put a satellite into orbit, "
        "a day after a launch late Tuesday that broke a 2018 agreement.\n\n"
        "Officials said the rocket flew south."
    )
    found = dates.infer_publication(body, ArticleMeta(title="t"), KNOWLEDGE)
    assert (found.date, found.basis) == (day(2023, 11, 22), DateBasis.DATELINE)


def test_the_day_before_ending_a_clause_is_a_chain_but_before_a_clause_a_link():
    text = "The pact was signed on March 3, 2022. It had been drafted the day before. "
    text += "A day after the signing, the envoy left."
    assert [m.start for m in dates.find_dates(text, None)] == [day(2022, 3, 3), day(2022, 3, 2)]
    assert [e.kind for e in dates.scan_dates(text)] == ["date", "chain", "link"]


# --- round 3: the same day, and the news present that speaks of the future ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "The envoy landed on June 20. He met the minister later that day.",
        "The envoy landed on June 20. Earlier in the day, he met the minister.",
        "The envoy landed on June 20 and met the minister on the same day.",
    ],
)
def test_the_same_day_is_the_day_just_mentioned(text):
    found = dates.find_dates(text, MONDAY_JUNE_24)
    assert [m.start for m in found] == [day(2024, 6, 20), day(2024, 6, 20)]


@pytest.mark.parametrize("verb", ["flies to", "travels to", "heads to", "leaves for"])
def test_the_news_present_of_travel_is_the_coming_weekday(verb):
    assert only(f"The premier {verb} Canberra on Friday.", MONDAY_JUNE_24)[0] == day(2024, 6, 28)
