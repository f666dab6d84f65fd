"""Stage 1 — reading: decoding, refusing bad files, HTML metadata and main text."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from articles.pipeline import reading
from articles.pipeline.errors import PipelineError
from articles.pipeline.reading import MAX_BYTES, read

SEEDS = Path(__file__).resolve().parents[3] / "fixtures" / "sources"
BENCHMARK = Path(__file__).resolve().parents[3] / ".." / "shared" / "benchmarks" / "article-body"

# Self-written article paragraphs, long enough for a main-text extractor to trust them.
PARAGRAPHS = [
    "Defence ministers from the four Indo-Pacific partners met alliance officials in Brussels "
    "on Thursday to discuss closer work on cyber defence and maritime awareness.",
    "\u201cOur regions face the same pressure from the same partnership of autocracies,\u201d "
    "the chair of the meeting told reporters after the talks ended late in the evening.",
    "Officials said the partners would exchange liaison officers next spring and hold a joint "
    "table-top exercise on protecting undersea cables before the end of the year.",
    "The meeting followed months of reports that artillery shells and drones were moving "
    "between Pyongyang, Tehran and Moscow in violation of several Security Council resolutions.",
    "A further round of talks is planned for the autumn, when foreign ministers are expected "
    "to agree a common list of priorities for the partnership for the next three years.",
]
HEADLINE = "Indo-Pacific partners and alliance agree closer cyber cooperation"


def page(head: str = "", body: str = "", *, charset: str = "utf-8") -> str:
    return (
        "<!DOCTYPE html>\n<html><head>"
        f'<meta charset="{charset}"><title>{HEADLINE} | Example Wire</title>{head}</head>'
        f"<body>{body}</body></html>"
    )


def article_body() -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"<article><h1>{HEADLINE}</h1>{paragraphs}</article>"


def json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# --- plain text ----------------------------------------------------------------------------------


def test_plain_text_with_bom_and_crlf_reads_as_text():
    data = "\ufeffNATO summit opens\r\nLeaders arrive in the capital.\r\n".encode()

    doc = read("story.txt", data)

    assert doc.kind == "text"
    assert doc.text == "NATO summit opens\nLeaders arrive in the capital.\n"


def test_plain_text_in_utf16_with_bom_is_accepted():
    data = "\ufeffNATO and the IP4\r\n".encode("utf-16-le")

    doc = read("wide.txt", data)

    assert doc.text == "NATO and the IP4\n"


def test_plain_text_is_nfc_normalised_and_control_characters_removed():
    decomposed = "Cafe\u0301 talks\x07 in Seoul\x1b\tresume"

    doc = read("story.txt", decomposed.encode())

    assert doc.text == "Caf\u00e9 talks in Seoul\tresume"


def test_plain_text_with_a_quoted_tag_is_not_mistaken_for_html():
    text = "A reader asked why the page shows <b> in a headline.\nThe editors fixed it.\n"

    doc = read("letters", text.encode())

    assert doc.kind == "text"
    assert doc.text == text


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_seed_dumps_read_unchanged(path: Path):
    data = path.read_bytes()

    doc = read(path.name, data)

    assert doc.kind == "text"
    assert doc.text == data.decode("utf-8").replace("\r\n", "\n")


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  "], ids=["empty", "whitespace"])
def test_empty_file_is_refused(data: bytes):
    with pytest.raises(PipelineError, match=r"^a\.txt: file is empty$"):
        read("a.txt", data)


def test_bom_only_file_is_refused_as_empty():
    with pytest.raises(PipelineError, match="file is empty"):
        read("a.txt", b"\xef\xbb\xbf\n")


def test_binary_file_with_nul_bytes_is_refused():
    with pytest.raises(PipelineError, match=r"file is binary, not text \(it contains NUL bytes\)"):
        read("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_binary_file_full_of_control_characters_is_refused():
    data = bytes(range(1, 9)) * 50 + b"some text"

    with pytest.raises(PipelineError, match="too many control characters"):
        read("blob", data)


def test_text_that_is_not_utf8_names_the_bad_byte_and_offset():
    data = b"Hello world\n\xff and more"

    with pytest.raises(PipelineError) as caught:
        read("latin.txt", data)

    assert str(caught.value) == (
        "latin.txt: file is not UTF-8 text (invalid byte 0xff at offset 12)"
    )


def test_html_without_declared_charset_must_be_utf8():
    data = page(body=article_body()).replace('<meta charset="utf-8">', "").encode("cp1252")
    data = data.replace(b"Brussels", b"Bru\xe7sels")

    with pytest.raises(PipelineError, match=r"not UTF-8 text \(invalid byte 0xe7 at offset \d+\)"):
        read("page.html", data)


def test_invalid_byte_offset_counts_the_bom():
    with pytest.raises(PipelineError, match=r"invalid byte 0xc0 at offset 5\)$"):
        read("bom.txt", b"\xef\xbb\xbfab\xc0")


def test_page_with_an_absurd_number_of_tags_is_refused():
    data = ("<html><body>" + "<b>x</b>" * 30_000 + "</body></html>").encode()

    with pytest.raises(PipelineError, match=r"HTML page has too many tags to read \(60,004;"):
        read("tags.html", data)


def test_hostile_markup_is_read_or_refused_quickly():
    hostile = [
        "<html><head>" + '<meta content="x' * 8000,
        "<html><head>" + "<!-- a -->" * 3000 + "<title" * 5000,
        "<html><head>" + '<script type="application/ld+json">{"a": [' * 2000,
        "<html><body>" + "<span class='share'>" * 20_000 + "text",
    ]
    start = time.perf_counter()
    for html in hostile:
        try:
            read("hostile.html", html.encode())
        except PipelineError as exc:
            assert "\n" not in str(exc)

    assert time.perf_counter() - start < 30  # hang guard, not a speed target


def test_file_over_the_size_cap_is_refused():
    data = b"a" * (MAX_BYTES + 1)

    with pytest.raises(PipelineError, match=r"file is too large \(5,242,881 bytes; the limit is"):
        read("huge.txt", data)


def test_error_messages_are_one_line():
    for data in (b"", b"\x00\x01", b"ok \xfe", b"x" * (MAX_BYTES + 1)):
        with pytest.raises(PipelineError) as caught:
            read("f.txt", data)
        assert "\n" not in str(caught.value)


def test_deeply_nested_html_does_not_crash():
    data = ("<html><body>" + "<div>" * 50_000 + "<p>deep</p>" + "</div>" * 50_000).encode()

    try:
        doc = read("deep.html", data)
    except PipelineError as exc:  # refusing is fine; a traceback is not
        assert "\n" not in str(exc)
    else:
        assert doc.kind == "html"


# --- HTML detection and decoding ----------------------------------------------------------------


def test_html_is_detected_by_content_whatever_the_file_name():
    doc = read("download.txt", page(body=article_body()).encode())

    assert doc.kind == "html"
    assert "<p>" not in doc.text


def test_html_fragment_with_many_tags_is_detected():
    fragment = "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS * 2)

    doc = read("fragment", fragment.encode())

    assert doc.kind == "html"


def test_windows_1252_page_with_meta_charset_is_decoded():
    body = (
        "<article>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "<p>The caf\u00e9 near the venue served cr\u00e8me br\u00fbl\u00e9e \u2014 "
        "\u201cfor the delegates\u201d, its owner said with a smile on Friday.</p></article>"
    )
    data = page(body=body, charset="windows-1252").encode("cp1252")

    doc = read("legacy.htm", data)

    assert "caf\u00e9 near the venue served cr\u00e8me br\u00fbl\u00e9e \u2014" in doc.text
    assert "\u201cfor the delegates\u201d" in doc.text


@pytest.mark.parametrize(
    ("declaration", "codec", "sentence"),
    [
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">',
            "euc-kr",
            "나토 정상회의가 워싱턴에서 열렸다.",
        ),
        ('<meta charset="Shift_JIS">', "shift_jis", "北大西洋条約機構の首脳会議が開かれた。"),
    ],
    ids=["euc-kr", "shift_jis"],
)
def test_east_asian_legacy_charsets_are_decoded(declaration: str, codec: str, sentence: str):
    html = (
        f"<html><head>{declaration}<title>news</title></head><body><article>"
        + "".join(f"<p>{sentence} {p}</p>" for p in PARAGRAPHS)
        + "</article></body></html>"
    )

    doc = read("asia.html", html.encode(codec))

    assert sentence in doc.text


def test_utf16_page_with_bom_is_decoded():
    data = b"\xff\xfe" + page(body=article_body()).encode("utf-16-le")

    doc = read("wide.html", data)

    assert doc.kind == "html"
    assert PARAGRAPHS[0] in doc.text


# --- HTML metadata -------------------------------------------------------------------------------


def test_news_article_json_ld_in_a_graph_with_author_list():
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Example Wire", "url": "https://wire.example/"},
            {
                "@type": ["NewsArticle"],
                "headline": HEADLINE,
                "description": "Ministers meet in Brussels.",
                "datePublished": "2024-07-11T09:30:00+09:00",
                "author": [
                    {"@type": "Person", "name": "Kim Min-ji"},
                    {"@type": "Person", "name": "Tom Baker", "url": "https://wire.example/tb"},
                    "https://wire.example/authors/nobody",
                ],
                "publisher": {"@type": "Organization", "name": "Example Wire"},
                "mainEntityOfPage": {"@id": "https://wire.example/news/cyber-talks"},
            },
        ],
    }
    head = json_ld(graph) + '<meta property="og:title" content="A different OG title">'

    doc = read("page.html", page(head, article_body()).encode())

    assert doc.page.title == HEADLINE
    assert doc.page.description == "Ministers meet in Brussels."
    assert doc.page.authors == ["Kim Min-ji", "Tom Baker"]
    assert doc.page.publisher == "Example Wire"
    assert doc.page.published == "2024-07-11T09:30:00+09:00"
    assert doc.page.url == "https://wire.example/news/cyber-talks"


def test_json_ld_list_with_byline_string_splits_two_authors():
    data = [
        {"@type": "BreadcrumbList", "itemListElement": []},
        {
            "@type": "ReportageNewsArticle",
            "headline": "Talks resume",
            "author": "By Ann Lee and Bo Park",
        },
    ]

    doc = read("page.html", page(json_ld(data), article_body()).encode())

    assert doc.page.title == "Talks resume"
    assert doc.page.authors == ["Ann Lee", "Bo Park"]


def test_opengraph_only_page():
    head = (
        '<meta property="og:title" content="Partners back Kyiv at summit">'
        '<meta property="og:description" content="Four leaders attend.">'
        '<meta property="og:url" content="https://daily.example/2024/07/summit">'
        '<meta property="og:site_name" content="Example Daily">'
        '<meta property="article:published_time" content="2024-07-10T08:00:00Z">'
        '<meta property="article:author" content="https://www.facebook.com/someone">'
        '<meta name="author" content="Jane Roe">'
    )

    doc = read("page.html", page(head, article_body()).encode())

    assert doc.page.title == "Partners back Kyiv at summit"
    assert doc.page.description == "Four leaders attend."
    assert doc.page.url == "https://daily.example/2024/07/summit"
    assert doc.page.publisher == "Example Daily"
    assert doc.page.published == "2024-07-10T08:00:00Z"
    assert doc.page.authors == ["Jane Roe"]


def test_meta_names_and_title_tag_are_the_last_resort():
    head = (
        '<meta property="og:site_name" content="Example Wire">'
        '<meta name="byl" content="By Sam Hill">'
        '<meta name="parsely-pub-date" content="2024-06-24">'
        '<meta name="description" content="Preview of the summit.">'
        '<link rel="canonical" href="https://wire.example/a/1">'
    )

    doc = read("page.html", page(head, article_body()).encode())

    assert doc.page.title == HEADLINE  # " | Example Wire" removed: it is the site's name
    assert doc.page.authors == ["Sam Hill"]
    assert doc.page.published == "2024-06-24"
    assert doc.page.description == "Preview of the summit."
    assert doc.page.url == "https://wire.example/a/1"


def test_entities_that_spell_decomposed_characters_come_out_composed():
    head = '<meta property="og:title" content="Cafe&#769; diplomacy in Seoul">'
    body = "<article>" + "".join(f"<p>Cafe&#769; talk. {p}</p>" for p in PARAGRAPHS) + "</article>"

    doc = read("page.html", page(head, body).encode())

    assert doc.page.title == "Caf\u00e9 diplomacy in Seoul"
    assert "Caf\u00e9 talk." in doc.text and "e\u0301" not in doc.text


def test_role_after_the_author_name_is_dropped():
    head = '<meta name="author" content="Jane Roe, Staff Writer">'

    doc = read("page.html", page(head, article_body()).encode())

    assert doc.page.authors == ["Jane Roe"]


def test_byline_element_gives_the_author_when_no_metadata_does():
    doc = read("page.html", cluttered_page().encode())

    assert doc.page.authors == ["Kim Min-ji"]


def test_malformed_json_ld_still_reads_the_page():
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
        '<meta property="og:title" content="Fallback title">'
    )

    doc = read("page.html", page(head, article_body()).encode())

    assert doc.page.title == "Fallback title"
    assert PARAGRAPHS[0] in doc.text


def test_json_ld_with_trailing_comma_and_cdata_wrapper_is_forgiven():
    head = (
        '<script type="application/ld+json">//<![CDATA[\n'
        '{"@type": "NewsArticle", "headline": "Wrapped headline", "datePublished": "2024-07-09",}'
        "\n//]]></script>"
    )

    doc = read("page.html", page(head, article_body()).encode())

    assert doc.page.title == "Wrapped headline"
    assert doc.page.published == "2024-07-09"


# --- HTML main text ------------------------------------------------------------------------------


FURNITURE = [
    "Subscribe to our morning briefing",
    "Share on Facebook",
    "Most popular stories this week",
    "Cookie settings and privacy choices",
    "Reader comment: this is outrageous",
]


def cluttered_page() -> str:
    nav = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/w'>World</a></li></ul></nav>"
    share = f"<div class='share-tools'><a href='#'>{FURNITURE[1]}</a></div>"
    related = (
        "<aside class='related'><h3>Related</h3><ul>"
        f"<li><a href='/x'>{FURNITURE[2]}</a></li></ul></aside>"
    )
    comments = f"<section id='comments'><div class='comment'><p>{FURNITURE[4]}</p></div></section>"
    footer = f"<footer><p>{FURNITURE[3]}</p><p>{FURNITURE[0]}</p></footer>"
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    body = (
        f"<header>{nav}</header><main><article><h1>{HEADLINE}</h1>{share}"
        f"<p class='byline'>By Kim Min-ji</p>{paragraphs}</article>"
        f"{related}{comments}</main>{footer}"
    )
    return page(body=body)


def test_article_paragraphs_come_out_separated_by_blank_lines():
    doc = read("page.html", cluttered_page().encode())

    paragraphs = doc.text.split("\n\n")
    for expected in PARAGRAPHS:
        assert expected in paragraphs


def test_page_furniture_stays_out_of_the_text():
    doc = read("page.html", cluttered_page().encode())

    for furniture in FURNITURE:
        assert furniture not in doc.text
    assert "Home" not in doc.text.split()


def test_first_line_does_not_repeat_the_headline():
    doc = read("page.html", cluttered_page().encode())

    assert not doc.text.startswith(HEADLINE)
    assert doc.page.title == HEADLINE


def test_fallback_extraction_when_trafilatura_finds_nothing(monkeypatch):
    monkeypatch.setattr(reading, "_main_text", lambda html: "")

    doc = read("page.html", cluttered_page().encode())

    assert doc.text.split("\n\n")[-len(PARAGRAPHS) :] == PARAGRAPHS
    for furniture in FURNITURE:
        assert furniture not in doc.text


def test_cross_links_are_dropped_but_sentences_that_start_alike_are_kept():
    body = (
        "<article>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
        + "<p>Read more: Seoul and Tokyo weigh a new security pact</p>"
        + "<p>Also on Tuesday, the minister met the alliance's military committee chair.</p>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:])
        + "</article>"
    )

    doc = read("page.html", page(body=body).encode())

    assert "Read more" not in doc.text
    assert "Also on Tuesday, the minister met the alliance's military committee chair." in doc.text


def test_reading_is_deterministic():
    data = cluttered_page().encode()

    assert read("a.html", data) == read("a.html", data)


# --- HTML article header -------------------------------------------------------------------------


def header_page(header: str, *, before: str = "", title: str = f"{HEADLINE} - Example Wire") -> str:
    """A page without JSON-LD or OpenGraph whose article opens with ``header`` markup."""
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>"
        f"<title>{title}</title></head><body>{before}"
        f"<main><article>{header}<div class='story'>{paragraphs}</div></article></main>"
        "</body></html>"
    )


def test_page_keeps_its_title_as_written_with_the_site_name():
    doc = read("page.html", header_page(f"<h1>{HEADLINE}</h1>").encode())

    assert doc.page.site_title == f"{HEADLINE} - Example Wire"
    assert doc.page.title == HEADLINE


def test_header_element_with_byline_and_time_gives_lines_and_datetime():
    header = (
        "<header><p class='kicker'>Defence</p>"
        f"<h1>{HEADLINE}</h1>"
        "<p class='byline'>By <a rel='author' href='/a/1'>Jane Roe</a>"
        " and <a rel='author' href='/a/2'>Tom Brown</a></p>"
        "<p>Posted <time datetime='2024-07-11T09:30:00+09:00'>Thu 11 Jul 2024</time></p>"
        "</header>"
    )

    doc = read("page.html", header_page(header).encode())

    assert doc.page.header_lines == [
        "Defence",
        HEADLINE,
        "By Jane Roe and Tom Brown",
        "Posted Thu 11 Jul 2024",
    ]
    assert doc.page.time_values == ["2024-07-11T09:30:00+09:00"]


def test_byline_div_with_name_and_role_spans_gives_a_line_each():
    header = (
        f"<div class='title-block'><h1>{HEADLINE}</h1>"
        "<div class='byline'><span class='name'>Ryo Sato</span>"
        "<span class='role'>Staff writer</span></div>"
        "<div class='date'>Jul 8, 2025</div></div>"
    )

    doc = read("page.html", header_page(header).encode())

    assert doc.page.header_lines[1:] == ["Ryo Sato", "Staff writer", "Jul 8, 2025"]


def test_meta_paragraph_with_separator_spans_splits_author_from_date():
    header = (
        f"<h1>{HEADLINE}</h1><p class='meta'><span class='author'>Daniel Ng</span>"
        " <span class='sep'>|</span> <span class='date'>September 12, 2024</span></p>"
    )

    doc = read("page.html", header_page(header).encode())

    assert doc.page.header_lines == [HEADLINE, "Daniel Ng", "September 12, 2024"]


def test_a_label_printed_apart_joins_what_it_labels():
    header = (
        f"<h1>{HEADLINE}</h1><div class='meta'><span class='by'>By</span>"
        "<a rel='author' href='/a'>Hana Sato</a></div>"
        "<div class='dates'><span>Published:</span><span>3 May 2025</span></div>"
    )

    doc = read("page.html", header_page(header).encode())

    assert doc.page.header_lines == [HEADLINE, "By Hana Sato", "Published: 3 May 2025"]


def test_furniture_and_captions_around_the_headline_are_left_out():
    header = (
        f"<h1>{HEADLINE}</h1>"
        "<div class='share-bar'><a href='#'>Share on X</a><a href='#'>Email</a></div>"
        "<figure><img src='a.jpg'><figcaption>Ministers pose for a photo</figcaption></figure>"
        "<div class='photo-caption-text'>Delegates arrive at the venue (Agency)</div>"
        "<span hidden>Screen reader skip link</span>"
        "<p class='byline'>By Jane Roe</p>"
    )

    doc = read("page.html", header_page(header).encode())

    assert doc.page.header_lines == [HEADLINE, "By Jane Roe"]


def test_a_byline_wrapped_with_share_buttons_is_kept_without_them():
    header = (
        f"<h1>{HEADLINE}</h1><div class='byline-share'>"
        "<span class='byline'>By Jane Roe</span>"
        "<div class='share'><a href='#'>Share on X</a></div></div>"
    )

    doc = read("page.html", header_page(header).encode())

    assert doc.page.header_lines == [HEADLINE, "By Jane Roe"]


def test_lines_outside_the_article_such_as_a_top_bar_date_are_left_out():
    top_bar = (
        "<div class='top'><span>Wednesday 5 March 2025</span><a href='/'>Example Wire</a></div>"
    )
    header = f"<h1>{HEADLINE}</h1><p class='byline'>By Jane Roe</p>"

    doc = read("page.html", header_page(header, before=top_bar).encode())

    assert doc.page.header_lines == [HEADLINE, "By Jane Roe"]


def test_body_paragraphs_end_the_header_but_a_standfirst_and_later_byline_stay():
    standfirst = "Partners agree a two-year plan for closer work on cyber threats."
    header = f"<h1>{HEADLINE}</h1><p class='dek'>{standfirst}</p><p>By Jane Roe</p>"

    doc = read("page.html", header_page(header).encode())

    assert doc.page.header_lines == [HEADLINE, standfirst, "By Jane Roe"]
    assert not any(p[:40] in " ".join(doc.page.header_lines) for p in PARAGRAPHS)


def test_update_times_are_left_out_and_publication_times_come_first():
    header = (
        f"<h1>{HEADLINE}</h1><p>Updated <time datetime='2024-07-12'>12 July</time></p>"
        "<p><time class='entry-date published' datetime='2024-07-10'>10 July 2024</time></p>"
        "<p><time datetime='2024-07-11'>11 July 2024</time></p>"
    )

    doc = read("page.html", header_page(header).encode())

    assert doc.page.time_values == ["2024-07-10", "2024-07-11"]


def test_the_headline_is_the_h1_stating_the_title_not_the_logo():
    logo = "<div class='brand'><h1>Example Wire Daily</h1><p>Since 1901 Updated hourly</p></div>"
    header = f"<h1>{HEADLINE}</h1><p class='byline'>By Jane Roe</p>"
    html = header_page(header).replace("<main>", f"<main>{logo}")

    doc = read("page.html", html.encode())

    assert doc.page.header_lines == [HEADLINE, "By Jane Roe"]


def test_an_h2_stating_the_title_serves_when_the_page_has_no_h1():
    header = f"<h2>{HEADLINE}</h2><p class='byline'>By Jane Roe</p>"

    doc = read("page.html", header_page(header).encode())

    assert doc.page.header_lines == [HEADLINE, "By Jane Roe"]


def test_korean_byline_and_stamp_are_kept_as_lines():
    byline = "<div class='byline'><em>김민지 기자</em> 입력 2024.07.10 09:28</div>"
    header = f"<h1>{HEADLINE}</h1>{byline}"

    doc = read("page.html", header_page(header).encode())

    assert doc.page.header_lines == [HEADLINE, "김민지 기자 입력 2024.07.10 09:28"]


def test_header_is_limited_to_short_lines_and_a_few_of_them():
    links = "".join(f"<div>Tag number {i}</div>" for i in range(40))
    long_line = "<div>" + "word " * 60 + "</div>"
    header = f"<h1>{HEADLINE}</h1>{long_line}{links}"

    doc = read("page.html", header_page(header).encode())

    assert len(doc.page.header_lines) == 15
    assert all(len(line.split()) <= 40 for line in doc.page.header_lines)


def test_text_pages_and_pages_without_a_headline_have_no_header_lines():
    text = read("story.txt", b"Headline\n\nBy Jane Roe\n\nBody text.\n")
    no_heading = read("page.html", page(body="".join(f"<p>{p}</p>" for p in PARAGRAPHS)).encode())

    assert text.page.header_lines == [] and text.page.site_title is None
    assert no_heading.page.header_lines == []
    assert no_heading.page.site_title == f"{HEADLINE} | Example Wire"


def test_main_text_is_the_same_with_the_header_read_from_one_parse():
    doc = read("page.html", cluttered_page().encode())

    assert doc.text.split("\n\n")[-len(PARAGRAPHS) :] == PARAGRAPHS
    assert "By Kim Min-ji" in doc.page.header_lines


@pytest.mark.parametrize(
    "markup",
    [
        f"<h1>{HEADLINE}" + "<div class='byline'>By Jane Roe" * 3000,  # unclosed
        "<div><span>a</span><span>b</span></div>" * 7_000 + f"<h1>{HEADLINE}</h1>",
        f"<h1>{HEADLINE}</h1><p>" + "By " * 200_000 + "</p>",
        f"<h1>{HEADLINE}</h1>" + "<time datetime='2024-01-01'>1 Jan</time>" * 10_000,
    ],
)
def test_hostile_headers_are_read_without_hanging(markup: str):
    start = time.perf_counter()
    doc = read("page.html", header_page(markup).encode())

    assert len(doc.page.header_lines) <= 15 and len(doc.page.time_values) <= 15
    assert time.perf_counter() - start < 20  # hang guard, not a speed target


# --- benchmark scorer ----------------------------------------------------------------------------


def test_scorer_counts_shingles_with_multiplicity():
    from benchmarks.article_body import score_page

    exact = score_page("one two three four five", "one two three four five")
    half = score_page("a b c d e f g", "a b c d x y z")
    repeated = score_page("a b c d a b c d", "a b c d")

    assert (exact.precision, exact.recall) == (1.0, 1.0)
    assert half.tp == pytest.approx(1 / 7)  # one shared shingle of 4 + 3 distinct
    assert repeated.recall == 1.0 and repeated.precision < 1.0


def test_scorer_leaves_empty_extractions_out_of_precision():
    from benchmarks.article_body import score_page, summarise

    summary = summarise([score_page("", "some expected body text here"), score_page("x y", "x y")])

    assert summary.precision == 1.0
    assert summary.recall == 0.5


@pytest.mark.skipif(not BENCHMARK.exists(), reason="article-body benchmark data not present")
def test_three_benchmark_pages_score_well():
    from benchmarks.article_body import load_pages, ours, score_page, summarise

    pages = load_pages(BENCHMARK, limit=3)

    summary = summarise([score_page(ours(html), truth) for _, html, truth in pages])

    assert summary.f1 >= 0.9
