"""Stage 1 — reading: bytes of a plain-text dump or an HTML page in, a RawDocument out.

Reading decides what the bytes are (refusing empty, binary, oversized or undecodable files with a
one-line ``PipelineError``), decodes them, and for HTML pages collects what the page states about
itself (JSON-LD, OpenGraph, meta tags), extracts the main text with trafilatura (falling back to
a paragraph-density heuristic of our own), and keeps the visible lines around the headline —
byline, date, kicker — that main-text extraction drops, for the metadata stage to read as it
reads a text dump's header.
"""

from __future__ import annotations

import codecs
import html as html_lib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NoReturn

from bs4 import BeautifulSoup, Tag
from lxml import etree
from lxml.html import HtmlElement

from .errors import PipelineError

MAX_BYTES = 5 * 1024 * 1024

# ---------------------------------------------------------------------------------------------
# Results


@dataclass
class PageMeta:
    """What an HTML page states about itself (JSON-LD NewsArticle, OpenGraph, meta tags)."""

    title: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None  # ISO 8601 date or datetime as the page states it
    url: str | None = None
    site_title: str | None = None  # the <title> as written, site name and all
    # Visible lines of the article's header, in document order: kicker, headline, bylines,
    # date lines; short lines only (what a text dump shows above the body).
    header_lines: list[str] = field(default_factory=list)
    # ``datetime`` values of the <time> elements in that header, publication-marked first;
    # update-marked ones are left out (their visible line keeps its "Updated" label).
    time_values: list[str] = field(default_factory=list)


@dataclass
class RawDocument:
    source: str
    kind: str  # "text" or "html"
    text: str  # plain text; for HTML the extracted main text, paragraphs separated by blank lines
    page: PageMeta = field(default_factory=PageMeta)


# ---------------------------------------------------------------------------------------------
# Entry point


def read(source: str, data: bytes) -> RawDocument:
    """Decode ``data`` and, for an HTML page, extract its metadata and main text.

    Raises ``PipelineError`` with a one-line reason for input that is not a readable document.
    """
    if len(data) > MAX_BYTES:
        _fail(source, f"file is too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})")
    if not data.strip():
        _fail(source, "file is empty")
    bom_encoding, body = _split_bom(data)
    if bom_encoding is None or bom_encoding == "utf-8":
        _refuse_binary(source, body)
    if _looks_like_html(_sniff_text(body, bom_encoding), source):
        # the parsers handle newlines; what they extract is normalised on the way out
        html = _CONTROL_CHARS_RE.sub(
            "", _decode_html(source, body, bom_encoding, len(data) - len(body))
        )
        if not html.strip():
            _fail(source, "file is empty")
        return _read_html(source, html)
    text = _normalise(_decode_text(source, body, bom_encoding, len(data) - len(body)))
    if not text.strip():
        _fail(source, "file is empty")
    return RawDocument(source=source, kind="text", text=text)


def _fail(source: str, reason: str) -> NoReturn:
    raise PipelineError(f"{source}: {reason}" if source else reason)


# ---------------------------------------------------------------------------------------------
# Bytes: BOM, binary check, decoding

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than tab, newline, form feed, carriage return and escape (which ISO-2022
# encodings use), plus DEL.
_CONTROL_BYTES = bytes(sorted(frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B} | {0x7F}))
_BINARY_SAMPLE = 8192
_BINARY_CONTROL_SHARE = 0.05
_BINARY_MIN_CONTROLS = 8  # a few stray control characters do not make a short text binary


def _split_bom(data: bytes) -> tuple[str | None, bytes]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    return None, data


def _refuse_binary(source: str, data: bytes) -> None:
    """Text never holds NUL bytes and holds few control characters; binary formats do."""
    if b"\x00" in data:
        _fail(source, "file is binary, not text (it contains NUL bytes)")
    sample = data[:_BINARY_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls >= _BINARY_MIN_CONTROLS and controls > _BINARY_CONTROL_SHARE * len(sample):
        _fail(source, "file is binary, not text (too many control characters)")


def _decode_text(source: str, data: bytes, bom_encoding: str | None, skipped: int) -> str:
    """Plain text must be UTF-8 (a UTF-16 BOM is unambiguous, so that is accepted too)."""
    if bom_encoding and bom_encoding != "utf-8":
        return _decode_utf16(source, data, bom_encoding)
    return _decode_utf8(source, data, skipped)


def _decode_utf8(source: str, data: bytes, skipped: int = 0) -> str:
    """Strict UTF-8; ``skipped`` is the length of a removed BOM, so offsets match the file."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad, offset = data[exc.start], exc.start + skipped
        _fail(source, f"file is not UTF-8 text (invalid byte 0x{bad:02x} at offset {offset})")


def _decode_utf16(source: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        _fail(source, f"file is not valid UTF-16 text (bad data at offset {exc.start})")


# Legacy charsets are decoded as the superset browsers use for them (WHATWG Encoding Standard).
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "ksc5601": "cp949",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
}
_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:\-]{1,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([a-zA-Z0-9_.:\-]{1,40})""",
    re.IGNORECASE,
)
_CHARSET_SCAN = 4096
# A declared legacy charset is decoded leniently, but a page that is mostly undecodable is wrong.
_MAX_REPLACEMENT_SHARE = 0.01


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET_RE.search(data[:_CHARSET_SCAN])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    return _CHARSET_ALIASES.get(name, name)


def _decode_html(source: str, data: bytes, bom_encoding: str | None, skipped: int) -> str:
    """A BOM wins, then a declared charset, then UTF-8; an HTML page need not be UTF-8."""
    if bom_encoding == "utf-8":
        return _decode_utf8(source, data, skipped)
    if bom_encoding:
        return _decode_utf16(source, data, bom_encoding)
    charset = _declared_charset(data)
    if charset is None:
        return _decode_utf8(source, data)
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        return _decode_utf8(source, data)
    if codec == "utf-8" or codec.startswith("utf-16"):  # a UTF-16 declaration without BOM lies
        return _decode_utf8(source, data)
    text = data.decode(codec, errors="replace")
    if text.count("\ufffd") > _MAX_REPLACEMENT_SHARE * max(len(text), 1):
        _fail(source, f"file is not valid {charset} text as its charset declaration says")
    return text


# ---------------------------------------------------------------------------------------------
# Text normalisation

_ODD_BREAKS_RE = re.compile("[\u2028\u0085\x0b\x0c]")
_PARAGRAPH_SEPARATOR = "\u2029"
# C0/C1 controls except tab and newline, DEL, and stray byte-order marks.
_CONTROL_CHARS_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff]")


def _normalise(text: str) -> str:
    """Newlines as "\n", no control characters but tab and newline, NFC."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ODD_BREAKS_RE.sub("\n", text)
    if _PARAGRAPH_SEPARATOR in text:
        text = text.replace(_PARAGRAPH_SEPARATOR, "\n\n")
    text = _CONTROL_CHARS_RE.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


# ---------------------------------------------------------------------------------------------
# HTML or plain text?

_HTML_START_RE = re.compile(
    r"\A\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*+"
    r"<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE_RE = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_TAG_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,15}(?:\s[^<>]{0,500})?/?>")
_SNIFF_CHARS = 4096
# A plain-text dump may quote a tag or two ("<Photo>"), not a run of them with closing tags.
_MIN_TAGS = 8
_MIN_CLOSING_TAGS = 3
_MAX_CHARS_PER_TAG = 500
_HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")


def _sniff_text(data: bytes, bom_encoding: str | None) -> str:
    """The start of the file as text, good enough to look for markup in any encoding."""
    head = data[: _SNIFF_CHARS * 2]
    if bom_encoding and bom_encoding.startswith("utf-16"):
        return head.decode(bom_encoding, errors="replace")
    return head.decode("latin-1")


def _looks_like_html(head: str, source: str) -> bool:
    head = head[:_SNIFF_CHARS]
    if _HTML_START_RE.match(head) or _HTML_ANYWHERE_RE.search(head[:1024]):
        return True
    tags = [m.group() for m in _TAG_RE.finditer(head)]
    if source.lower().endswith(_HTML_EXTENSIONS) and tags:
        return True
    closing = sum(1 for tag in tags if tag.startswith("</"))
    return (
        len(tags) >= _MIN_TAGS
        and closing >= _MIN_CLOSING_TAGS
        and len(tags) * _MAX_CHARS_PER_TAG >= len(head.strip())
    )


# ---------------------------------------------------------------------------------------------
# HTML


# News pages carry a few thousand tags; parsing cost grows with the count, so a page with
# vastly more is refused rather than left to run for minutes.
_MAX_TAGS = 50_000


def _read_html(source: str, html: str) -> RawDocument:
    tags = html.count("<")
    if tags > _MAX_TAGS:
        _fail(source, f"HTML page has too many tags to read ({tags:,}; the limit is {_MAX_TAGS:,})")
    try:
        page, headings = _page_meta(html)
        tree = _parse_tree(html)
        # trafilatura copies a tree it is given, so the header is read from the same parse
        text = _main_text(html if tree is None else tree)
        if not text:
            text = _fallback_text(html)
        if tree is not None:
            page.header_lines, page.time_values = article_header(
                tree, [page.title, page.site_title], text
            )
    except (RecursionError, MemoryError) as exc:
        _fail(source, f"HTML page is too deeply nested or too large to read ({type(exc).__name__})")
    except PipelineError:
        raise
    except Exception as exc:  # a parser failure on hostile markup means a bad document
        detail = _SPACE_RE.sub(" ", str(exc))[:150]
        _fail(source, f"HTML page could not be parsed ({type(exc).__name__}: {detail})")
    # entities decoded by the parsers can spell characters the raw page did not have
    text = _normalise(_drop_leading_title(text, [page.title, *headings]))
    return RawDocument(source=source, kind="html", text=text, page=page)


# --- metadata ---------------------------------------------------------------------------------

# Parsing a whole page only to read a few tags costs more than trafilatura itself, so the tags
# that carry metadata are cut out first (with bounded, linear scans) and parsed on their own.
# Possessive quantifiers: a tag that does not close never makes the scan backtrack.
_VOID_META_TAG_RE = re.compile(
    r"""<(?:meta|link)\b(?:[^<>"']|"[^"]{0,2000}+"|'[^']{0,2000}+'){0,300}+>""", re.IGNORECASE
)
_JSON_LD_OPEN_RE = re.compile(
    r"""<script\b[^<>]{0,300}?application/ld\+json[^<>]{0,300}>""", re.IGNORECASE
)
_PAIRED_META_TAGS = (
    (re.compile(r"<title\b", re.IGNORECASE), re.compile(r"</title\s*>", re.IGNORECASE), 1),
    (re.compile(r"<h1\b", re.IGNORECASE), re.compile(r"</h1\s*>", re.IGNORECASE), 3),
)
_MAX_PAIRED_TAG = 20_000
_MAX_JSON_LD = 500_000
_MAX_TAG_ATTEMPTS = 20  # unclosed openers each cost a bounded scan; hostile pages repeat them


def _meta_fragment(html: str) -> str:
    """The page's <meta>, <link>, JSON-LD <script>, <title> and first <h1> tags, concatenated."""
    pieces = [m.group() for m in _VOID_META_TAG_RE.finditer(html)]
    for attempt, opening in enumerate(_JSON_LD_OPEN_RE.finditer(html)):
        end = html.find("</script>", opening.end(), opening.end() + _MAX_JSON_LD)
        if end >= 0:
            pieces.append(html[opening.start() : end + len("</script>")])
        if attempt >= _MAX_TAG_ATTEMPTS:
            break
    for open_re, close_re, limit in _PAIRED_META_TAGS:
        found = 0
        for attempt, opening in enumerate(open_re.finditer(html)):
            closing = close_re.search(html, opening.end(), opening.end() + _MAX_PAIRED_TAG)
            if closing is not None:
                pieces.append(html[opening.start() : closing.end()])
                found += 1
            if found >= limit or attempt >= _MAX_TAG_ATTEMPTS:
                break
    return "\n".join(pieces)


_ARTICLE_TYPES = frozenset(
    {"BlogPosting", "LiveBlogPosting", "SocialMediaPosting", "Report", "Posting"}
)
_SITE_TYPES = frozenset({"NewsMediaOrganization", "Organization", "WebSite"})
_JSON_DEPTH = 6  # @graph and list nesting seen in the wild is 2–3 deep
_DATE_META_NAMES = (
    "article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "date",
    "og:pubdate",
    "article.published",
    "published_time",
)
_AUTHOR_META_NAMES = (
    "author",
    "article:author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
)
_DESCRIPTION_META_NAMES = ("og:description", "description", "twitter:description", "dc.description")
_TITLE_META_NAMES = ("og:title", "twitter:title", "dc.title", "headline")
_BYLINE_PREFIX_RE = re.compile(
    r"^\s*(?:(?:posted|written|reported|words|story|text)\s+)?by\s*:?\s+", re.IGNORECASE
)
_AUTHOR_SPLIT_RE = re.compile(r"\s*(?:;|\band\b|&|,|\|)\s*")
_URL_RE = re.compile(r"^(?:https?:)?//|^www\.", re.IGNORECASE)
_TITLE_SEPARATOR_RE = re.compile(r"\s+(?:[|\-–—:·•»]|::)\s+")
_SPACE_RE = re.compile(r"\s+")
_DIGIT_RE = re.compile(r"\d")


def _page_meta(html: str) -> tuple[PageMeta, list[str]]:
    """PageMeta from JSON-LD, then OpenGraph, then meta tags, then <title>; also the <h1>s."""
    soup = BeautifulSoup(_meta_fragment(html), "lxml")
    metas = _meta_values(soup)
    article, site_name = _json_ld(soup)
    page = PageMeta()
    page.title = _first(_clean(article.get("headline")), *(metas.get(n) for n in _TITLE_META_NAMES))
    page.description = _first(
        _clean(article.get("description")), *(metas.get(n) for n in _DESCRIPTION_META_NAMES)
    )
    page.authors = _authors(article.get("author")) or _meta_authors(metas) or _byline_authors(html)
    page.publisher = _first(
        _publisher(article.get("publisher")),
        metas.get("og:site_name"),
        site_name,
        metas.get("application-name"),
    )
    page.published = _first(
        _clean(article.get("datePublished")),
        *(metas.get(n) for n in _DATE_META_NAMES),
        _clean(article.get("dateCreated")),
    )
    page.url = _first(
        _entity_url(article.get("url")),
        _entity_url(article.get("mainEntityOfPage")),
        metas.get("og:url"),
        _canonical_url(soup),
    )
    headings = [h for h in (_clean(h.get_text(" ")) for h in soup.find_all("h1", limit=3)) if h]
    page.site_title = _site_title(soup)
    if page.title is None:
        page.title = _title_from_tag(soup, page.publisher, headings)
    return page, headings


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def _clean(value: object) -> str | None:
    """A JSON-LD or attribute value as one trimmed line, or None."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if not isinstance(value, str):
        return None
    if "&" in value:  # some sites escape entities twice
        value = html_lib.unescape(value)
    value = _SPACE_RE.sub(" ", _CONTROL_CHARS_RE.sub("", value)).strip()
    return unicodedata.normalize("NFC", value) or None


def _meta_values(soup: BeautifulSoup) -> dict[str, str]:
    """First non-empty content of each <meta name|property|itemprop>, keyed in lower case."""
    values: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        content = _clean(tag.get("content"))
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if isinstance(key, str) and key.strip():
                values.setdefault(key.strip().lower(), content)
    return values


def _json_ld(soup: BeautifulSoup) -> tuple[dict, str | None]:
    """The first article-like object in the page's JSON-LD (or an empty dict), and the name of
    the first organisation or web site described there."""
    article: dict = {}
    site: str | None = None
    for script in soup.find_all("script"):
        kind = script.get("type")
        if not isinstance(kind, str) or kind.strip().lower() != "application/ld+json":
            continue
        data = _load_json_ld(script.string or script.get_text())
        for item in _json_ld_items(data, _JSON_DEPTH):
            if not article and _is_article(item):
                article = item
            elif site is None and _has_type(item, _SITE_TYPES):
                site = _clean(item.get("name"))
        if article and site:
            break
    return article, site


_JSON_OPENERS = ("<![CDATA[", "<!--")
_JSON_CLOSERS = ("]]>", "-->")
_TRAILING_COMMA_RE = re.compile(r",(\s*[\]}])")


def _load_json_ld(raw: str) -> object:
    """Parse a JSON-LD block, forgiving CDATA/comment wrappers and trailing commas."""
    raw = _strip_json_wrappers(raw)
    for candidate in (raw, _TRAILING_COMMA_RE.sub(r"\1", raw)):
        try:
            return json.loads(candidate, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def _strip_json_wrappers(raw: str) -> str:
    """Remove the ``//<![CDATA[ … //]]>`` or ``<!-- … -->`` some CMSs wrap scripts in."""
    raw = raw.strip()
    head = raw[2:].lstrip() if raw.startswith("//") else raw
    for opener, closer in zip(_JSON_OPENERS, _JSON_CLOSERS, strict=True):
        if head.startswith(opener):
            raw = head[len(opener) :].strip()
            if raw.endswith(closer):
                raw = raw[: -len(closer)].rstrip()
                raw = raw[:-2] if raw.endswith("//") else raw
            break
    return raw


def _json_ld_items(data: object, depth: int) -> Iterator[dict]:
    """Every object in a JSON-LD document: top level, lists and @graph arrays, depth-limited."""
    if depth <= 0:
        return
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_items(item, depth - 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity"):
            if key in data:
                yield from _json_ld_items(data[key], depth - 1)


def _types(item: dict) -> list[str]:
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return [k for k in kinds if isinstance(k, str)]


def _is_article(item: dict) -> bool:
    return any(k.endswith("Article") or k in _ARTICLE_TYPES for k in _types(item))


def _has_type(item: dict, kinds: frozenset[str]) -> bool:
    return any(k in kinds for k in _types(item))


def _names(value: object, depth: int = 3) -> list[str]:
    """Names from a JSON-LD person/organisation value: a string, an object or a list of them."""
    if isinstance(value, str):
        return [value]
    if depth <= 0:
        return []
    if isinstance(value, dict):
        return _names(value.get("name"), depth - 1)
    if isinstance(value, list):
        return [name for item in value[:50] for name in _names(item, depth - 1)]
    return []


def _authors(value: object) -> list[str]:
    names: list[str] = []
    for raw in _names(value):
        names.extend(_split_byline(raw))
    return _dedupe(names)


def _meta_authors(metas: dict[str, str]) -> list[str]:
    raw = _first(*(metas.get(n) for n in _AUTHOR_META_NAMES))
    return _dedupe(_split_byline(raw)) if raw else []


# Main-text extraction drops the byline element, so when no structured author exists the
# names are read from the first element the page marks as a byline or author.
_BYLINE_ELEMENT_RE = re.compile(
    r"""<[a-z][a-z0-9]{0,10}\b[^<>]{0,300}?\b(?:class|rel|itemprop)\s*=\s*["']?"""
    r"""[^"'<>]{0,100}?(?:byline|author)""",
    re.IGNORECASE,
)
_BYLINE_SNIPPET = 1000
_BYLINE_ATTEMPTS = 3
_BYLINE_ROLE_RE = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|columnist|contributor|journalist"
    r"|photographer|news|agency|updated|published)\b|기자|특파원|記者",
    re.IGNORECASE,
)
_NAME_TOKEN_RE = re.compile(r"[A-Z\u00c0-\u024f][\w.'’-]*|[a-z]{1,3}|[^\W\d_a-zA-Z]{2,4}")
_MAX_NAME_TOKENS = 5


def _byline_authors(html: str) -> list[str]:
    for attempt, match in enumerate(_BYLINE_ELEMENT_RE.finditer(html)):
        snippet = BeautifulSoup(html[match.start() : match.start() + _BYLINE_SNIPPET], "lxml")
        body = snippet.body
        element = body.find(True) if isinstance(body, Tag) else None
        text = _clean(element.get_text(" ")) if isinstance(element, Tag) else None
        names = [n for n in _split_byline(text or "") if _looks_like_name(n)]
        if names:
            return _dedupe(names)
        if attempt + 1 >= _BYLINE_ATTEMPTS:
            break
    return []


def _looks_like_name(text: str) -> bool:
    """A person's name: a few capitalised words (or one CJK name), no digits or roles."""
    tokens = text.split()
    if not tokens or len(tokens) > _MAX_NAME_TOKENS or _BYLINE_ROLE_RE.search(text):
        return False
    if not all(_NAME_TOKEN_RE.fullmatch(t) for t in tokens):
        return False
    capitalised = sum(1 for t in tokens if not t.islower())
    return capitalised >= 2 or (len(tokens) == 1 and not tokens[0].isascii())


def _split_byline(raw: str) -> list[str]:
    """Split "By Jane Roe and John Doe" into two names; "Roe, Jane" stays one name."""
    raw = _clean(raw) or ""
    if not raw or _URL_RE.match(raw):
        return []
    raw = _BYLINE_PREFIX_RE.sub("", raw)
    parts = [p for p in _AUTHOR_SPLIT_RE.split(raw) if p]
    if len(parts) > 1 and all(" " in p for p in parts):
        # "Jane Roe, Staff Writer": keep the names, not the roles that follow them
        return [p for p in parts if not _BYLINE_ROLE_RE.search(p)] or parts[:1]
    return [raw] if raw else []


def _dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    unique = []
    for name in names:
        key = name.casefold()
        if name and key not in seen:
            seen.add(key)
            unique.append(name)
    return unique


def _publisher(value: object) -> str | None:
    names = _names(value)
    return _clean(names[0]) if names else None


def _entity_url(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    url = _clean(value)
    return url if url and _URL_RE.match(url) else None


def _canonical_url(soup: BeautifulSoup) -> str | None:
    for link in soup.find_all("link"):
        rel = link.get("rel") or []
        rel = rel if isinstance(rel, list) else [rel]
        if "canonical" in (r.lower() for r in rel):
            return _clean(link.get("href"))
    return None


def _site_title(soup: BeautifulSoup) -> str | None:
    tag = soup.find("title")
    return _clean(tag.get_text()) if isinstance(tag, Tag) else None


def _title_from_tag(soup: BeautifulSoup, publisher: str | None, headings: list[str]) -> str | None:
    """The <title> without the site's name: the part an <h1> repeats, else without a part
    that is the publisher's name."""
    title = _site_title(soup)
    if not title:
        return headings[0] if headings else None
    parts = _TITLE_SEPARATOR_RE.split(title)
    if len(parts) == 1:
        return title
    keys = {_title_key(p) for p in parts}
    for heading in headings:
        if _title_key(heading) in keys:
            return heading
    if publisher:
        kept = [p for p in parts if p.casefold() != publisher.casefold()]
        if kept and len(kept) < len(parts):
            return " - ".join(kept)
    return title


# --- main text ---------------------------------------------------------------------------------


def _import_trafilatura():
    """trafilatura takes a while to import; only HTML pages need it."""
    import trafilatura

    return trafilatura


# Measured on the article-body benchmark (benchmarks/article_body.py): favouring precision
# gains about 0.02 F1 over the defaults; dropping tables or deduplicating loses recall, and
# trafilatura's deduplication cache is global, which would make reading order-dependent.
_EXTRACT_OPTIONS = {
    "output_format": "txt",
    "include_comments": False,
    "include_tables": True,
    "favor_precision": True,
    "deduplicate": False,
}


def _parse_tree(html: str) -> HtmlElement | None:
    """The page parsed as trafilatura parses it, or None when it cannot be."""
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
    except (RecursionError, MemoryError):
        raise
    except Exception:  # trafilatura's own parse of the string decides then
        return None
    return tree if isinstance(tree, HtmlElement) else None


def _main_text(html: str | HtmlElement) -> str:
    """trafilatura's main text, one paragraph per block, blank lines between them."""
    trafilatura = _import_trafilatura()
    extracted = trafilatura.extract(html, **_EXTRACT_OPTIONS)
    return _paragraphs(extracted or "")


def _paragraphs(text: str) -> str:
    lines = (_SPACE_RE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line and not _is_furniture_line(line))


# Lines that are page furniture wherever they appear: cross-links, calls to subscribe, follow or
# share, copyright notices, ad and comment labels. Anchored at both ends and length-limited, so
# a sentence of the article that merely starts the same way is kept.
_FURNITURE_LINE_RE = re.compile(
    r"""(?:
      (?:read|see|watch|listen)\s+(?:more|also|next)\b.*
    | (?:related|more)(?:\s+(?:articles?|stories|coverage|content|links|reading|news))?\s*[:|].*
    | related\s+(?:articles?|stories|coverage|content|links|reading|news)
    | (?:recommended|trending|also\s+on)(?:\s+\w+){0,2}\s*:.*
    | also\s+read\b.*
    | also\s+on\s+[\w-]+\.[a-z]{2,}\b.*
    | don['’]?t\s+miss\W*
    | you\s+(?:may|might)\s+also\s+(?:like|enjoy|be\s+interested\s+in)\b.*
    | (?:like|enjoyed?)\s+this\s+(?:story|article)\?.*
    | share\s+(?:this|on)\b.{0,40}
    | (?:sign\s+up|subscribe)\b.*\b(?:newsletters?|inbox|free|today)\b.*
    | follow\s+(?:us|[\w.@'’-]+(?:\s+[\w.@'’-]+){0,4})\s+on\s+(?:twitter|facebook|instagram|x)\b.*
    | click\s+here\b.*
    | tell\s+us\s+what\s+you\s+think\W*
    | (?:advertisement|advertising|sponsored(?:\s+content)?|\d*\s*comments?)
    | [©ⓒⒸ].*
    | \(c\)\s*(?:19|20)\d\d\b.*
    | copyright\s+(?:[©ⓒⒸ]|\(c\)|(?:[\w.&'’-]+\s+){0,4}(?:19|20)\d\d\b).*
    | all\s+rights\s+reserved\W*
    | .*(?:무단\s*전재|재배포\s*금지|無断転載).*
    | \W+
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_MAX_FURNITURE_LINE = 200


def _is_furniture_line(line: str) -> bool:
    return len(line) <= _MAX_FURNITURE_LINE and _FURNITURE_LINE_RE.fullmatch(line) is not None


# --- fallback extraction -------------------------------------------------------------------------

_SKIP_TAGS = (
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "script",
    "style",
    "noscript",
    "figcaption",
    "figure",
    "button",
    "iframe",
    "svg",
    "template",
    "select",
)
_FURNITURE_RE = re.compile(
    r"share|social|related|comment|newsletter|promo|(?:^|[-_\s])ads?(?:$|[-_\s])|advert|sponsor"
    r"|subscribe|signup|sign-up|cookie|banner|sidebar|breadcrumb|popup|modal|recommend|outbrain"
    r"|taboola|most-read|trending",
    re.IGNORECASE,
)
_CONTAINERS = ("article", "main")
_MIN_FALLBACK_CHARS = 40


def _fallback_text(html: str) -> str:
    """The paragraphs of the container holding the most <p> text, furniture removed."""
    soup = BeautifulSoup(html, "lxml")
    for unwanted in (_SKIP_TAGS, _is_furniture):
        for tag in soup.find_all(unwanted):
            if not tag.decomposed:  # already gone with an enclosing element
                tag.decompose()
    container = _densest_container(soup)
    if container is None:
        return ""
    paragraphs = (_SPACE_RE.sub(" ", p.get_text(" ")).strip() for p in container.find_all("p"))
    return "\n\n".join(p for p in paragraphs if p)


def _is_furniture(tag: Tag) -> bool:
    if tag.name in ("html", "body", "article", "main") or tag.attrs is None:
        return False
    classes = tag.get("class") or []
    names = " ".join(classes if isinstance(classes, list) else [classes])
    ident = tag.get("id") or ""
    return bool(_FURNITURE_RE.search(f"{names} {ident}"))


def _densest_container(soup: BeautifulSoup) -> Tag | None:
    """<article>/<main> if it holds real text, else the element whose own <p>s hold most text."""
    for name in _CONTAINERS:
        candidates = [t for t in soup.find_all(name) if _p_text_length(t) >= _MIN_FALLBACK_CHARS]
        if candidates:
            return max(candidates, key=_p_text_length)
    scores: dict[int, tuple[int, Tag]] = {}
    for p in soup.find_all("p"):
        parent = p.parent
        if isinstance(parent, Tag):
            length = len(p.get_text(" ").strip())
            total, _ = scores.get(id(parent), (0, parent))
            scores[id(parent)] = (total + length, parent)
    if not scores:
        return soup.body if isinstance(soup.body, Tag) else None
    return max(scores.values(), key=lambda pair: pair[0])[1]


def _p_text_length(tag: Tag) -> int:
    return sum(len(p.get_text(" ").strip()) for p in tag.find_all("p"))


# --- article header ----------------------------------------------------------------------------
# Main-text extraction keeps the story and drops what surrounds its headline: the byline, the
# date, the kicker. Those are read here as visible lines, in document order, from the container
# of the headline (its <article>, else a few levels of ancestors), so the metadata stage can use
# the same rules as for a text dump's header.

_HEADING_SCAN = 10  # <h1>s looked at to find the article's own (logos and modals use them too)
_ARTICLE_DEPTH = 12  # ancestors searched for the headline's <article>
_CONTAINER_LEVELS = 3  # without one: the ancestor this far up holds the byline and date
_LINES_BEFORE = 4  # kicker, section, a date above the headline
_MAX_HEADER_LINES = 15
_MAX_SCANNED_AFTER = 40
_MAX_LINE_WORDS = 40
_MAX_LINE_CHARS = 300
_PROSE_WORDS = 25  # a line this long is a paragraph of prose: a standfirst, or the body
_BODY_LINE_WORDS = 8  # a line of the main text this long is prose (a byline there is shorter)
_BODY_KEYS = 12  # paragraphs of the main text that mark where the body starts
_NEAR_SIBLINGS = 8  # elements before the headline (at any level) that may hold header lines
_MAX_RAW_LINE = 5000  # a longer run of text is prose whatever it says


def _tag_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_BLOCK_TAGS = _tag_set(
    """
    address article blockquote br dd details div dl dt fieldset h1 h2 h3 h4 h5 h6 header hgroup
    hr li main ol p pre section summary table tbody td tfoot th thead tr ul
    """
)
_HEADER_SKIP_TAGS = _tag_set(
    """
    aside audio button canvas dialog embed figcaption figure footer form iframe img input label
    map menu nav noscript object picture script select style svg template textarea video
    """
)
_HEADER_FURNITURE_RE = re.compile(
    rf"{_FURNITURE_RE.pattern}|caption|(?:^|[-_\s])(?:nav|navbar|navigation|menu|toolbar|tools"
    r"|print|skip|visually-hidden|sr-only|screen-reader)(?:$|[-_\s])",
    re.IGNORECASE,
)
# Class names of the header's own parts, which a furniture word beside them does not make
# furniture.
_META_CLASS_RE = re.compile(r"byline|author|dateline|date|time|publish|meta", re.IGNORECASE)
_SKIPPED_ROLES = frozenset({"navigation", "complementary", "banner", "contentinfo", "dialog"})
_WORD_CHAR_RE = re.compile(r"\w")
# A label printed apart from what it labels: "By" <a>Jane Roe</a>, "Published:" <time>.
_LEAD_IN_RE = re.compile(
    r"(?:(?:written|reported|posted|words|story|text|photos?)\s+)?by\s*:?"
    r"|(?:first\s+|last\s+)?(?:published|posted|updated|modified|created)(?:\s+(?:on|at))?\s*:?"
    r"|[^\s:：]{1,20}\s*[:：]"
    r"|입력|수정|등록|업데이트|公開|更新|配信|掲載",
    re.IGNORECASE,
)
_UPDATED_MARK_RE = re.compile(r"updat|modif|edited|revised|수정|更新", re.IGNORECASE)
_PUBLISHED_MARK_RE = re.compile(
    r"publish|posted|created|issued|release|입력|등록|公開|掲載|配信", re.IGNORECASE
)
_DATE_ITEMPROPS = frozenset({"datepublished", "datecreated", "datemodified"})
_PUBLISHED_RANK, _PLAIN_RANK, _UPDATED_RANK = 0, 1, 2


@dataclass
class _Line:
    text: str
    times: list[tuple[int, str]] = field(default_factory=list)  # (rank, datetime value)
    heading: bool = False
    words: int = field(init=False)

    def __post_init__(self) -> None:
        self.words = self.text.count(" ") + 1


def article_header(
    tree: HtmlElement, titles: list[str | None], main_text: str
) -> tuple[list[str], list[str]]:
    """The visible header lines around the article's headline and the ``datetime`` values of
    its <time> elements (publication-marked first, update-marked left out); empty when no
    headline is found.

    ``titles`` are what the page calls its headline (to tell the article's <h1> from a logo's);
    ``main_text`` is the extracted body, whose paragraphs mark where the header ends.
    """
    try:
        heading = _article_heading(tree, titles)
        if heading is None:
            return [], []
        body = {_title_key(p) for p in main_text.split("\n\n")[:_BODY_KEYS]}
        lines = _window(_header_lines(_header_container(heading), heading), body)
    except Exception:  # the header is extra evidence: hostile markup only loses it
        return [], []
    times = sorted(
        (rank, order, value)
        for order, line in enumerate(lines)
        for rank, value in line.times
        if rank != _UPDATED_RANK
    )
    return _dedupe([line.text for line in lines]), _dedupe([value for _, _, value in times])


def _article_heading(tree: HtmlElement, titles: list[str | None]) -> HtmlElement | None:
    """The <h1> that states the page's title, else the first one inside an <article> or <main>
    with a few words, else the first; an <h2> only when it states the title and no <h1> does."""
    keys = set()
    for title in titles:
        if title:
            keys.add(_title_key(title))
            keys.update(_title_key(part) for part in _TITLE_SEPARATOR_RE.split(title))
    keys.discard("")
    best: tuple[int, int, HtmlElement] | None = None
    for order, h1 in enumerate(tree.iter("h1")):
        if order >= _HEADING_SCAN:
            break
        text = _element_text(h1)
        if not text or len(text) > _MAX_LINE_CHARS:  # an unclosed <h1> swallows the page
            continue
        score = 3 if _title_key(text) in keys else 0
        score += 1 if len(text.split()) >= 3 else 0
        score += 1 if _inside(h1, ("article", "main")) else 0
        if best is None or score > best[0]:
            best = (score, order, h1)
    if best is not None:
        return best[2]
    for order, h2 in enumerate(tree.iter("h2")):
        if order >= _HEADING_SCAN:
            break
        if _title_key(_element_text(h2)) in keys:
            return h2
    return None


def _element_text(element: HtmlElement) -> str:
    return _SPACE_RE.sub(" ", element.text_content()).strip()


def _inside(element: HtmlElement, tags: tuple[str, ...]) -> bool:
    return any(ancestor.tag in tags for ancestor in element.iterancestors())


def _header_container(heading: HtmlElement) -> HtmlElement:
    """The headline's <article>, else its ancestor a few levels up (stopping at <main>)."""
    for depth, ancestor in enumerate(heading.iterancestors()):
        if depth >= _ARTICLE_DEPTH or ancestor.tag in ("body", "html"):
            break
        if ancestor.tag == "article":
            return ancestor
    container = heading
    for _ in range(_CONTAINER_LEVELS):
        parent = container.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        container = parent
        if container.tag == "main":
            break
    return container


def _header_lines(container: HtmlElement, heading: HtmlElement) -> Iterator[_Line]:
    """The container's visible text as lines, in document order, without page furniture.

    Block elements break lines; inline ones flow, except siblings with nothing but separators
    between them (<span>Jane Roe</span> | <span>July 3, 2024</span>), which are lines of their
    own. A lone label ("By", "Published:") joins the line after it.
    """
    # Elements themselves, not their ids: lxml's proxies live only while referenced, so an id
    # can come back for another element.
    keep = {heading, *heading.iterancestors()}
    far = _far_before(heading, container)
    apart: set[HtmlElement] = set()  # elements whose children are separate lines
    current: list[str] = []
    times: list[tuple[int, str]] = []
    pending: _Line | None = None

    def flush(heading_line: bool = False) -> Iterator[_Line]:
        nonlocal current, times, pending
        text = _header_text("".join(current)[:_MAX_RAW_LINE])
        line = _Line(text, times, heading_line) if text and _WORD_CHAR_RE.search(text) else None
        current, times = [], []
        if line is None:
            return
        if pending is not None:
            if heading_line or pending.heading:
                yield pending
            else:
                line = _Line(f"{pending.text} {line.text}", pending.times + line.times)
            pending = None
        if not heading_line and _LEAD_IN_RE.fullmatch(line.text):
            pending = line
        else:
            yield line

    walker = etree.iterwalk(container, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else None
        if event == "end":
            if element in far:
                continue
            if tag and (tag in _BLOCK_TAGS or element.getparent() in apart):
                yield from flush()
            if element is not container and element.tail:
                current.append(element.tail)
            continue
        if tag is None or element in far:  # a comment, or far above the headline
            walker.skip_subtree()
            continue
        if element is heading:
            yield from flush()
            current.append(_element_text(heading))
            yield from flush(heading_line=True)
            walker.skip_subtree()
            continue
        if element not in keep and _skipped(element):
            walker.skip_subtree()
            continue
        if tag in _BLOCK_TAGS or element.getparent() in apart:
            yield from flush()
        if _children_apart(element):
            apart.add(element)
        value = _time_value(element)
        if value:
            label = f"{pending.text if pending else ''} {''.join(current)}"
            times.append((_time_rank(element, label), value))
        if element.text:
            current.append(element.text)
    yield from flush()
    if pending is not None:
        yield pending


def _far_before(heading: HtmlElement, container: HtmlElement) -> set[HtmlElement]:
    """Elements too far above the headline to hold its kicker or date: beyond the few preceding
    siblings nearest it, at every level up to the container. Their text is never walked, so a
    page with thousands of elements before its headline costs no more than a short one."""
    far: set[HtmlElement] = set()
    near = 0
    node: HtmlElement | None = heading
    while node is not None and node is not container:
        for sibling in node.itersiblings(preceding=True):
            if near < _NEAR_SIBLINGS:
                near += 1
            else:
                far.add(sibling)
        node = node.getparent()
    return far


def _header_text(text: str) -> str:
    text = _SPACE_RE.sub(" ", _CONTROL_CHARS_RE.sub("", text)).strip()
    return unicodedata.normalize("NFC", text) if text else ""


def _skipped(element: HtmlElement) -> bool:
    """Furniture, hidden elements and widgets: never part of the header's text."""
    if element.tag in _HEADER_SKIP_TAGS:
        return True
    attrib = element.attrib
    if "hidden" in attrib or attrib.get("aria-hidden", "").lower() == "true":
        return True
    if attrib.get("role", "").lower() in _SKIPPED_ROLES:
        return True
    names = f"{attrib.get('class', '')} {attrib.get('id', '')}"
    if not names.strip() or _HEADER_FURNITURE_RE.search(names) is None:
        return False
    return _META_CLASS_RE.search(names) is None  # "byline-share": the byline's wrapper


def _children_apart(element: HtmlElement) -> bool:
    """Whether ``element`` holds two or more child elements and no words of its own."""
    if len(element) < 2 or (element.text and _WORD_CHAR_RE.search(element.text)):
        return False
    return not any(child.tail and _WORD_CHAR_RE.search(child.tail) for child in element)


def _time_value(element: HtmlElement) -> str | None:
    """The machine-readable date of a <time> element or of a microdata date property."""
    if element.tag == "time":
        value = element.get("datetime")
    elif (element.get("itemprop") or "").strip().lower() in _DATE_ITEMPROPS:
        value = element.get("datetime") or element.get("content")
    else:
        return None
    value = _clean(value)
    return value if value and _DIGIT_RE.search(value) else None


def _time_rank(element: HtmlElement, before: str) -> int:
    """Publication, plain or update: by the element's own names, else the label before it."""
    names = " ".join(element.get(a) or "" for a in ("class", "itemprop", "id"))
    for text in (names, before[-40:]):
        # the label nearest the element wins: "Published 3 July, updated <time>"
        updated = max((m.start() for m in _UPDATED_MARK_RE.finditer(text)), default=-1)
        published = max((m.start() for m in _PUBLISHED_MARK_RE.finditer(text)), default=-1)
        if updated > published:
            return _UPDATED_RANK
        if published > updated:
            return _PUBLISHED_RANK
    return _PLAIN_RANK


def _window(lines: Iterator[_Line], body: set[str]) -> list[_Line]:
    """The lines just above the headline, the headline, and those below it down to the body.

    The body starts at the first two prose paragraphs in a row (one alone is a standfirst);
    prose above the headline is another story's.
    """
    before: list[_Line] = []
    for line in lines:
        if line.heading:
            break
        if _is_prose(line, body):
            before.clear()
        elif line.words <= _MAX_LINE_WORDS:
            before = [*before[-(_LINES_BEFORE - 1) :], line]
    else:
        return []  # the walk never reached the headline
    kept = [*before, line]
    previous_prose = False
    last_prose: _Line | None = None
    for scanned, line in enumerate(lines):
        if scanned >= _MAX_SCANNED_AFTER:
            break
        prose = _is_prose(line, body)
        if prose and previous_prose:
            if kept[-1] is last_prose:
                kept.pop()  # the body's first paragraph, not a standfirst
            break
        previous_prose = prose
        last_prose = line if prose else None
        if line.words <= _MAX_LINE_WORDS and len(line.text) <= _MAX_LINE_CHARS:
            kept.append(line)
            if len(kept) >= _MAX_HEADER_LINES:
                break
    return kept


def _is_prose(line: _Line, body: set[str]) -> bool:
    return line.words >= _PROSE_WORDS or (
        line.words >= _BODY_LINE_WORDS and _title_key(line.text) in body
    )


# --- title repetition ----------------------------------------------------------------------------


def _drop_leading_title(text: str, titles: list[str | None]) -> str:
    """Drop a first paragraph that only repeats the headline (the metadata stage has it)."""
    first, sep, rest = text.partition("\n\n")
    key = _title_key(first)
    if not key:
        return text
    for title in titles:
        if not title:
            continue
        candidates = {_title_key(title)} | {_title_key(p) for p in _TITLE_SEPARATOR_RE.split(title)}
        if key in candidates:
            return rest.lstrip("\n")
    return text


def _title_key(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip().casefold()
