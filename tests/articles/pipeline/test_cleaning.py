"""Cleaning: page furniture out, the article's paragraphs in, header and trailer set aside."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from articles.pipeline.cleaning import (
    CleanedDocument,
    byline_names,
    clean,
    find_dateline,
    find_dates,
    is_date_line,
)
from articles.pipeline.reading import RawDocument

SOURCES = Path(__file__).resolve().parents[3] / "fixtures" / "sources"


def text_doc(text: str, kind: str = "text") -> RawDocument:
    return RawDocument(source="test.txt", kind=kind, text=text)


def paragraphs(cleaned: CleanedDocument) -> list[str]:
    return [cleaned.body[s.start : s.end] for s in cleaned.paragraphs]


# ---------------------------------------------------------------------------------------------
# Self-written pages in the styles of the outlets the pipeline meets

WIRE_STORY = """\
![]() |
| ▲ A file photo shows the alliance's flags outside its headquarters in Brussels. (Yonhap) |
Seoul-NATO-drills
South Korea to join NATO cyber exercise for the first time, officials say
By Kim Min-ji
SEOUL, March 3 (Yonhap) -- South Korea will send a team to NATO's annual cyber defense \
exercise in Estonia next month, the defense ministry said Tuesday.
The ministry said about 20 officials would take part in the drill, which tests how allies \
respond to attacks on power grids and communication networks.
"This is a chance to learn from partners who face the same threats we do," a ministry \
official said on condition of anonymity.
(END)
<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>
(C) Yonhap News Agency. All Rights Reserved



"""

HERALD_PAGE = """\
The Korea Herald


Japan, South Korea pledge closer maritime cooperation with NATO allies

By Yonhap

Published : March 5, 2024 - 10:15

    • Link copied

Two coast guard vessels sail off Busan on Monday. (Yonhap) Two coast guard vessels sail \
off Busan on Monday. (Yonhap)

Japan and South Korea agreed Monday to share more maritime surveillance data with NATO \
allies, officials in both capitals said.

The agreement follows months of talks on how the alliance's Indo-Pacific partners can \
contribute to monitoring ship-to-ship transfers at sea.

"We will keep our waters watched," a Japanese official told reporters in Tokyo. (Yonhap)
"""

TIMES_PAGE = """\
Settings

ⓕ font-size

  • -2
  • -1
  • 0
  • +1
  • +2

Allies weigh new air defense fund as missile threats grow

  • Facebook share button
  • Twitter share button
  • Link share button
Officials attend a defense ministers' meeting in Brussels, Thursday. Yonhap

Officials attend a defense ministers' meeting in Brussels, Thursday. Yonhap

Ministers say the fund could be running before the end of the year
By Jane Doe

Defense ministers of the alliance discussed a shared fund for air defense systems on \
Thursday, citing a rise in missile attacks across Europe.

"We  need to act before the next winter," the chair of the meeting said.

Ministers meet again in June

Several  ministers  said their governments would decide on contributions by June.

A destroyer sails near the port of Busan, Friday (local time). AFP-Yonhap

A destroyer sails near the port of Busan, Friday (local time). AFP-Yonhap

The fund would be open to partner nations in the Indo-Pacific as well — including Japan.

Lee Ha-na hanalee@koreatimes.co.kr


X
CLOSE

Top 10 Stories

go top LETTER"""

JOONGANG_PAGE = """\
Seoul and Canberra sign defense industry pact

Home > National > Defense

print dictionary print

Seoul and Canberra sign defense industry pact

Defense ministers of both countries shake hands in Canberra on Monday. [AP/YONHAP]

Defense ministers of both countries shake hands in Canberra on Monday. [AP/YONHAP]

\u00a0
South Korea and Australia signed an agreement on Monday to build armored vehicles together.
\u00a0
“This pact makes our partnership stronger than ever,” the Australian minister said.
\u00a0

Related Article

\u00a0
Both governments said the pact would also cover ammunition – a first for the two.
\u00a0
\u00a0

BY PARK SOO-JIN [park.soojin@joongang.co.kr]
Log in to Twitter or Facebook account to connect
with the Korea JoongAng Daily
help-image Social comment?
s
lock icon

To write comments, please log in to one of the accounts.

Standards Board Policy (0/250자)"""

AUSTRALIAN_PAGE = """\
Skip to main content
Albanese and Luxon back new Pacific cable network
By Jane Smith and Tom Brown
Updated 12 July 2024 — 5:00am
Share this article
Image source, Getty Images
Image caption, The two leaders met in Wellington last year
Australia and New Zealand will fund a new undersea cable linking Pacific island nations, \
the two prime ministers announced on Friday.
Advertisement
Read more: Pacific leaders meet in Tonga
The cable is expected to be finished by 2027, officials said.
Sign up for our newsletter
Follow us on Facebook
Copyright © 2024 Example Media. All rights reserved.
"""

REUTERS_STORY = """\
Japan, Philippines sign troop access pact
TOKYO, July 8 (Reuters) - Japan and the Philippines signed a defence pact on Monday that \
allows each country's forces to train on the other's soil.
The agreement needs to be ratified by parliaments in both countries.
Reporting by Kaori Sato and John Miller; Editing by Anne West
Our Standards: The Thomson Reuters Trust Principles.
"""


def test_wire_story_keeps_dateline_paragraph_and_sets_credits_aside():
    cleaned = clean(text_doc(WIRE_STORY))
    body = paragraphs(cleaned)
    assert len(body) == 3
    assert body[0].startswith("SEOUL, March 3 (Yonhap) -- South Korea will send a team")
    assert body[-1].endswith("on condition of anonymity.")
    assert cleaned.header == [
        "Seoul-NATO-drills",
        "South Korea to join NATO cyber exercise for the first time, officials say",
        "By Kim Min-ji",
    ]
    assert cleaned.trailer == [
        "(END)",
        "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>",
        "(C) Yonhap News Agency. All Rights Reserved",
    ]
    assert "▲" not in cleaned.body and "![]" not in cleaned.body


def test_wire_story_dateline_is_found():
    cleaned = clean(text_doc(WIRE_STORY))
    assert cleaned.dateline is not None
    assert (cleaned.dateline.place, cleaned.dateline.agency) == ("SEOUL", "Yonhap")
    assert cleaned.dateline.day_month == "March 3"


def test_herald_page_drops_doubled_caption_and_link_widget_but_keeps_closing_wire_credit():
    cleaned = clean(text_doc(HERALD_PAGE))
    body = paragraphs(cleaned)
    assert body[0].startswith("Japan and South Korea agreed Monday")
    closing = '"We will keep our waters watched," a Japanese official told reporters in Tokyo.'
    assert body[-1] == closing + " (Yonhap)"
    assert "coast guard vessels" not in cleaned.body
    assert "Link copied" not in cleaned.body
    assert cleaned.header == [
        "The Korea Herald",
        "Japan, South Korea pledge closer maritime cooperation with NATO allies",
        "By Yonhap",
        "Published : March 5, 2024 - 10:15",
    ]


def test_times_page_drops_widgets_captions_and_subheading():
    cleaned = clean(text_doc(TIMES_PAGE))
    assert paragraphs(cleaned) == [
        "Defense ministers of the alliance discussed a shared fund for air defense systems on "
        "Thursday, citing a rise in missile attacks across Europe.",
        '"We need to act before the next winter," the chair of the meeting said.',
        "Several ministers said their governments would decide on contributions by June.",
        "The fund would be open to partner nations in the Indo-Pacific as well — including Japan.",
    ]
    assert cleaned.header == [
        "Allies weigh new air defense fund as missile threats grow",
        "Ministers say the fund could be running before the end of the year",
        "By Jane Doe",
    ]
    assert cleaned.trailer == ["Lee Ha-na hanalee@koreatimes.co.kr"]


def test_joongang_page_keeps_curly_quotes_and_drops_breadcrumb_prompts_and_counter():
    cleaned = clean(text_doc(JOONGANG_PAGE))
    assert paragraphs(cleaned) == [
        "South Korea and Australia signed an agreement on Monday to build armored vehicles "
        "together.",
        "“This pact makes our partnership stronger than ever,” the Australian minister said.",
        "Both governments said the pact would also cover ammunition – a first for the two.",
    ]
    # the repeated headline stays in the header: it is the metadata stage's best title signal
    assert cleaned.header == ["Seoul and Canberra sign defense industry pact"] * 2
    assert cleaned.trailer == ["BY PARK SOO-JIN [park.soojin@joongang.co.kr]"]


def test_australian_page_drops_share_ads_image_credits_and_newsletter_prompts():
    cleaned = clean(text_doc(AUSTRALIAN_PAGE))
    assert paragraphs(cleaned) == [
        "Australia and New Zealand will fund a new undersea cable linking Pacific island "
        "nations, the two prime ministers announced on Friday.",
        "The cable is expected to be finished by 2027, officials said.",
    ]
    assert cleaned.header == [
        "Albanese and Luxon back new Pacific cable network",
        "By Jane Smith and Tom Brown",
        "Updated 12 July 2024 — 5:00am",
    ]
    assert cleaned.trailer == ["Copyright © 2024 Example Media. All rights reserved."]


def test_wire_credit_line_goes_to_trailer_not_body():
    cleaned = clean(text_doc(REUTERS_STORY))
    assert len(cleaned.paragraphs) == 2
    assert cleaned.trailer == ["Reporting by Kaori Sato and John Miller; Editing by Anne West"]
    assert "Trust Principles" not in cleaned.body


@pytest.mark.parametrize(
    "text", [WIRE_STORY, HERALD_PAGE, TIMES_PAGE, JOONGANG_PAGE, AUSTRALIAN_PAGE]
)
def test_spans_point_at_each_paragraph_of_the_body(text):
    cleaned = clean(text_doc(text))
    assert cleaned.body == "\n\n".join(paragraphs(cleaned))
    starts = [s.start for s in cleaned.paragraphs]
    assert starts[0] == 0 and starts == sorted(starts)
    assert cleaned.paragraphs[-1].end == len(cleaned.body)


def test_standfirst_above_the_byline_stays_out_of_the_body():
    text = (
        "Leaders agree Arctic security plan\n\n"
        "The plan commits members to more patrols in the High North.\n\n"
        "By Erik Larsen\n\n"
        "Published 4 June 2024\n\n"
        "Alliance leaders agreed on Tuesday to expand patrols in the Arctic, diplomats said.\n\n"
        "The decision came after months of debate over the cost of new icebreakers."
    )
    cleaned = clean(text_doc(text))
    assert paragraphs(cleaned)[0].startswith("Alliance leaders agreed on Tuesday")
    assert "The plan commits members to more patrols in the High North." in cleaned.header


def test_comment_thread_after_the_article_is_not_body():
    text = (
        "Officials from both countries met in Tokyo on Friday to discuss missile defense.\n\n"
        "They agreed to hold another round of talks in the autumn, the foreign ministry said.\n\n"
        "3 Comments\n\n"
        "I think this is a great step for the region and I hope it continues.\n\n"
        "Reply"
    )
    cleaned = clean(text_doc(text))
    assert len(cleaned.paragraphs) == 2
    assert "great step" not in cleaned.body


def test_hard_wrapped_paragraph_is_joined_into_one():
    text = (
        "NATO foreign ministers met in Brussels on Wednesday to review the\n"
        "support the alliance gives to its partners in the Indo-Pacific, a\n"
        "spokesperson said after the meeting ended late in the evening.\n\n"
        "The ministers will meet again in December."
    )
    cleaned = clean(text_doc(text))
    assert paragraphs(cleaned)[0] == (
        "NATO foreign ministers met in Brussels on Wednesday to review the support the alliance "
        "gives to its partners in the Indo-Pacific, a spokesperson said after the meeting ended "
        "late in the evening."
    )
    assert len(cleaned.paragraphs) == 2


def test_photo_credit_captions_of_other_outlets_are_dropped():
    text = (
        "The prime minister spoke to reporters after the talks in Canberra on Monday.\n\n"
        "Soldiers march during a parade in Seoul. (AP Photo/Lee Jin-man)\n\n"
        "Ministers sign the agreement in Wellington. Photo: Reuters\n\n"
        "A warship docks in Yokosuka on Friday. Getty Images\n\n"
        "Talks will continue next month, a spokesperson said."
    )
    cleaned = clean(text_doc(text))
    assert len(cleaned.paragraphs) == 2
    assert "parade" not in cleaned.body and "warship" not in cleaned.body
    assert "Wellington" not in cleaned.body


def test_markdown_from_page_converters_is_unwrapped():
    text = (
        "# Tokyo and Canberra deepen radar cooperation\n\n"
        "**By Aiko Mori**\n\n"
        "Japan and Australia will link their [early-warning radars](https://example.com/radar) "
        "by next year, the two defence ministers said on Sunday.\n\n"
        "## Next steps\n\n"
        "> Officials said a test of the link is planned for the spring.\n"
    )
    cleaned = clean(text_doc(text))
    assert paragraphs(cleaned) == [
        "Japan and Australia will link their early-warning radars by next year, the two "
        "defence ministers said on Sunday.",
        "Officials said a test of the link is planned for the spring.",
    ]
    assert cleaned.header == ["Tokyo and Canberra deepen radar cooperation", "By Aiko Mori"]


def test_press_release_end_mark_and_author_note_close_the_body():
    text = (
        "Minister welcomes Pacific partners to Wellington\n\n"
        "The Minister of Defence today welcomed counterparts from five Pacific nations.\n\n"
        "Anthony Albanese at the summit. Photograph: Lukas Coch/AAP\n\n"
        "The talks will focus on maritime security and disaster relief.\n\n"
        "- ENDS -\n\n"
        "Media contact: press@example.govt.nz\n"
    )
    cleaned = clean(text_doc(text))
    assert len(cleaned.paragraphs) == 2
    assert "Photograph" not in cleaned.body
    assert "ENDS" in cleaned.trailer[0]

    note = "Sam Harris is a senior political reporter at the Example Herald."
    cleaned = clean(text_doc("Leaders meet in Tonga on Friday for talks on climate.\n\n" + note))
    assert note not in cleaned.body
    assert cleaned.trailer == [note]


def test_html_main_text_keeps_a_mid_article_paragraph_ending_in_a_credit():
    # In main text extracted from HTML a parenthesised agency credit is no caption signal.
    text = (
        "The minister said talks would resume in the spring.\n\n"
        "Seoul has asked for more data on the missile launches. (Yonhap)\n\n"
        "Officials declined to give further details."
    )
    assert len(clean(text_doc(text, kind="html")).paragraphs) == 3
    assert len(clean(text_doc(text, kind="text")).paragraphs) == 2


def test_nothing_but_furniture_leaves_an_empty_body():
    cleaned = clean(text_doc("Settings\nShare\nX\nCLOSE\n"))
    assert cleaned.body == ""
    assert cleaned.paragraphs == []


@pytest.mark.parametrize(
    ("opening", "place", "agency", "day"),
    [
        ("WASHINGTON, June 24 (Yonhap) -- A U.S. official", "WASHINGTON", "Yonhap", "June 24"),
        ("SEOUL, July 10 (Reuters) - South Korea said", "SEOUL", "Reuters", "July 10"),
        ("TOKYO (AP) — Japan's cabinet approved", "TOKYO", "AP", None),
        ("Canberra, 12 July: The government said", "Canberra", None, "12 July"),
        ("HONOLULU, Hawaii, July 8 (Yonhap) -- Yoon arrived", "HONOLULU", "Yonhap", "July 8"),
    ],
)
def test_datelines_in_several_styles(opening, place, agency, day):
    dateline = find_dateline(opening)
    assert dateline is not None
    assert (dateline.place, dateline.agency, dateline.day_month) == (place, agency, day)
    assert opening[dateline.end :][:1].isalpha()


@pytest.mark.parametrize(
    "opening",
    [
        "Yoon, who chairs the group - and his aides - arrived late.",
        "The alliance said on Monday it would respond.",
        "North Korea (DPRK) - as it calls itself - fired a missile.",
    ],
)
def test_ordinary_openings_are_not_datelines(opening):
    assert find_dateline(opening) is None


def test_hostile_input_is_cleaned_quickly():
    hostile = "x. [" * 50_000 + "\n" + "A-B" * 100_000 + "\n" + "foo bar\n" * 50_000
    started = time.perf_counter()
    clean(text_doc(hostile))
    assert time.perf_counter() - started < 30  # hang guard, not a speed target


# ---------------------------------------------------------------------------------------------
# Date lines, bylines and credits of outlets never seen


@pytest.mark.parametrize(
    "line",
    [
        "10:15 October 29, 2024",
        "6:12 JST, October 2, 2024",
        "6:12 pm on 26 September 2024",
        "Updated 5:04 AM EDT, Tue October 1, 2024",
        "2024-10-01 14:03 KST",
        "Oct. 1, 2024 at 9:03 a.m.",
        "1 October 2024, 10:05 am",
        "Published: 01 Oct 2024",
        "2024.10.01 09:28",
        "Stars and Stripes • November 15, 2024",
        "KYODO NEWS - Jun 21, 2025 - 18:05 | Politics, World, All",
        "Pacific Desk | October 1, 2024",
        "The Evening Ledger — 1 October 2024",
        "Press release | 1 October 2024",
    ],
)
def test_date_lines_in_many_styles_are_recognised(line):
    assert is_date_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The leaders will meet again on July 9, 2025, in The Hague.",
        "Kishida visits Seoul on Oct. 1, 2024",
        "By Jane Roe • October 1, 2024",  # a byline first: the authors must not be lost
        "NATO Summit 2024",
    ],
)
def test_sentences_headlines_and_bylines_with_dates_are_not_date_lines(line):
    assert not is_date_line(line)


def test_timestamp_above_the_headline_stays_out_of_the_body():
    text = (
        "All News\n10:15 October 29, 2024\n\nAllies weigh response to troop deployment\n\n"
        "By Jane Roe\n\n"
        "SEOUL, Oct. 29 (Yonhap) -- Allied envoys met on Tuesday to weigh their response to "
        "the deployment, officials said.\n\n"
        "The meeting lasted three hours and ended without a joint statement, they said.\n"
    )
    cleaned = clean(text_doc(text))
    assert "10:15 October 29, 2024" in cleaned.header
    assert cleaned.body.startswith("SEOUL, Oct. 29 (Yonhap) --")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("10/01/2024 06:12 PM EDT", dt.date(2024, 10, 1)),  # US pages put the month first
        ("Published on 01/10/2024 - 14:03 GMT+2", dt.date(2024, 10, 1)),
        ("Posted 01/10/2024 09:00 AEST", dt.date(2024, 10, 1)),
    ],
)
def test_a_time_zone_settles_the_order_of_a_numeric_date(text, day):
    assert [d for *_, d in find_dates(text)] == [day]


def test_a_numeric_date_without_a_hint_stays_unread():
    assert find_dates("Posted 07/10/2024") == []


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Clara Lindner & Marco Bellini", "Clara Lindner & Marco Bellini"),
        ("By defence reporter Olivia Hart", "defence reporter Olivia Hart"),
        ("By Jane Roe and agencies", "Jane Roe and agencies"),
        ("By Jane Roe | Staff writer", "Jane Roe"),
        ("By the end of the year, talks had resumed", None),
        ("By the time President Park arrived, the talks were over", None),
    ],
)
def test_byline_names_part(line, names):
    assert byline_names(line) == names


def test_bracketed_wire_credit_goes_to_the_trailer_not_the_body():
    text = (
        "Japan and Philippines sign access pact\n\n"
        "TOKYO, July 8 (Reuters) - Japan and the Philippines signed a defence pact on Monday.\n\n"
        "The pact still needs parliamentary approval in both countries, officials said.\n\n"
        "(Reporting by Kaori Sato and John Miller; Editing by Anne West)\n\n"
        "Our Standards: The Thomson Reuters Trust Principles.\n"
    )
    cleaned = clean(text_doc(text))
    assert len(cleaned.paragraphs) == 2
    assert cleaned.trailer[0] == "(Reporting by Kaori Sato and John Miller; Editing by Anne West)"


def test_translation_credit_closes_the_body():
    text = (
        "Tokyo to send defense chief to NATO talks\n\n"
        "Japan will send its defense minister to a NATO meeting in Brussels, sources said.\n\n"
        "The minister is expected to raise concerns over arms transfers to Russia.\n\n"
        "(Japanese original by Emi Sato, Political News Department)\n\nPrint\n"
    )
    cleaned = clean(text_doc(text))
    assert len(cleaned.paragraphs) == 2
    assert cleaned.trailer == ["(Japanese original by Emi Sato, Political News Department)"]


def test_many_short_dated_lines_are_classified_quickly():
    hostile = "\n".join(
        f"{i % 28 + 1} October 2024 10:{i % 60:02d} | Desk {i}" for i in range(20_000)
    )
    started = time.perf_counter()
    clean(text_doc(hostile))
    assert time.perf_counter() - started < 30  # hang guard, not a speed target


# ---------------------------------------------------------------------------------------------
# The seed documents

FURNITURE = (
    "font-size",
    "share button",
    "Link copied",
    "print dictionary",
    "Home >",
    "Related Article",
    "Log in",
    "log in",
    "Top 10 Stories",
    "CLOSE",
    "lock icon",
    "(0/250자)",
    "(END)",
    "All Rights Reserved",
    "![",
    "@",
)


def seed(prefix: str) -> CleanedDocument:
    path = next(SOURCES.glob(f"{prefix}_*.txt"))
    return clean(RawDocument(source=path.name, kind="text", text=path.read_text("utf-8")))


@pytest.mark.parametrize(
    ("prefix", "count", "first", "last"),
    [
        ("000", 11, "WASHINGTON, June 24 (Yonhap) -- A U.S. diplomat", "since 2021, particularly"),
        ("001", 16, '"Anything" that South Korea can provide', "a US official has said. (Yonhap)"),
        ("002", 18, "President Yoon Suk Yeol and the leaders of NATO", "with the Netherlands."),
        ("003", 12, "The chief of the North Atlantic", 'appropriate efforts."'),
        ("004", 11, "Defense Minister Shin Won-sik, in his", "partners in the Indo-Pacific."),
    ],
)
def test_seed_body_is_exactly_the_article_paragraphs(prefix, count, first, last):
    cleaned = seed(prefix)
    body = paragraphs(cleaned)
    assert len(body) == count
    assert body[0].startswith(first)
    assert last in body[-1]
    for marker in FURNITURE:
        assert marker not in cleaned.body, marker


@pytest.mark.parametrize(
    ("prefix", "caption_words"),
    [
        ("000", "This photo, taken on March 12, 2024"),
        ("001", "Sheraton Waikiki hotel"),
        ("002", "shake hands during their meeting"),
        ("002", "stand with visiting heads of state"),
        ("002", "pose for a photo at the White House"),
        ("003", "addresses a media conference"),
        ("004", "A South Korean soldier, right, and UN Command soldiers"),
    ],
)
def test_seed_captions_do_not_survive(prefix, caption_words):
    assert caption_words not in seed(prefix).body


def test_seed_subheading_is_not_a_paragraph():
    assert "Washington Summit Declaration" not in paragraphs(seed("002"))
