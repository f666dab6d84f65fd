"""Metadata: headline, subtitle, authors, publisher, stated date and dateline of an article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from articles.pipeline.cleaning import clean
from articles.pipeline.knowledge import CountryInfo, Knowledge, OrganizationInfo, PublisherInfo
from articles.pipeline.metadata import email_matches, extract, find_dates, place_name
from articles.pipeline.reading import PageMeta, RawDocument, read
from articles.pipeline.result import ArticleMeta, DateBasis, FuzzyDate, Precision

SOURCES = Path(__file__).resolve().parents[3] / "fixtures" / "sources"

KNOWLEDGE = Knowledge(
    publishers=(
        PublisherInfo(
            "Yonhap News Agency", ("Yonhap", "Yonhap News"), ("yna.co.kr",), country="KR"
        ),
        PublisherInfo("The Korea Herald", ("Korea Herald",), ("koreaherald.com",), "KR"),
        PublisherInfo("The Korea Times", ("Korea Times",), ("koreatimes.co.kr",), "KR"),
        PublisherInfo(
            "Korea JoongAng Daily", ("JoongAng Daily",), ("joongang.co.kr",), country="KR"
        ),
        PublisherInfo("Reuters", (), ("reuters.com",), "GB"),
        PublisherInfo("Associated Press", ("AP", "The Associated Press"), ("apnews.com",), "US"),
        PublisherInfo("New Zealand Herald", ("NZ Herald",), ("nzherald.co.nz",), "NZ"),
        PublisherInfo("Kyodo News", ("Kyodo",), ("kyodonews.net",), "JP"),
        PublisherInfo("The Guardian", ("Guardian",), ("theguardian.com",), "GB"),
        PublisherInfo("CNN", (), ("cnn.com",), "US"),
        PublisherInfo("Xinhua News Agency", ("Xinhua",), ("news.cn",), "CN"),
        PublisherInfo("Stars and Stripes", (), ("stripes.com",), "US"),
        PublisherInfo("The Yomiuri Shimbun", ("Yomiuri", "The Japan News"), ("yomiuri.co.jp",)),
        PublisherInfo("DW", ("Deutsche Welle",), ("dw.com",), "DE"),
        PublisherInfo("New Zealand Government", ("Beehive",), ("beehive.govt.nz",), "NZ"),
        PublisherInfo("NATO", ("North Atlantic Treaty Organization",), ("nato.int",)),
    ),
    organizations=(
        OrganizationInfo("NATO", "NATO", "nato", ("North Atlantic Treaty Organization",)),
    ),
    countries=(
        CountryInfo("KR", "South Korea", "south-korea", capitals=("Seoul",)),
        CountryInfo("JP", "Japan", "japan", capitals=("Tokyo",)),
        CountryInfo("NZ", "New Zealand", "new-zealand", capitals=("Wellington",)),
    ),
    titles={
        "media_words": ["Herald", "Times", "News", "Shimbun", "Press", "Agency", "Monitor"],
        "not_names": ["The", "Asked"],
        "person_titles": ["president", "prime minister", "minister", "foreign minister"],
        "title_modifiers": ["deputy", "acting"],
    },
)


def meta_of(text: str, page: PageMeta | None = None, kind: str = "text") -> ArticleMeta:
    raw = RawDocument(source="test", kind=kind, text=text, page=page or PageMeta())
    return extract(raw, clean(raw), KNOWLEDGE)


BODY = (
    "Officials from the two countries met on Tuesday to discuss closer defense ties.\n\n"
    '"We share the same concerns," a senior diplomat said after the meeting.\n'
)


# A standfirst is told from the body by length: the body must hold more prose than it does.
LONGER_BODY = (
    "\nThe ministers also agreed to share more intelligence on missile launches in the region.\n\n"
    "A joint statement is expected after a second round of talks in the capital next month.\n"
)


# ---------------------------------------------------------------------------------------------
# Title and subtitle


def test_title_follows_a_desk_slug_and_precedes_the_byline():
    meta = meta_of(
        "Korea-Japan-NATO\nKorea and Japan widen defense talks with NATO allies\n"
        "By Song Mi-ra\n" + BODY
    )
    assert meta.title == "Korea and Japan widen defense talks with NATO allies"
    assert meta.subtitle is None


def test_subtitle_is_the_second_headline_above_the_byline():
    meta = meta_of(
        "Settings\n\nAllies pledge more air defense for Ukraine\n\n"
        "  • Facebook share button\n"
        "Ministers say deliveries could begin within weeks as winter approaches\n"
        "By Jane Doe\n\n" + BODY
    )
    assert meta.title == "Allies pledge more air defense for Ukraine"
    assert meta.subtitle == "Ministers say deliveries could begin within weeks as winter approaches"


def test_repeated_headline_wins_over_breadcrumb_and_widgets():
    meta = meta_of(
        "Seoul hosts first NATO partners forum\n\nHome > National > Defense\n\n"
        "print dictionary print\n\nSeoul hosts first NATO partners forum\n\n" + BODY
    )
    assert meta.title == "Seoul hosts first NATO partners forum"
    assert meta.subtitle is None


def test_publisher_name_line_is_never_the_title():
    meta = meta_of(
        "The Korea Herald\n\nNew envoy to NATO takes office in Brussels\n\nBy Yonhap\n\n" + BODY
    )
    assert meta.title == "New envoy to NATO takes office in Brussels"


def test_page_title_has_its_site_suffix_stripped():
    page = PageMeta(title="Allies back Seoul's bid for cyber center | The Korea Herald")
    meta = meta_of(BODY, page, kind="html")
    assert meta.title == "Allies back Seoul's bid for cyber center"


def test_page_title_suffix_naming_the_web_host_is_stripped():
    page = PageMeta(
        title="Allies meet in Brussels on drones - Pacificwire",
        url="https://www.pacificwire.example/world/1",
    )
    assert meta_of(BODY, page, kind="html").title == "Allies meet in Brussels on drones"


def test_page_title_suffix_that_is_not_a_site_stays():
    page = PageMeta(title="Stoltenberg: Asia's security matters to Europe - analysis")
    assert meta_of(BODY, page, kind="html").title == page.title


def test_title_falls_back_to_the_first_sentence_of_the_body():
    meta = meta_of(
        "SEOUL, May 2 (Yonhap) -- South Korea and New Zealand agreed on Thursday to expand "
        "military exchanges and to hold their first joint naval drill in the Pacific next "
        "year, according to the two governments. Further talks are planned.\n"
    )
    assert meta.title.startswith("South Korea and New Zealand agreed on Thursday")
    assert len(meta.title) <= 121
    assert "Further talks" not in meta.title


def test_timestamp_line_is_never_the_title_but_dates_the_article():
    meta = meta_of(
        "All News\n10:15 October 29, 2024\n\n"
        "Allies confirm troop deployment after envoys brief the council\n\nBy Jane Doe\n\n" + BODY
    )
    assert meta.title == "Allies confirm troop deployment after envoys brief the council"
    assert meta.published.value == dt.date(2024, 10, 29)


def test_organisation_masthead_of_a_press_release_is_the_publisher_not_the_title():
    meta = meta_of(
        "North Atlantic Treaty Organization\nNews\n\n"
        "Alliance and Japan agree to deepen cooperation on cyber defence\n\n31 Jan. 2023 -\n\n"
        + BODY
    )
    assert meta.title == "Alliance and Japan agree to deepen cooperation on cyber defence"
    assert meta.publisher == "NATO"
    assert meta.published.value == dt.date(2023, 1, 31)


def test_section_labels_above_the_headline_are_not_the_title():
    meta = meta_of(
        "NZ Herald\nNew Zealand | Politics\n\n"
        "Foreign minister to press Pacific concerns in Brussels\n\nBy Tama Rewiti\n"
        "Political Reporter·NZ Herald·\n1 Apr, 2025 05:00 PM\n\n" + BODY
    )
    assert meta.title == "Foreign minister to press Pacific concerns in Brussels"
    assert meta.subtitle is None
    assert meta.authors == ["Tama Rewiti"]
    assert meta.published.value == dt.date(2025, 4, 1)


@pytest.mark.parametrize(
    "tagline",
    [
        "Japan's Independent Voice Since 1897",
        "The official website of the Example Islands Government",
        "Fund independent journalism with $5 per month",
    ],
)
def test_site_slogans_are_never_the_title(tagline):
    meta = meta_of(
        f"The Example Post\n{tagline}\n\nMinisters agree on closer naval drills\n\n" + BODY
    )
    assert meta.title == "Ministers agree on closer naval drills"


def test_page_title_loses_site_and_section_suffixes():
    page = PageMeta(title="Japan moves closer to tech pact | World news | The Guardian")
    assert meta_of(BODY, page, kind="html").title == "Japan moves closer to tech pact"


def test_page_title_loses_a_web_address_suffix():
    page = PageMeta(title="Prime Minister to attend leaders' summit | Beehive.govt.nz")
    assert meta_of(BODY, page, kind="html").title == "Prime Minister to attend leaders' summit"


def test_page_title_that_is_only_the_site_name_is_not_used():
    page = PageMeta(title="NZ Herald", publisher="NZ Herald")
    meta = meta_of(BODY, page, kind="html")
    assert meta.title.startswith("Officials from the two countries met on Tuesday")


def test_byline_without_by_under_the_subtitle_keeps_title_and_subtitle_apart():
    meta = meta_of(
        "The Guardian - Back to home\nSupport us\n\n"
        "Japan moves closer to technology pact as partners deepen ties\n\n"
        "Tokyo expected to join work on undersea drones under the pact's second pillar\n\n"
        "Kenji Ward in Tokyo and Priya Raman in Sydney\nTue 1 Oct 2024 10.05 BST\n\n" + BODY
    )
    assert meta.title == "Japan moves closer to technology pact as partners deepen ties"
    assert meta.subtitle == (
        "Tokyo expected to join work on undersea drones under the pact's second pillar"
    )
    assert meta.authors == ["Kenji Ward", "Priya Raman"]
    assert meta.publisher == "The Guardian"
    assert meta.published.value == dt.date(2024, 10, 1)


def test_standfirst_in_sentences_is_the_subtitle():
    meta = meta_of(
        "What the alliance wants from its Pacific partners\n\n"
        "The summit showed the four are no longer guests. The purpose is still unclear.\n\n"
        "By Helena March\nJuly 18, 2024\n\n" + BODY + LONGER_BODY
    )
    assert meta.title == "What the alliance wants from its Pacific partners"
    assert meta.subtitle == (
        "The summit showed the four are no longer guests. The purpose is still unclear."
    )


# ---------------------------------------------------------------------------------------------
# Authors


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Song Sang-ho", ["Song Sang-ho"]),
        ("By Jane Smith and Tom Brown", ["Jane Smith", "Tom Brown"]),
        ("By Ana Lopez, Ben Carter and Chloe Dubois", ["Ana Lopez", "Ben Carter", "Chloe Dubois"]),
        ("By Mere Tane, Staff Reporter", ["Mere Tane"]),
        ("By Hiroshi Tanaka in Tokyo", ["Hiroshi Tanaka"]),
        ("BY CHOI YOON-SEO", ["Choi Yoon-seo"]),
        ("By Yonhap", ["Yonhap"]),
        ("By AFP", ["AFP"]),
        ("By Clara Lindner & Marco Bellini", ["Clara Lindner", "Marco Bellini"]),
        ("Hannah Kerr, Political Reporter", ["Hannah Kerr"]),
        ("By Jane Roe | Staff writer", ["Jane Roe"]),
        ("Written by Jane Roe", ["Jane Roe"]),
        ("Words by Jane Roe", ["Jane Roe"]),
        ("By defence reporter Olivia Hart", ["Olivia Hart"]),
        ("By Political Editor Sam Ngata", ["Sam Ngata"]),
        ("By Jane Roe and agencies", ["Jane Roe"]),
        ("By MASAHIRO TANAKA/ Staff Writer", ["Masahiro Tanaka"]),
        ("By Jane Roe, Tom Brown and Ann Lee, CNN", ["Jane Roe", "Tom Brown", "Ann Lee"]),
        ("By Clara Lindner & Marco Bellini with AFP", ["Clara Lindner", "Marco Bellini"]),
        ("By Maya Ortiz on October 01, 2024 at 9:03 AM", ["Maya Ortiz"]),
        ("Reporter : Kim Min-ji", ["Kim Min-ji"]),
        ("KENJI KAWASE, Nikkei staff writer", ["Kenji Kawase"]),
    ],
)
def test_header_bylines(byline, authors):
    meta = meta_of(f"Navy chiefs meet in Sydney for Pacific talks\n{byline}\n" + BODY)
    assert meta.authors == authors


def test_all_caps_trailer_byline_with_email_is_proper_cased():
    meta = meta_of(
        "Seoul and Warsaw extend tank deal\n\n"
        + BODY
        + "\nBY LIM SOO-AH [lim.sooah@joongang.co.kr]\n"
    )
    assert meta.authors == ["Lim Soo-ah"]


def test_trailer_name_and_email_of_the_byline_author_is_listed_once():
    meta = meta_of(
        "Leaders condemn missile launch\nBy Anna J. Kim\n\n"
        + BODY
        + "\nKim Hye-jin annajkim@koreatimes.co.kr\n"
    )
    assert meta.authors == ["Anna J. Kim"]


def test_trailer_name_and_email_of_another_person_is_a_second_author():
    meta = meta_of(
        "Leaders condemn missile launch\nBy Anna J. Kim\n\n"
        + BODY
        + "\nPark Min-su parkms@koreatimes.co.kr\n"
    )
    assert meta.authors == ["Anna J. Kim", "Park Min-su"]


def test_closing_author_note_names_the_author():
    meta = meta_of(
        "Leaders meet in Tonga for climate talks\n\n"
        + BODY
        + "\nSam Harris is a senior political reporter at the Example Herald.\n"
    )
    assert meta.authors == ["Sam Harris"]


def test_wire_credit_names_reporters_not_editors():
    meta = meta_of(
        "Japan and Philippines sign access pact\n"
        "TOKYO, July 8 (Reuters) - Japan and the Philippines signed a defence pact on Monday.\n"
        "The pact still needs parliamentary approval in both countries, officials said.\n"
        "Reporting by Kaori Sato and John Miller; Editing by Anne West\n"
    )
    assert meta.authors == ["Kaori Sato", "John Miller"]


def test_people_quoted_in_the_story_are_not_authors():
    meta = meta_of(
        "Envoys tour the DMZ\nBy Lee Jun-ho\n\n"
        "The visit was arranged by Defense Minister Han Seung-woo, officials said.\n\n"
        '"We saw the border with our own eyes," said ambassador Maria Rossi.\n'
    )
    assert meta.authors == ["Lee Jun-ho"]


def test_bylines_of_teasers_after_the_article_are_not_authors():
    meta = meta_of(
        "Seoul widens NATO ties\nBy Kim Min-ji\n\n"
        + BODY
        + "\nMost Popular\n\nTop 10 Stories\n\nPacific leaders gather in Tonga\n\n"
        "By Tom Brown\n\nJuly 12, 2024\n"
    )
    assert meta.authors == ["Kim Min-ji"]
    assert meta.published is None


def test_name_over_a_role_line_is_the_author():
    meta = meta_of(
        "BBC\n\nJapan's new leader signals closer ties with Europe\n\n1 October 2024\n\n"
        "Rachel Okafor\nTokyo correspondent\n\nReporting from Tokyo\n\n" + BODY
    )
    assert meta.title == "Japan's new leader signals closer ties with Europe"
    assert meta.authors == ["Rachel Okafor"]


def test_names_over_a_long_role_line_and_between_bars_are_the_authors():
    meta = meta_of(
        "Defence chiefs meet in Wellington for Pacific talks\nBy Ben Packer\n"
        "Foreign Affairs and Defence Correspondent\nOctober 1, 2024 - 6:12PM\n" + BODY
    )
    assert (meta.title, meta.subtitle) == (
        "Defence chiefs meet in Wellington for Pacific talks",
        None,
    )
    assert meta.authors == ["Ben Packer"]
    meta = meta_of(
        "Defence chiefs meet in Wellington for Pacific talks\nLena Hoffmann | Jonas Berger\n"
        "06/25/2025 June 25, 2025\n" + BODY
    )
    assert meta.authors == ["Lena Hoffmann", "Jonas Berger"]


def test_editors_and_sources_are_not_authors():
    meta = meta_of(
        "Spokesperson urges alliance to stay out of the region\nSource: Xinhua\n"
        "Editor: Huaxia\n2024-07-11 21:05:30\n" + BODY
    )
    assert meta.authors == []
    assert meta.publisher == "Xinhua News Agency"


def test_name_beside_the_date_line_is_the_author():
    meta = meta_of(
        "Defence chiefs meet in Wellington for Pacific talks\nGlenn Walker\n11:38, Jun 23 2025\n"
        + BODY
    )
    assert meta.authors == ["Glenn Walker"]
    assert meta.published.value == dt.date(2025, 6, 23)


def test_newsmakers_and_places_beside_a_date_line_are_not_authors():
    meta = meta_of(
        "Defence chiefs meet in Wellington for Pacific talks\nKishida Visits Seoul\n"
        "October 1, 2024\n" + BODY
    )
    assert meta.authors == []
    meta = meta_of("Defence chiefs meet for Pacific talks\nAsia Pacific\nOctober 1, 2024\n" + BODY)
    assert meta.authors == []


def test_the_publishers_own_name_as_byline_is_no_author():
    meta = meta_of(
        "The Japan News\nBY THE YOMIURI SHIMBUN\n\n"
        "Japan and Australia agree to widen joint drills\n\nThe Yomiuri Shimbun\n"
        "6:12 JST, October 2, 2024\n\n" + BODY
    )
    assert meta.publisher == "The Yomiuri Shimbun"
    assert meta.authors == []
    assert meta.published.value == dt.date(2024, 10, 2)


def test_bracketed_wire_credit_names_reporters_not_editors():
    meta = meta_of(
        "Japan and Philippines sign access pact\n\n"
        "TOKYO, July 8 (Reuters) - Japan and the Philippines signed a defence pact on Monday.\n\n"
        "The pact still needs parliamentary approval in both countries, officials said.\n\n"
        "(Reporting by Kaori Sato and John Miller; Editing by Anne West)\n"
    )
    assert meta.authors == ["Kaori Sato", "John Miller"]
    assert meta.publisher == "Reuters"


def test_translation_credit_names_the_writer_not_the_department():
    meta = meta_of(
        "Tokyo to send defense chief to alliance talks\n\n"
        + BODY
        + "\n(Japanese original by Emi Sato, Political News Department)\n"
    )
    assert meta.authors == ["Emi Sato"]


def test_page_author_that_is_an_organisation_is_no_person():
    page = PageMeta(title="Summit ends", authors=["Nikkei staff writers"], publisher="Nikkei Asia")
    assert meta_of(BODY, page, kind="html").authors == []
    page = PageMeta(title="Summit ends", authors=["CNN"], publisher="CNN")
    assert meta_of(BODY, page, kind="html").authors == []


def test_page_author_that_is_an_agency_on_another_site_is_its_credit():
    page = PageMeta(title="Summit ends", authors=["Kyodo"], publisher="Pacific Daily Post")
    assert meta_of(BODY, page, kind="html").authors == ["Kyodo"]


def test_page_authors_come_first_for_html():
    page = PageMeta(title="Summit ends", authors=["By Jane Smith", "TOM BROWN"])
    assert meta_of(BODY, page, kind="html").authors == ["Jane Smith", "Tom Brown"]


def test_email_local_part_matches_a_name_with_initials():
    assert email_matches("annajpark@koreatimes.co.kr", "Anna J. Park")
    assert email_matches("j.smith@example.com", "Jane Smith")
    assert not email_matches("parkms@koreatimes.co.kr", "Anna J. Kim")


# ---------------------------------------------------------------------------------------------
# Publisher


def test_agency_byline_on_a_newspaper_page_keeps_the_newspaper_as_publisher():
    meta = meta_of("The Korea Herald\n\nSeoul widens NATO ties\n\nBy Yonhap\n\n" + BODY)
    assert meta.publisher == "The Korea Herald"
    assert meta.authors == ["Yonhap"]


def test_publisher_from_copyright_credit():
    meta = meta_of(
        "Seoul widens NATO ties\nBy Kim Min-ji\n"
        + BODY
        + "(END)\n(C) Yonhap News Agency. All Rights Reserved\n"
    )
    assert meta.publisher == "Yonhap News Agency"


def test_publisher_from_byline_email_domain():
    meta = meta_of("Seoul widens NATO ties\n\n" + BODY + "\nLee Ha-na hanalee@koreatimes.co.kr\n")
    assert meta.publisher == "The Korea Times"


def test_publisher_from_dateline_agency():
    meta = meta_of(
        "SEOUL, March 3 (Yonhap) -- South Korea will send observers to a NATO exercise.\n"
        "The drill runs for two weeks in Estonia, the ministry said.\n"
    )
    assert meta.publisher == "Yonhap News Agency"


def test_page_site_name_is_matched_to_its_canonical_name():
    page = PageMeta(title="Seoul widens NATO ties", publisher="Korea Herald")
    assert meta_of(BODY, page, kind="html").publisher == "The Korea Herald"


def test_unknown_site_name_is_kept_as_the_page_states_it():
    page = PageMeta(title="Seoul widens NATO ties", publisher="Pacific Defence Weekly")
    assert meta_of(BODY, page, kind="html").publisher == "Pacific Defence Weekly"


def test_publisher_from_page_url_domain():
    page = PageMeta(title="Luxon visits Seoul", url="https://www.nzherald.co.nz/nz/politics/x")
    meta = meta_of(BODY, page, kind="html")
    assert meta.publisher == "New Zealand Herald"
    assert meta.url == "https://www.nzherald.co.nz/nz/politics/x"


@pytest.mark.parametrize(
    ("header", "publisher"),
    [
        ("KYODO NEWS - Jun 21, 2025 - 18:05 | Politics, World, All\n", "Kyodo News"),
        ("The Guardian - Back to home\n", "The Guardian"),
        ("World\nSource: Xinhua\nEditor: Li Wei\n", "Xinhua News Agency"),
        ("Pacific\nBy Tama Rewiti\nPolitical Reporter·NZ Herald·\n", "New Zealand Herald"),
        ("Pacific\nBy Jane Roe\nStars and Stripes • November 15, 2024\n", "Stars and Stripes"),
        ("World\nBy Jane Roe and Tom Brown, CNN\n", "CNN"),
        ("Beehive.govt.nz\n", "New Zealand Government"),
        ("The Pacific Monitor\nWorld\n", "The Pacific Monitor"),  # not in the knowledge
    ],
)
def test_publisher_from_mastheads_and_meta_lines(header, publisher):
    meta = meta_of(header + "\nMinisters agree on closer naval drills in the Pacific\n\n" + BODY)
    assert meta.publisher == publisher
    assert meta.title == "Ministers agree on closer naval drills in the Pacific"


@pytest.mark.parametrize("top", ["World News\n", "NATO - Japan ties enter a new era\n"])
def test_sections_and_headlines_naming_an_organisation_are_no_publisher(top):
    assert meta_of(top + "\nMinisters agree on closer drills\n\n" + BODY).publisher is None


def test_site_name_given_as_a_web_address_is_matched():
    page = PageMeta(title="Seoul widens NATO ties", publisher="dw.com")
    assert meta_of(BODY, page, kind="html").publisher == "DW"


def test_no_evidence_means_no_publisher():
    assert meta_of("Seoul widens NATO ties\n\n" + BODY).publisher is None


# ---------------------------------------------------------------------------------------------
# Publication date


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Published : July 10, 2024 - 09:28", dt.date(2024, 7, 10)),
        ("Updated: 2024-07-10 09:28", dt.date(2024, 7, 10)),
        ("Posted on 10 July 2024", dt.date(2024, 7, 10)),
        ("2024.07.10 09:28", dt.date(2024, 7, 10)),
        ("July 10, 2024 5:00 AM GMT+9", dt.date(2024, 7, 10)),
        ("Updated 12 July 2024 — 5:00am", dt.date(2024, 7, 12)),
        ("Published 25/07/2024", dt.date(2024, 7, 25)),
        ("입력 2024.07.11. 08:05", dt.date(2024, 7, 11)),
        ("10:15 July 10, 2024", dt.date(2024, 7, 10)),
        ("6:12 pm on 10 July 2024", dt.date(2024, 7, 10)),
        ("Updated 5:04 AM EDT, Wed July 10, 2024", dt.date(2024, 7, 10)),
        ("2024-07-10 14:03 KST", dt.date(2024, 7, 10)),
        ("Jul. 10, 2024 at 9:03 a.m.", dt.date(2024, 7, 10)),
        ("10 July 2024, 10:05 am", dt.date(2024, 7, 10)),
        ("Published: 10 Jul 2024", dt.date(2024, 7, 10)),
        ("The Evening Ledger • July 10, 2024", dt.date(2024, 7, 10)),
        ("Politics | July 10, 2024", dt.date(2024, 7, 10)),
        ("Pacific Desk — 10 July 2024", dt.date(2024, 7, 10)),
        ("07/10/2024 06:12 PM EDT", dt.date(2024, 7, 10)),
        ("Published on 10/07/2024 - 14:03 GMT+2", dt.date(2024, 7, 10)),
    ],
)
def test_stated_publication_dates(line, day):
    meta = meta_of(f"Allies open new training centre in Poland\nBy Jane Doe\n{line}\n" + BODY)
    assert meta.published is not None
    assert meta.published.value == day
    assert meta.published.precision is Precision.DAY
    assert meta.published_basis is DateBasis.STATED
    assert line in meta.published_reason


def test_published_line_wins_over_updated_line():
    meta = meta_of(
        "Allies open new training centre\nBy Jane Doe\n"
        "Updated: 2024-07-12 11:00\nPublished: 2024-07-11 08:00\n" + BODY
    )
    assert meta.published.value == dt.date(2024, 7, 11)


@pytest.mark.parametrize(
    ("masthead", "line"),
    [("The Guardian", "Published 01/10/2024 10:05"), ("CNN", "Updated 10/01/2024 9:03")],
)
def test_numeric_dates_follow_the_outlets_countrys_order(masthead, line):
    meta = meta_of(f"{masthead}\nAllies open new training centre\nBy Jane Doe\n{line}\n" + BODY)
    assert meta.published.value == dt.date(2024, 10, 1)


def test_published_wins_over_updated_on_the_same_line():
    meta = meta_of(
        "Allies open new training centre\nBy Jane Doe\n"
        "Published Oct. 1, 2024 Updated Oct. 2, 2024, 9:03 a.m. ET\n" + BODY
    )
    assert meta.published.value == dt.date(2024, 10, 1)


def test_year_mentions_in_the_story_never_date_the_article():
    meta = meta_of(
        "Allies open new training centre\nBy Jane Doe\n\n"
        "The four partners have attended every summit since 2022, officials said on Monday.\n\n"
        "The centre opened in 2023 and was expanded last year, the ministry said.\n"
    )
    assert meta.published is None


def test_ambiguous_numeric_date_is_not_guessed():
    meta = meta_of("Allies open new training centre\nBy Jane Doe\nPosted 07/10/2024\n" + BODY)
    assert meta.published is None


def test_dates_in_the_story_are_not_the_publication_date():
    meta = meta_of(
        "Leaders set summit date\nBy Jane Doe\n\n"
        "The leaders will meet on July 9, 2025, in The Hague, officials said on Monday.\n"
    )
    assert meta.published is None
    assert meta.published_basis is None
    assert meta.published_reason == ""


def test_page_metadata_date_is_used_for_html():
    page = PageMeta(title="Summit ends", published="2024-07-11T18:30:00+09:00")
    meta = meta_of(BODY, page, kind="html")
    assert meta.published.value == dt.date(2024, 7, 11)
    assert "2024-07-11T18:30:00+09:00" in meta.published_reason


def test_find_dates_reads_wire_timestamps_glued_to_the_time():
    assert [d for *_, d in find_dates("July 10, 20245:32 PM GMT+9")] == [dt.date(2024, 7, 10)]


# ---------------------------------------------------------------------------------------------
# Dateline


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("WASHINGTON, June 24 (Yonhap) -- The U.S. said", "Washington"),
        ("NEW YORK (AP) — The council met", "New York"),
        ("Canberra, 12 July: The government said", "Canberra"),
    ],
)
def test_dateline_place_is_title_cased(opening, place):
    meta = meta_of(f"{opening} it would send more ships to the region this year.\n")
    assert meta.dateline == place


def test_no_dateline_without_one():
    assert meta_of("Leaders meet\nBy Jane Doe\n" + BODY).dateline is None


def test_place_name_keeps_mixed_case_as_written():
    assert place_name("WINSTON-SALEM") == "Winston-Salem"
    assert place_name("Wellington") == "Wellington"


# ---------------------------------------------------------------------------------------------
# HTML pages without metadata: the <title> and the lines around the headline

HEADLINE = "Allies widen naval drills with Pacific partners"


def html_page(
    header_lines: list[str],
    *,
    site_title: str | None = None,
    time_values: list[str] | None = None,
    **stated: object,
) -> PageMeta:
    """What the reading stage keeps of a page without JSON-LD or OpenGraph."""
    return PageMeta(
        title=stated.pop("title", HEADLINE),
        site_title=site_title or f"{HEADLINE} | The Korea Herald",
        header_lines=header_lines,
        time_values=time_values or [],
        **stated,
    )


def test_html_header_gives_byline_date_and_publisher_from_the_title_suffix():
    page = html_page(["Defense", HEADLINE, "By Kim Min-ji", "Published : July 10, 2024 - 09:28"])

    meta = meta_of(BODY, page, kind="html")

    assert meta.title == HEADLINE
    assert meta.publisher == "The Korea Herald"
    assert meta.authors == ["Kim Min-ji"]
    assert meta.published == FuzzyDate(dt.date(2024, 7, 10), Precision.DAY)
    assert meta.published_basis is DateBasis.STATED


def test_html_header_name_beside_its_role_line_is_the_author():
    page = html_page([HEADLINE, "Ryo Sato", "Staff writer", "Jul 8, 2025"])

    assert meta_of(BODY, page, kind="html").authors == ["Ryo Sato"]


def test_an_office_beside_a_press_release_date_is_not_an_author():
    page = html_page(
        ["Release", "Rt Hon Jane Roe", "Prime Minister", "Saturday, 21 June 2025", HEADLINE],
        site_title=f"{HEADLINE} | Beehive.govt.nz",
    )

    meta = meta_of(BODY, page, kind="html")

    assert meta.authors == []
    assert meta.publisher == "New Zealand Government"
    assert meta.published == FuzzyDate(dt.date(2025, 6, 21), Precision.DAY)


def test_time_element_value_beats_the_visible_date_lines():
    page = html_page(
        [HEADLINE, "By Kim Min-ji", "July 11, 2024"], time_values=["2024-07-10T23:30:00+09:00"]
    )

    meta = meta_of(BODY, page, kind="html")

    assert meta.published == FuzzyDate(dt.date(2024, 7, 10), Precision.DAY)
    assert "<time>" in meta.published_reason


def test_utc_time_value_takes_the_day_the_page_shows():
    page = html_page([HEADLINE, "July 11, 2024 08:10 KST"], time_values=["2024-07-10T23:10:00Z"])

    assert meta_of(BODY, page, kind="html").published.value == dt.date(2024, 7, 11)


def test_page_stated_metadata_still_wins_over_the_header():
    page = html_page(
        [HEADLINE, "By Kim Min-ji", "July 11, 2024"],
        time_values=["2024-07-12"],
        published="2024-07-09T10:00:00+09:00",
        authors=["Lee Jae-hoon"],
        publisher="Korea Times",
    )

    meta = meta_of(BODY, page, kind="html")

    assert meta.published.value == dt.date(2024, 7, 9)
    assert meta.authors == ["Lee Jae-hoon"]
    assert meta.publisher == "The Korea Times"


def test_unknown_outlet_is_named_by_the_title_part_beyond_the_headline():
    page = html_page(
        [HEADLINE, "Daniel Ng", "September 12, 2024"], site_title=f"{HEADLINE} | Asia Ledger"
    )

    assert meta_of(BODY, page, kind="html").publisher == "Asia Ledger"


def test_the_site_title_outranks_a_photo_credit_naming_another_outlet():
    page = html_page([HEADLINE, "© Reuters / Pool"], site_title=f"{HEADLINE} - Pacific Courier")

    assert meta_of(BODY, page, kind="html").publisher == "Pacific Courier"


@pytest.mark.parametrize(
    "site_title",
    [
        f"{HEADLINE} | World",  # a section, not a site
        "Naval drills: what we know so far | Pacific Courier",  # not the headline shown
        f"{HEADLINE} | Updated 12 times in 2024",  # not a name
        f"{HEADLINE} | NATO",  # an organisation the news is about
    ],
)
def test_title_parts_that_are_no_site_name_no_publisher(site_title: str):
    page = html_page([HEADLINE], site_title=site_title)

    assert meta_of(BODY, page, kind="html").publisher is None


def test_a_headline_shown_apart_from_the_title_is_no_subtitle():
    shown = "Navies of five nations sail together off the peninsula"
    page = html_page([shown, "By Kim Min-ji"], site_title=f"{HEADLINE} | The Korea Herald")

    assert meta_of(BODY, page, kind="html").subtitle is None


def test_the_line_under_the_shown_headline_is_its_subtitle():
    subtitle = "Five navies will train together off the peninsula this autumn"
    page = html_page([HEADLINE, subtitle, "By Kim Min-ji"])

    assert meta_of(BODY, page, kind="html").subtitle == subtitle


@pytest.mark.parametrize(
    "credit",
    [
        "Jane Roe, Associated Press",
        "Jane Roe and Tom Brown, AP Diplomatic Writer",
        "5:45 AM PST 11/19/2024 by Jane Roe",
    ],
)
def test_a_byline_without_by_is_never_the_subtitle(credit: str):
    page = html_page([HEADLINE, credit])

    assert meta_of(BODY, page, kind="html").subtitle is None


def test_a_headline_with_a_sum_of_money_is_not_a_slogan():
    page = PageMeta(title="Seoul to spend $12.9bn on new destroyers")

    assert meta_of(BODY, page, kind="html").title == "Seoul to spend $12.9bn on new destroyers"


def test_html_page_read_end_to_end_without_metadata():
    paragraphs = "".join(f"<p>{p}</p>" for p in (BODY + LONGER_BODY).split("\n") if p)
    html = (
        "<html><head><title>Allies widen naval drills with Pacific partners - Kyodo News</title>"
        "</head><body><div class='top'>Monday 1 July 2024</div><main><article><header>"
        f"<h1>{HEADLINE}</h1><div class='meta'><span class='author'>By Aiko Mori</span>"
        "<span class='date'><time datetime='2024-06-30'>June 30, 2024</time></span></div>"
        f"</header><div class='text'>{paragraphs}</div></article></main></body></html>"
    )
    raw = read("page.html", html.encode())

    meta = extract(raw, clean(raw), KNOWLEDGE)

    assert (meta.title, meta.publisher, meta.authors) == (HEADLINE, "Kyodo News", ["Aiko Mori"])
    assert meta.published == FuzzyDate(dt.date(2024, 6, 30), Precision.DAY)


# ---------------------------------------------------------------------------------------------
# The seed documents


def seed_meta(prefix: str) -> ArticleMeta:
    path = next(SOURCES.glob(f"{prefix}_*.txt"))
    raw = RawDocument(source=path.name, kind="text", text=path.read_text("utf-8"))
    return extract(raw, clean(raw), KNOWLEDGE)


@pytest.mark.parametrize(
    ("prefix", "title", "subtitle", "publisher", "authors"),
    [
        (
            "000",
            "U.S. official calls S. Korea, Japan 'good partners' in tackling Russia threats "
            "ahead of NATO summit",
            None,
            "Yonhap News Agency",
            ["Song Sang-ho"],
        ),
        (
            "001",
            "'Anything' South Korea can do for Ukraine's defense ability will be 'warmly "
            "welcomed': NATO official",
            None,
            "The Korea Herald",
            ["Yonhap"],
        ),
        (
            "002",
            "Yoon, NATO leaders condemn threats raised by N. Korea-Russia ties",
            "South Korea seeks bolstered security cooperation through bilateral meetings on "
            "sidelines of 2024 NATO summit",
            "The Korea Times",
            ["Anna J. Park"],
        ),
        (
            "003",
            "NATO invites Korea to summit for third consecutive time",
            None,
            "Korea JoongAng Daily",
            ["Lim Jeong-won"],
        ),
        (
            "004",
            "NATO ambassadors welcome stronger cooperation with Seoul",
            None,
            "Korea JoongAng Daily",
            ["Esther Chung"],
        ),
    ],
)
def test_seed_metadata(prefix, title, subtitle, publisher, authors):
    meta = seed_meta(prefix)
    assert (meta.title, meta.subtitle, meta.publisher, meta.authors) == (
        title,
        subtitle,
        publisher,
        authors,
    )


@pytest.mark.parametrize(
    ("prefix", "published", "dateline"),
    [
        ("000", None, "Washington"),
        ("001", dt.date(2024, 7, 10), None),
        ("002", None, None),
        ("003", None, None),
        ("004", None, None),
    ],
)
def test_seed_stated_date_and_dateline(prefix, published, dateline):
    meta = seed_meta(prefix)
    assert (meta.published.value if meta.published else None) == published
    assert meta.dateline == dateline
