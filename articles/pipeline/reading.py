"""Stage 1 — reading: bytes of a plain-text dump or an HTML page in, a RawDocument out.

Reading decides what the bytes are (refusing empty, binary, oversized or undecodable files with a
one-line ``PipelineError``), decodes them, and for HTML pages collects what the page states about
itself (JSON-LD, OpenGraph, meta tags) and extracts the main text with trafilatura, falling back
to a paragraph-density heuristic of our own.
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
        text = _main_text(html)
        if not text:
            text = _fallback_text(html)
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


def _title_from_tag(soup: BeautifulSoup, publisher: str | None, headings: list[str]) -> str | None:
    """The <title> without the site's name: the part an <h1> repeats, else without a part
    that is the publisher's name."""
    tag = soup.find("title")
    title = _clean(tag.get_text()) if isinstance(tag, Tag) else None
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


def _main_text(html: str) -> str:
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
