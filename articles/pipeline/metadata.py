"""Stage 3 — metadata: title, subtitle, byline, publisher, dateline, publication date.

For an HTML page what the page states about itself (JSON-LD, OpenGraph) comes first; for a text
dump everything is read from the lines the cleaning stage set aside above the body (``header``)
and below it (``trailer``). An HTML page's <title> and the visible lines around its headline
(kept by the reading stage) are read as such a header, after the machine-readable date of a
<time> element there. Publishers are matched against the reference knowledge; authors come
only from bylines and credit lines, never from the story. Lines are judged by their shape and
by the knowledge's vocabulary, never by an outlet's exact wording.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar
from urllib.parse import urlsplit

from .cleaning import (
    BYLINE_RE,
    CREDIT_LINE_RE,
    EMAIL_RE,
    CleanedDocument,
    byline_names,
    credit_tail,
    find_dateline,
    find_dates,
    is_date_line,
    name_and_email,
    word_set,
)
from .knowledge import Knowledge, PublisherInfo
from .reading import RawDocument
from .result import ArticleMeta, DateBasis, FuzzyDate, Precision


def extract(raw: RawDocument, cleaned: CleanedDocument, knowledge: Knowledge) -> ArticleMeta:
    """Everything the page says about the article itself."""
    cleaned = with_page_header(raw, cleaned)
    publisher = find_publisher(raw, cleaned, knowledge)
    title, subtitle = find_title(raw, cleaned, knowledge, publisher)
    published, reason = find_published(raw, cleaned, _numeric_date_order(publisher, knowledge))
    dateline = cleaned.dateline
    if dateline is None and cleaned.paragraphs:
        first = cleaned.paragraphs[0]
        dateline = find_dateline(cleaned.body[first.start : first.end])
    return ArticleMeta(
        title=title,
        subtitle=subtitle,
        publisher=publisher,
        authors=find_authors(raw, cleaned, knowledge, publisher),
        published=published,
        published_basis=DateBasis.STATED if published else None,
        published_reason=reason,
        dateline=place_name(dateline.place) if dateline else None,
        url=raw.page.url or None,
    )


def with_page_header(raw: RawDocument, cleaned: CleanedDocument) -> CleanedDocument:
    """For an HTML page, the cleaned document with the page's header in front of its own: the
    <title> as written, then the visible lines around the headline — what a text dump of the
    page would show above the body."""
    page = raw.page
    if raw.kind != "html" or not (page.site_title or page.header_lines):
        return cleaned
    lines = [*([page.site_title] if page.site_title else []), *page.header_lines]
    seen = set(lines)
    header = lines + [line for line in cleaned.header if line not in seen]
    return replace(cleaned, header=header)


def place_name(place: str) -> str:
    """A dateline place as a name: "WASHINGTON" -> "Washington", "NEW YORK" -> "New York"."""
    if not place.isupper():
        return place
    return " ".join("-".join(p.capitalize() for p in word.split("-")) for word in place.split())


# ---------------------------------------------------------------------------------------------
# Comparison keys and the knowledge's names


_WORD_RE = re.compile(r"\w+")


def _key(text: str) -> str:
    """A comparison key: case-folded words only ("The Korea Herald." -> "the korea herald")."""
    return " ".join(_WORD_RE.findall(text.casefold()))


def _without_article(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


def _publisher_names(publisher: PublisherInfo) -> list[str]:
    return [publisher.name, *publisher.aliases]


@dataclass(frozen=True)
class _PublisherIndex:
    by_name: dict[str, PublisherInfo]  # comparison key of every name and alias, "the" dropped
    longest_first: tuple[tuple[str, PublisherInfo], ...]


# Knowledge is large and immutable: what is derived from it is kept per object (hashing its
# tuples on every call would cost more than the lookups themselves).
_DERIVED: dict[tuple[str, int], tuple[object, object]] = {}
_MAX_DERIVED = 32
_Source = TypeVar("_Source")
_Value = TypeVar("_Value")


def _derived(kind: str, source: _Source, build: Callable[[_Source], _Value]) -> _Value:
    """``build(source)``, computed once per ``source`` object."""
    cached = _DERIVED.get((kind, id(source)))
    if cached is not None and cached[0] is source:
        return cached[1]  # type: ignore[return-value]
    if len(_DERIVED) >= _MAX_DERIVED:
        _DERIVED.clear()
    value = build(source)
    _DERIVED[(kind, id(source))] = (source, value)  # the reference keeps the id unique
    return value


def _index(publishers: tuple[PublisherInfo, ...]) -> _PublisherIndex:
    return _derived("publishers", publishers, _build_index)


def _build_index(publishers: tuple[PublisherInfo, ...]) -> _PublisherIndex:
    by_name: dict[str, PublisherInfo] = {}
    for publisher in publishers:
        for name in _publisher_names(publisher):
            by_name.setdefault(_without_article(_key(name)), publisher)
    by_name.pop("", None)
    ordered = sorted(by_name.items(), key=lambda item: -len(item[0]))
    return _PublisherIndex(by_name, tuple(ordered))


@dataclass(frozen=True)
class _Vocabulary:
    """Names that are never a headline or a person: organisations and countries, as keys."""

    organizations: frozenset[str]
    countries: frozenset[str]
    places: frozenset[str]  # country names and capitals, as words: "Seoul", "Japan"
    people: frozenset[str]  # keys of known newsmakers' names and aliases: never a byline
    media_words: frozenset[str]  # "herald", "shimbun", "agency": words of outlets' names
    not_names: frozenset[str]  # capitalised words that are never part of a name ("The")
    title_words: frozenset[str]  # words of people's titles and their modifiers ("prime")


# Words of an organisation's or a desk's name, beyond the knowledge's media words.
_ORG_WORDS = word_set(
    """
    department desk bureau division section staff team newsroom office ministry government
    network media wire channel online corporation service services newspaper magazine
    editorial editors writers reporters correspondents
    """
)


def _vocabulary(knowledge: Knowledge) -> _Vocabulary:
    return _derived("vocabulary", knowledge, _build_vocabulary)


def _build_vocabulary(knowledge: Knowledge) -> _Vocabulary:
    organizations = {
        _without_article(_key(name))
        for org in knowledge.organizations
        for name in (org.code, org.name, *org.aliases)
    }
    countries = {
        _without_article(_key(name))
        for country in knowledge.countries
        for name in (*country.names, *country.demonyms)
    }
    places = {
        _key(name) for country in knowledge.countries for name in (country.name, *country.capitals)
    }
    people = {_key(name) for person in knowledge.people for name in (person.name, *person.aliases)}
    titles = knowledge.titles or {}
    return _Vocabulary(
        organizations=frozenset(organizations - {""}),
        countries=frozenset(countries - {""}),
        places=frozenset(places - {""}),
        people=frozenset(people - {""}),
        media_words=frozenset({w.casefold() for w in titles.get("media_words", ())} | _ORG_WORDS),
        not_names=frozenset(titles.get("not_names", ())),
        title_words=frozenset(
            word
            for group in ("person_titles", "title_modifiers", "honorifics")
            for phrase in titles.get(group, ())
            for word in _key(phrase).split()
        ),
    )


def _is_known_body(text: str, knowledge: Knowledge) -> bool:
    """Whether ``text`` is exactly an organisation's or a country's name ("North Atlantic
    Treaty Organization", "Japan")."""
    key = _without_article(_key(text))
    vocabulary = _vocabulary(knowledge)
    return key in vocabulary.organizations or key in vocabulary.countries


# ---------------------------------------------------------------------------------------------
# Publisher


def publisher_named(text: str, knowledge: Knowledge) -> PublisherInfo | None:
    """The publisher ``text`` is exactly the name of ("The Korea Herald", "Yonhap")."""
    return _index(knowledge.publishers).by_name.get(_without_article(_key(text)))


def publisher_mentioned(text: str, knowledge: Knowledge) -> PublisherInfo | None:
    """The publisher whose name or alias ``text`` contains as whole words (longest wins)."""
    key = f" {_key(text)} "
    for name, publisher in _index(knowledge.publishers).longest_first:
        if f" {name} " in key:
            return publisher
    return None


def publisher_of_domain(host_or_email: str, knowledge: Knowledge) -> PublisherInfo | None:
    """The publisher owning a web host or an e-mail address's domain ("joongang.co.kr")."""
    host = host_or_email.rpartition("@")[2].casefold().rstrip(".")
    for publisher in knowledge.publishers:
        for domain in publisher.domains:
            domain = domain.casefold()
            if host == domain or host.endswith("." + domain):
                return publisher
    return None


_SITE_NAME_LINES = 3  # a site's name heads the page; a kicker naming one further down is weaker
_COPYRIGHT_HINT_RE = re.compile(r"©|\(c\)|ⓒ|copyright|all rights reserved", re.I)
# Separators between a masthead and what follows it: "KYODO NEWS - Jun 21, 2025 | Politics",
# "The Guardian - Back to home", "Political Reporter·NZ Herald·".
_MASTHEAD_SPLIT_RE = re.compile(r"\s+(?:[|｜•:]{1,2}|[-–—]{1,2})\s+|\s*[·•|｜]\s*")
_META_PART_SPLIT_RE = re.compile(r"\s*(?:[,;|｜·•/]|\s[-–—]{1,2}\s)\s*")
_SOURCE_LINE_RE = re.compile(r"^(?:source|sources|via|provided\s+by)\s*[:：]\s*(?P<rest>.+)$", re.I)
_DOMAIN_RE = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,6}/?$", re.I)


def find_publisher(raw: RawDocument, cleaned: CleanedDocument, knowledge: Knowledge) -> str | None:
    """The publisher's canonical name, from the strongest evidence the page offers.

    The page's own site name beats an agency credit: "By Yonhap" on a Korea Herald page makes
    Yonhap the author, not the publisher.
    """
    page = raw.page
    host = urlsplit(page.url).hostname if page.url else None
    by_url = publisher_of_domain(host, knowledge) if host else None
    if page.publisher:
        match = (
            publisher_named(page.publisher, knowledge)
            or publisher_mentioned(page.publisher, knowledge)
            or (publisher_of_domain(page.publisher, knowledge) if "." in page.publisher else None)
            or by_url
        )
        return match.name if match else page.publisher
    found = by_url or _publisher_at_top(cleaned, knowledge)
    if found:
        return found.name
    # the site a page's title names beats a photo's or a story's credit to another outlet
    site = _site_of_title(raw, knowledge)
    if site:
        return site
    found = (
        _publisher_of_copyright(cleaned, knowledge)
        or _publisher_of_emails(cleaned, knowledge)
        or _publisher_in_meta_lines(cleaned, knowledge)
        or _publisher_of_dateline(cleaned, knowledge)
        or _publisher_line(cleaned, knowledge)
    )
    return found.name if found else _unknown_masthead(cleaned, knowledge)


def _is_organization_publisher(publisher: PublisherInfo, knowledge: Knowledge) -> bool:
    """A publisher that is also an organisation the news is about (NATO, the UN): its name in
    part of a line is as likely a headline's subject as a masthead."""
    vocabulary = _vocabulary(knowledge)
    return any(
        _without_article(_key(name)) in vocabulary.organizations
        for name in _publisher_names(publisher)
    )


def _publisher_at_top(cleaned: CleanedDocument, knowledge: Knowledge) -> PublisherInfo | None:
    """A top line that is a publisher's name ("The Korea Herald"), or that starts or ends with
    one beside a separator ("KYODO NEWS - Jun 21, 2025", "Headline | The Korea Herald")."""
    for line in cleaned.header[:_SITE_NAME_LINES]:
        if BYLINE_RE.match(line):
            continue
        found = publisher_named(line, knowledge) or _domain_publisher(line, knowledge)
        if found:
            return found
        parts = [p for p in _MASTHEAD_SPLIT_RE.split(line) if p.strip()]
        for part in (parts[0], parts[-1]) if len(parts) > 1 else ():
            found = publisher_named(part, knowledge) or _domain_publisher(part, knowledge)
            if found and not _is_organization_publisher(found, knowledge):
                return found
    return None


def _domain_publisher(text: str, knowledge: Knowledge) -> PublisherInfo | None:
    """A line that is a web address ("Beehive.govt.nz") names its site's owner."""
    text = text.strip()
    if " " in text or not _DOMAIN_RE.match(text):
        return None
    return publisher_of_domain(
        urlsplit(text if "//" in text else f"//{text}").hostname or "", knowledge
    )


def _publisher_of_copyright(cleaned: CleanedDocument, knowledge: Knowledge) -> PublisherInfo | None:
    for line in (*cleaned.trailer, *cleaned.header):
        if _COPYRIGHT_HINT_RE.search(line):
            found = publisher_mentioned(line, knowledge)
            if found:
                return found
    return None


def _emails(line: str) -> list[str]:
    return EMAIL_RE.findall(line) if "@" in line else []


def _publisher_of_emails(cleaned: CleanedDocument, knowledge: Knowledge) -> PublisherInfo | None:
    for line in (*cleaned.header, *cleaned.trailer):
        for email in _emails(line):
            found = publisher_of_domain(email, knowledge)
            if found:
                return found
    return None


def _publisher_in_meta_lines(
    cleaned: CleanedDocument, knowledge: Knowledge
) -> PublisherInfo | None:
    """The outlet a byline, role, date or source line names beside the rest: "By Jane Roe,
    CNN", "Political Reporter·NZ Herald·", "Stars and Stripes • November 15, 2024",
    "Source: Xinhua". The names of a byline themselves ("By Yonhap") are an agency credit."""
    for line in (*cleaned.header, *cleaned.trailer):
        source = _SOURCE_LINE_RE.match(line)
        if source:
            parts = _META_PART_SPLIT_RE.split(source.group("rest"))
        elif byline_names(line) is not None:
            byline = BYLINE_RE.match(line)
            parts = _META_PART_SPLIT_RE.split(byline.group("names") if byline else line)[1:]
        elif is_date_line(line) or _is_role_line(line):
            parts = _META_PART_SPLIT_RE.split(line)
        else:
            continue
        for part in parts:
            found = publisher_named(part, knowledge) if part else None
            if found:
                return found
    return None


def _publisher_of_dateline(cleaned: CleanedDocument, knowledge: Knowledge) -> PublisherInfo | None:
    agency = cleaned.dateline.agency if cleaned.dateline else None
    return publisher_named(agency, knowledge) if agency else None


_MASTHEAD_SMALL_WORDS = word_set("the of and &")
# Words that make a short line with "News" in it a section, not a masthead ("World News").
_NEWS_SECTION_WORDS = word_set(
    """
    world latest top breaking local national international business sport sports politics
    live home more all headline headlines today daily weekly news
    """
)
_MAX_MASTHEAD_WORDS = 5


def _unknown_masthead(cleaned: CleanedDocument, knowledge: Knowledge) -> str | None:
    """An outlet the knowledge does not list, by its masthead: the page's first line when it is
    a short capitalised name with a newspaper's word in it ("The Pacific Monitor")."""
    if not cleaned.header or BYLINE_RE.match(cleaned.header[0]):
        return None
    line = _MASTHEAD_SPLIT_RE.split(cleaned.header[0].strip())[0].strip(" .,")
    words = line.split()
    if not words or len(words) > _MAX_MASTHEAD_WORDS or _DIGIT_RE.search(line):
        return None
    if any(w[:1].islower() and w not in _MASTHEAD_SMALL_WORDS for w in words):
        return None
    known = publisher_mentioned(line, knowledge)
    if known and not _is_organization_publisher(known, knowledge):
        return known.name  # "AP NEWS WIRE": a known outlet's name with more words
    # the knowledge's words of newspapers' names only: "Desk" or "Team" make no masthead
    media = {w.casefold() for w in (knowledge.titles or {}).get("media_words", ())}
    folded = [w.casefold().strip("'’") for w in words]
    if not any(w in media for w in folded):
        return None
    if all(w in _NEWS_SECTION_WORDS or w in _MASTHEAD_SMALL_WORDS for w in folded):
        return None
    return line


_MAX_SITE_WORDS = 5


def _site_of_title(raw: RawDocument, knowledge: Knowledge) -> str | None:
    """An outlet the knowledge does not list, by its page title: the end of "Headline | Site"
    (or the start of "Site | Headline") beyond the headline the page shows, when that end is
    a short name and not a section ("World") or an organisation the news is about."""
    title, headline = raw.page.site_title, raw.page.title
    if not title or not headline:
        return None
    parts = [p.strip() for p in _TITLE_SEPARATOR_RE.split(title)]
    if len(parts) < 2:
        return None
    key = _key(headline)
    if _key(parts[0]) == key:
        site = parts[-1]
    elif _key(parts[-1]) == key:
        site = parts[0]
    else:
        return None
    words = site.split()
    if not words or len(words) > _MAX_SITE_WORDS or _DIGIT_RE.search(site):
        return None
    if any(w[:1].islower() and w not in _MASTHEAD_SMALL_WORDS for w in words):
        return None if not _DOMAIN_RE.match(site) else site
    folded = [w.casefold().strip("'’.") for w in words]
    if all(w in _NEWS_SECTION_WORDS or w in _SECTION_WORDS for w in folded):
        return None
    return None if _is_known_body(site, knowledge) else site


def _publisher_line(cleaned: CleanedDocument, knowledge: Knowledge) -> PublisherInfo | None:
    """Any header or trailer line that is exactly a publisher's name ("The Yomiuri Shimbun"
    under a headline, "Mainichi Shimbun" closing the page)."""
    for line in (*cleaned.header, *cleaned.trailer):
        if not BYLINE_RE.match(line):
            found = publisher_named(line, knowledge)
            if found:
                return found
    return None


# ---------------------------------------------------------------------------------------------
# Title and subtitle

_TITLE_SEPARATOR_RE = re.compile(r"\s+(?:[|｜·•:]{1,2}|[-–—]{1,2})\s+")
# A slash or a dash separates sections only with spaces around it ("U.S./Japan Talks" is one).
_SECTION_SEPARATOR_RE = re.compile(r"\s*[|｜›»•]\s*|\s+[>/\-–—]\s+")
_SLUG_HYPHEN_RE = re.compile(r"[A-Za-z]-[A-Z]")
_MIN_TITLE_WORDS = 4
_GOOD_TITLE_WORDS = 5
_MAX_TITLE_WORDS = 30
_MAX_SLUG_WORDS = 6
_MAX_SECTION_PART_WORDS = 3
_FALLBACK_TITLE_CHARS = 120
_MAX_SHORT_SKIPS = 2
_MIN_REPEATED_WORDS = 5  # a repeated short line is navigation ("Got a news tip?"), not a headline
# A sentence ends after a word of three lower-case letters or more ("said.", not "Gen." or "U.S.")
_SENTENCE_END_RE = re.compile(r"(?<=[a-z0-9)\"'”’]{3}[.!?])[\"'”’]?\s+(?=[\"'“‘A-Z])")
_ABBREVIATION_END_RE = re.compile(r"(?:\b[A-Z]\.){2,}$")
# Mastheads' slogans and calls for support: "Japan's National Daily Since 1922", "The official
# website of the ... Government", "Fund independent journalism with $5 per month" (a sum alone
# is news: "Alibaba to raise $12.9bn").
_TAGLINE_RE = re.compile(
    r"\bsince\s+(?:1[789]|20)\d\d\b|\bofficial\s+(?:web\s?)?(?:site|page|home)\b"
    r"|\b(?:independent|quality|trusted)\s+(?:journalism|news)\b|\bper\s+(?:month|week|year)\b"
    r"|\bsupport\s+(?:us|our|the)\b|\b(?:leading|national)\s+(?:english\s+)?daily\b"
    r"|[$€£]\s?\d[\d.,]{0,8}\s?(?:/|a\s)\s?(?:month|week|year|mo)\b"
    r"|\bnews\s+(?:you\s+can\s+trust|that\s+matters)\b|\byour\s+(?:source|window)\b",
    re.I,
)


def find_title(
    raw: RawDocument, cleaned: CleanedDocument, knowledge: Knowledge, publisher: str | None
) -> tuple[str, str | None]:
    """The headline and, when the page has one, the subtitle under it."""
    site_names = _site_names(raw, knowledge, publisher)
    if raw.page.title:
        title = strip_site_name(raw.page.title, site_names)
        if title and not _never_a_title(title, site_names, knowledge):
            return title, _subtitle_after(title, _shown_lines(raw, cleaned), site_names, knowledge)
    header = _Header(cleaned.header, knowledge, site_names)
    title, subtitle = header.title()
    if title:
        return title, subtitle
    return _title_from_body(cleaned), None


def _shown_lines(raw: RawDocument, cleaned: CleanedDocument) -> list[str]:
    """The header without an HTML page's <title>: a headline shown on the page that differs
    from the title follows it, and is no subtitle."""
    header = cleaned.header
    if raw.page.site_title and header[:1] == [raw.page.site_title]:
        return header[1:]
    return header


def _site_names(raw: RawDocument, knowledge: Knowledge, publisher: str | None) -> set[str]:
    """Comparison keys of every name the page's site may go by, its web host's name among them
    ("entermedia" for www.entermedia.co.kr)."""
    names = set(_site_keys(knowledge))
    for extra in (raw.page.publisher, publisher):
        if extra:
            names.add(_without_article(_key(extra)))
    host = urlsplit(raw.page.url).hostname if raw.page.url else None
    if host:
        labels = host.removeprefix("www.").split(".")
        names.add(labels[0])
    names.discard("")
    return names


def _site_keys(knowledge: Knowledge) -> frozenset[str]:
    """Keys of every outlet's names; an organisation that also publishes (NATO) counts only as
    the page's own publisher, as it is more often the subject of a headline than its site."""
    return _derived("site keys", knowledge, _build_site_keys)


def _build_site_keys(knowledge: Knowledge) -> frozenset[str]:
    return frozenset(
        key
        for key, publisher in _index(knowledge.publishers).by_name.items()
        if not _is_organization_publisher(publisher, knowledge)
    )


def _is_site_name(text: str, site_names: set[str]) -> bool:
    key = _without_article(_key(text))
    if key in site_names or key.replace(" ", "") in site_names:
        return True
    text = text.strip()
    return " " not in text and _DOMAIN_RE.match(text) is not None  # "Beehive.govt.nz"


def strip_site_name(title: str, site_names: set[str]) -> str:
    """The title without a site name at either end ("Title | The Korea Herald" -> "Title"), and
    without the section between them ("Title | World news | The Guardian")."""
    text = title.strip()
    separators = list(_TITLE_SEPARATOR_RE.finditer(text))
    if separators and _is_site_name(text[separators[-1].end() :], site_names):
        text = text[: separators[-1].start()]
        separators.pop()
        while separators and _is_section(text[separators[-1].end() :]):
            text = text[: separators[-1].start()]
            separators.pop()
    if separators and _is_site_name(text[: separators[0].start()], site_names):
        text = text[separators[0].end() :]
    return text.strip()


def _is_section(part: str) -> bool:
    """A section label: a word or two, not a sentence ("World news", "Politics")."""
    words = part.split()
    return 0 < len(words) <= 2 and not any(c in part for c in ".?!\"'“”")


def _is_section_line(line: str) -> bool:
    """Section labels in a row: "New Zealand | Politics", "ASIA PACIFIC / POLITICS"."""
    parts = [p for p in _SECTION_SEPARATOR_RE.split(line) if p]
    if len(parts) < 2:
        return False
    for part in parts:
        words = part.split()
        if len(words) > _MAX_SECTION_PART_WORDS:
            return False
        if any(w[:1].islower() and w not in ("and", "of", "&") for w in words):
            return False
    return True


def _never_a_title(line: str, site_names: set[str], knowledge: Knowledge) -> bool:
    """Lines that look like headlines but are the site, a section, a slogan or a name."""
    return (
        _is_site_name(line, site_names)
        or _is_section_line(line)
        or _TAGLINE_RE.search(line) is not None
        or _is_known_body(line, knowledge)
        or is_date_line(line)
    )


def _is_meta_line(line: str) -> bool:
    """A byline, a date line, a role line or a credit: the anchor a headline sits above."""
    return (
        byline_names(line) is not None
        or is_date_line(line)
        or ("@" in line and EMAIL_RE.search(line) is not None)
        or _is_role_line(line)
    )


def _is_slug(line: str) -> bool:
    """A desk slug: a few words joined by hyphens ("US official-S Korea-NATO")."""
    return _word_count(line) <= _MAX_SLUG_WORDS and len(_SLUG_HYPHEN_RE.findall(line)) >= 2


def _word_count(line: str) -> int:
    return len(line.split())


def headline_like(line: str, minimum: int = _MIN_TITLE_WORDS) -> bool:
    """A line that could be a headline: a few words, no closing full stop, no byline or date."""
    words = _word_count(line)
    if not minimum <= words <= _MAX_TITLE_WORDS:
        return False
    end = line.rstrip("\"'”’)")
    if end.endswith(".") and not _ABBREVIATION_END_RE.search(end):
        return False
    if "@" in line or "://" in line or credit_tail(line):
        return False
    return not _is_meta_line(line) and any(c.isupper() for c in line)


def _shouted(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters if c.isascii())


class _Header:
    """The lines above the body, with what each is: headline candidates, meta lines (bylines,
    dates, roles) and bylines written without "By" ("Kenji Ward in Tokyo", "Jane Roe" over
    "Tokyo correspondent")."""

    def __init__(self, lines: list[str], knowledge: Knowledge, site_names: set[str]) -> None:
        self.lines = lines
        self.site_names = site_names
        self.knowledge = knowledge
        self.candidates: list[tuple[int, str]] = []
        for i, line in enumerate(lines):
            text = strip_site_name(line, site_names)
            if headline_like(text) and not _never_a_title(text, site_names, knowledge):
                self.candidates.append((i, text))
        self.bylines = _bare_bylines(lines, self.candidates, knowledge)
        self.candidates = [(i, t) for i, t in self.candidates if i not in self.bylines]

    def is_meta(self, i: int) -> bool:
        return i in self.bylines or _is_meta_line(self.lines[i])

    def title(self) -> tuple[str | None, str | None]:
        candidates = self.candidates
        if not candidates:
            return None, None
        repeated = _repeated_headline(candidates)
        if repeated:
            title, last = repeated
            return title, self.subtitle_at(last + 1, title)
        # The headline sits right above the byline or date line, the subtitle between them; the
        # meta line nearest the body is the article's own (a top bar may carry today's date).
        anchors = [i for i in range(len(self.lines)) if self.is_meta(i)]
        for anchor in reversed(anchors):
            run, standfirst = self.run_above(anchor)
            if run:
                return (run[-2], run[-1]) if len(run) >= 2 else (run[0], standfirst)
        plain = [(i, t) for i, t in candidates if not _is_slug(t)]
        good = [(i, t) for i, t in plain if _word_count(t) >= _GOOD_TITLE_WORDS]
        calm = [(i, t) for i, t in good if not _shouted(t)]
        i, title = (calm or good or plain or candidates)[0]
        return title, self.subtitle_at(i + 1, title)

    def run_above(self, anchor: int) -> tuple[list[str], str | None]:
        """The headline lines directly above the anchor, and a standfirst between them and the
        anchor: meta lines in between are skipped, and so are a couple of short ones (an
        author's name without "By", an agency, a handle)."""
        candidate_text = dict(self.candidates)
        run: list[str] = []
        standfirst: str | None = None
        skips = _MAX_SHORT_SKIPS
        i = anchor - 1
        while i >= 0:
            line = self.lines[i]
            if i in candidate_text and not _is_slug(candidate_text[i]):
                run.insert(0, candidate_text[i])
            elif self.is_meta(i):
                pass
            elif not run and standfirst is None and _is_standfirst(line):
                standfirst = line
            elif not run and skips and _word_count(line) < _MIN_TITLE_WORDS:
                skips -= 1
            else:
                break
            i -= 1
        return run[-2:], standfirst if run else None

    def subtitle_at(self, i: int, title: str) -> str | None:
        return _subtitle_at(self.lines, i, self.site_names, title, self.knowledge)


_MIN_STANDFIRST_WORDS, _MAX_STANDFIRST_WORDS = 6, 60


def _is_standfirst(line: str) -> bool:
    """A summary in sentences under the headline ("The summit showed ... purpose.")."""
    words = _word_count(line)
    return (
        _MIN_STANDFIRST_WORDS <= words <= _MAX_STANDFIRST_WORDS
        and line.rstrip("\"'”’)").endswith((".", "!", "?", "…"))
        and any(c.islower() for c in line)
        and credit_tail(line) is None
        and not _is_meta_line(line)
    )


def _ends_keys(text: str) -> set[str]:
    """Keys of the whole line and of its first and last part ("Headline | Site")."""
    parts = _TITLE_SEPARATOR_RE.split(text)
    keys = {_key(text)}
    if len(parts) > 1:
        keys.update(_key(p) for p in (parts[0], parts[-1]) if _word_count(p) >= _MIN_TITLE_WORDS)
    return keys


def _repeated_headline(candidates: list[tuple[int, str]]) -> tuple[str, int] | None:
    """A headline printed twice — as page title and heading, perhaps with a " | Site" suffix —
    with the position of its last copy."""
    where: dict[str, list[int]] = {}
    for position, (_, text) in enumerate(candidates):
        for key in _ends_keys(text):
            where.setdefault(key, []).append(position)
    for position, (_, text) in enumerate(candidates):
        if _word_count(text) < _MIN_REPEATED_WORDS:
            continue
        copies = where.get(_key(text), [])
        if len(copies) > 1 or (copies and copies[0] != position):
            return text, candidates[max(copies)][0]
    return None


def _subtitle_at(
    header: list[str], i: int, site_names: set[str], title: str, knowledge: Knowledge
) -> str | None:
    """The line at ``i`` when it is a second headline before any byline."""
    if i >= len(header):
        return None
    line = strip_site_name(header[i], site_names)
    if (
        headline_like(line, _GOOD_TITLE_WORDS)
        and _key(line) != _key(title)
        and not _is_slug(line)
        and not _never_a_title(line, site_names, knowledge)
        and not _is_bare_credit(line, knowledge)
    ):
        return line
    return None


_TIME_OF_DAY_RE = re.compile(r"(?<![\d.])\d{1,2}[:.]\d{2}(?![\d.])")
_BY_NAME_RE = re.compile(r"\bby\s+[A-Z][\w'’.-]*\s+[A-Z]")


def _is_bare_credit(line: str, knowledge: Knowledge) -> bool:
    """A byline that does not start with "By": names with a role or an outlet ("Tom Roe, AP
    Auto Writer", "Ann Lee and Bo Park, Associated Press"), or a time stamp ending in one
    ("5:45 AM PST 11/19/2019 by Jane Roe")."""
    parts = _NAME_ROLE_SPLIT_RE.split(line.strip(), maxsplit=1)
    if (
        len(parts) == 2
        and (_is_role_line(parts[1]) or publisher_named(parts[1], knowledge) is not None)
        and _person_list(parts[0], knowledge)
    ):
        return True
    return (
        _TIME_OF_DAY_RE.search(line) is not None
        and _BY_NAME_RE.search(line) is not None
        and bool(find_dates(line))
    )


def _subtitle_after(
    title: str, header: list[str], site_names: set[str], knowledge: Knowledge
) -> str | None:
    """For a page whose title came from its metadata: the header line after that title."""
    keys = [_key(strip_site_name(line, site_names)) for line in header]
    key = _key(title)
    if key not in keys:
        return None
    last = len(keys) - 1 - keys[::-1].index(key)
    return _subtitle_at(header, last + 1, site_names, title, knowledge)


def _title_from_body(cleaned: CleanedDocument) -> str:
    """No headline anywhere: the first sentence of the body, cut at a word near 120 chars."""
    if not cleaned.paragraphs:
        return ""
    first = cleaned.paragraphs[0]
    text = cleaned.body[first.start : first.end]
    if cleaned.dateline:
        text = text[cleaned.dateline.end :]
    sentence = _SENTENCE_END_RE.split(text, maxsplit=1)[0].strip()
    if len(sentence) <= _FALLBACK_TITLE_CHARS:
        return sentence
    cut = sentence.rfind(" ", 0, _FALLBACK_TITLE_CHARS)
    return sentence[: cut if cut > 0 else _FALLBACK_TITLE_CHARS].rstrip(" ,;:") + "…"


# ---------------------------------------------------------------------------------------------
# Authors

_NAME_SPLIT_RE = re.compile(r"\s*(?:,|;|&|/|\||\band\b)\s*")
_NAME_TAIL_RE = re.compile(r"\s+(?:in|for|at|from|with)\s+[A-Z].*$")
# "Reporter : Kim Min-ji", "Author: Jane Roe" — never "Editor: ..." (editors are not authors).
_LABELLED_AUTHOR_RE = re.compile(
    r"^(?:reporters?|authors?|writers?|correspondents?|written\s+by|words)\s*[:：]\s*(?P<names>.+)$",
    re.I,
)
_HANDLE_RE = re.compile(r"@\w+|https?://\S+")
_ROLE_WORDS = word_set(
    """
    reporter reporters writer writers correspondent correspondents editor editors staff
    contributor contributors columnist bureau chief desk team analyst photographer producer
    journalist journalists presenter
    """
)
# The nouns a role line is built on ("Tokyo correspondent", "Political Reporter·NZ Herald·")
# and the lower-case words that may qualify them.
_ROLE_NOUNS = _ROLE_WORDS - {"staff", "bureau", "chief", "desk", "team"}
_ROLE_ADJECTIVES = word_set(
    """
    political senior chief staff defence defense foreign diplomatic economics economic
    business security national deputy associate contributing special investigative news
    world regional international global local data digital video visual social health
    science climate sports sport environment environmental technology tech features
    managing executive freelance parliamentary community court crime education
    """
)
_ROLE_LINKS = word_set("for at in of and & with based covering")
_ROLE_JOINERS = word_set("and & of")  # "Foreign Affairs and Defence Correspondent"
_MAX_ROLE_QUALIFIERS = 5
_REPORTING_FROM_RE = re.compile(r"^reporting\s+from\s+[A-Z][\w .,'’-]{0,40}$", re.I)
_MAX_ROLE_LINE_WORDS = 7
# Words that make a capitalised line a section label or a place rather than a person's name.
_SECTION_WORDS = word_set(
    """
    world asia pacific europe politics national international business economy opinion
    analysis sport sports culture defence defense security diplomacy news latest features
    lifestyle tech technology science health environment climate middle east north south
    west central latin america americas africa australia local global breaking live video
    home top stories edition region nation military affairs policy reports
    """
)
_PARTICLES = word_set(
    """
    de da del della der di du van von bin al el le la dos das ter
    """
)
_BRACKETED_RE = re.compile(r"[\[(<][^\[\]()<>]{0,200}[\])>]")
_CREDIT_SPLIT_RE = re.compile(r"[;\n]|\.\s")
_NOT_LETTER_RE = re.compile(r"[^a-z]")
_LETTERS_RE = re.compile(r"[^\W\d_][\w'’.-]*")
_DIGIT_RE = re.compile(r"\d")
# An author's note closing the story: "Jane Doe is a senior political reporter at ...".
_AUTHOR_NOTE_RE = re.compile(
    r"^(?P<name>[A-Z][\w'’.-]{0,30}(?: [A-Z][\w'’.-]{0,30}){1,3}) is (?:a|an|the)\b"
)
_NAME_TOKEN_RE = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.)$")
_MAX_NAME_TOKENS = 5
_MAX_BARE_NAME_TOKENS = 4
_MAX_BARE_BYLINE_WORDS = 14
_MAX_NAME_CHARS = 60
# "Hannah Kerr, Political Reporter", "Jane Roe | Staff writer": a name, then its role.
_NAME_ROLE_SPLIT_RE = re.compile(r"\s*(?:,|\s[|·•—–-]\s|[|·•])\s*")


@dataclass(frozen=True)
class _Author:
    name: str
    email: str | None = None


def find_authors(
    raw: RawDocument,
    cleaned: CleanedDocument,
    knowledge: Knowledge,
    publisher: str | None = None,
) -> list[str]:
    """Authors from the page metadata, else from bylines and credit lines around the body.

    A trailer "Name e-mail" credit whose address matches a header byline is the same author
    under another name ("By Anna J. Park" ... "Park Ji-won annajpark@..."): listed once. An
    organisation is never a person: it stays only as an agency's credit on another outlet's
    page ("By Yonhap" on a Korea Herald page), not as the publisher's own ("The Yomiuri
    Shimbun" on its own site).
    """
    if raw.page.authors:
        names = [n for a in raw.page.authors for n in split_names(_strip_by(a), single_ok=True)]
        names = _people_only(_dedupe(names), knowledge, publisher)
        if names:
            return names
    header = _Header(cleaned.header, knowledge, _site_names(raw, knowledge, publisher))
    found: list[_Author] = []
    for i, line in enumerate(cleaned.header):
        if i in header.bylines:
            found.extend(_Author(name) for name in header.bylines[i])
        else:
            found.extend(_line_authors(line))
    for line in cleaned.trailer:
        for author in _line_authors(line):
            if not any(_same_author(author, known) for known in found):
                found.append(author)
    return _people_only(_dedupe([a.name for a in found]), knowledge, publisher)


def _people_only(names: list[str], knowledge: Knowledge, publisher: str | None) -> list[str]:
    """The people among byline names; failing any, a lone credit to another outlet."""
    people = [n for n in names if not _is_organization_name(n, knowledge)]
    if people or len(names) != 1:
        return people
    agency = publisher_named(names[0], knowledge)
    own = publisher_named(publisher, knowledge) if publisher else None
    if agency is None or agency == own or agency.name == publisher:
        return []
    return names


def _is_organization_name(name: str, knowledge: Knowledge) -> bool:
    """An outlet, a desk or an organisation ("AFP", "The Yomiuri Shimbun", "News Desk")."""
    if publisher_named(name, knowledge) or _is_known_body(name, knowledge):
        return True
    media = _vocabulary(knowledge).media_words
    return any(word.casefold() in media for word in _LETTERS_RE.findall(name))


def _strip_by(text: str) -> str:
    names = byline_names(text.strip())
    if names is not None:
        return names
    match = BYLINE_RE.match(text.strip())
    return match.group("names") if match else text.strip()


def _line_authors(line: str) -> list[_Author]:
    labelled = _LABELLED_AUTHOR_RE.match(line)
    if labelled:
        return [_Author(name) for name in split_names(labelled.group("names"), single_ok=False)]
    match = name_and_email(line)
    if match:
        names = split_names(match.group("name"), single_ok=False)
        return [_Author(names[0], match.group("email"))] if len(names) == 1 else []
    if CREDIT_LINE_RE.search(line):
        note = _AUTHOR_NOTE_RE.match(line)
        names = split_names(note.group("name"), False) if note else _credited_names(line)
        return [_Author(name) for name in names]
    names = byline_names(line)
    if names is None:
        return []
    emails = _emails(line)
    people = split_names(names, single_ok=True)
    if len(people) == 1 and len(emails) == 1:
        return [_Author(people[0], emails[0])]
    return [_Author(name) for name in people]


# Writers in a credit: "Reporting by X and Y", "(Japanese original by X, Political News
# Department)"; not editors, translators or those who added reporting.
_CREDIT_SEGMENT_RE = re.compile(
    r"^[(\[]?\s*(?:reporting|writing|written|reported|text|words|story|[a-z]+\s+original)"
    r"\s+by\s+(.+?)[)\]]?$",
    re.I,
)


def _credited_names(line: str) -> list[str]:
    """Writers of "Reporting by X and Y; Additional reporting by Z; Editing by W": X and Y."""
    names: list[str] = []
    for segment in _CREDIT_SPLIT_RE.split(line):
        match = _CREDIT_SEGMENT_RE.match(segment.strip())
        if match:
            names.extend(split_names(match.group(1), single_ok=False))
    return names


def split_names(text: str, single_ok: bool) -> list[str]:
    """People in a byline's names part: "Jane Smith and Tom Brown in Canberra" -> both names.

    Roles ("Staff Reporter", "defence reporter Jane Roe") are dropped; a one-word name (an
    agency: "Yonhap", "AFP") is kept only when it stands alone (``single_ok``).
    """
    if "@" in text:
        text = EMAIL_RE.sub(" ", text)
    text = _BRACKETED_RE.sub(" ", text)
    parts = [p.strip(" .,:;|-–—") for p in _NAME_SPLIT_RE.split(text)]
    parts = [_without_role(_NAME_TAIL_RE.sub("", p)) for p in parts if p]
    names = [p for p in parts if not _is_role(p)]
    people = [_proper_case(n) for n in names if _is_name(n, single_ok and len(names) == 1)]
    return people


def _without_role(part: str) -> str:
    """A name without the role around it: "Political Editor Jane Roe" and "Jane Roe Senior
    Political Reporter" -> "Jane Roe"; a part that is only a role stays as it is."""
    tokens = part.split()
    roles = [i for i, t in enumerate(tokens) if t.casefold().strip(".,") in _ROLE_WORDS]
    if not roles:
        return part
    after = tokens[roles[-1] + 1 :]
    if len(after) >= 2 and all(t[:1].isupper() for t in after):
        return " ".join(after)
    before = tokens[: roles[0]]
    while before and before[-1].casefold() in _ROLE_ADJECTIVES:
        before.pop()
    if len(before) >= 2 and all(t[:1].isupper() for t in before):
        return " ".join(before)
    return part


def _is_role(part: str) -> bool:
    words = part.lower().split()
    return any(w in _ROLE_WORDS for w in words) or not part[:1].isupper()


def _is_name(part: str, single_ok: bool) -> bool:
    tokens = part.split()
    if not tokens or len(tokens) > _MAX_NAME_TOKENS or len(part) > _MAX_NAME_CHARS:
        return False
    if len(tokens) == 1 and not single_ok:
        return False
    return all(_NAME_TOKEN_RE.match(t) or t.lower() in _PARTICLES for t in tokens) and any(
        c.isalpha() for c in part
    )


def _is_role_line(line: str) -> bool:
    """A journalist's role on its own line: "Tokyo correspondent", "Staff writer", "Political
    Reporter·NZ Herald·", "Reporting from Tokyo" — not a headline about a reporter."""
    if _REPORTING_FROM_RE.match(line):
        return True
    if _word_count(line) > _MAX_ROLE_LINE_WORDS or _DIGIT_RE.search(line):
        return False
    if line.rstrip().endswith((".", "?", "!", ":")):
        return False
    first = _META_PART_SPLIT_RE.split(_HANDLE_RE.sub(" ", line).strip())[0]
    tokens = _LETTERS_RE.findall(first)
    roles = [i for i, t in enumerate(tokens) if t.casefold() in _ROLE_NOUNS]
    if not roles:
        return False
    before, after = tokens[: roles[0]], tokens[roles[-1] + 1 :]
    return (
        len(before) <= _MAX_ROLE_QUALIFIERS
        and all(
            t[:1].isupper() or t.casefold() in _ROLE_ADJECTIVES or t in _ROLE_JOINERS
            for t in before
        )
        and (not after or after[0].casefold() in _ROLE_LINKS)
    )


def _is_person_name(part: str, knowledge: Knowledge) -> bool:
    """A bare personal name: two to four capitalised words, none of them a section, a place,
    an outlet's or an organisation's word ("Rachel Okafor", not "Asia Pacific")."""
    tokens = part.split()
    if not 2 <= len(tokens) <= _MAX_BARE_NAME_TOKENS or len(part) > _MAX_NAME_CHARS:
        return False
    if not all(_NAME_TOKEN_RE.match(t) or t.lower() in _PARTICLES for t in tokens):
        return False
    vocabulary = _vocabulary(knowledge)
    not_names, media = vocabulary.not_names, vocabulary.media_words
    for token in tokens:
        folded = token.casefold().strip(".")
        if folded in _SECTION_WORDS or folded in media or folded in _ROLE_WORDS:
            return False
        if token in not_names:
            return False
    if _key(tokens[-1]) in vocabulary.places or _key(part) in vocabulary.people:
        return False  # "Kishida Visits Seoul", "Fumio Kishida": news, not a byline
    if all(word in vocabulary.title_words for word in _key(part).split()):
        return False  # "Prime Minister" beside a press release's date names an office
    return not _is_known_body(part, knowledge) and publisher_named(part, knowledge) is None


def _person_list(line: str, knowledge: Knowledge) -> list[str] | None:
    """The people of a byline written without "By": "Kenji Ward in Tokyo and Priya Raman in
    Sydney", "Jane Roe & Tom Brown" — or None when any part is not a personal name."""
    if _word_count(line) > _MAX_BARE_BYLINE_WORDS or _DIGIT_RE.search(line):
        return None
    names = []
    for part in _NAME_SPLIT_RE.split(line.strip()):
        part = _NAME_TAIL_RE.sub("", part.strip())
        if not part:
            continue
        if not _is_person_name(part, knowledge):
            return None
        names.append(_proper_case(part))
    return names or None


def _name_with_role(line: str, knowledge: Knowledge) -> list[str] | None:
    """ "Hannah Kerr, Political Reporter" -> ["Hannah Kerr"]."""
    parts = _NAME_ROLE_SPLIT_RE.split(line.strip(), maxsplit=1)
    if len(parts) != 2 or not _is_role_line(parts[1]):
        return None
    return _person_list(parts[0], knowledge)


def _bare_bylines(
    lines: list[str], candidates: list[tuple[int, str]], knowledge: Knowledge
) -> dict[int, list[str]]:
    """Header lines below a headline that name the authors without "By": a name with its role,
    or names beside a role line or a date line."""
    if not candidates:
        return {}
    found: dict[int, list[str]] = {}
    for i in range(candidates[0][0] + 1, len(lines)):
        line = lines[i]
        if byline_names(line) is not None or is_date_line(line):
            continue
        names = _name_with_role(line, knowledge)
        if names is None and _beside_meta(lines, i):
            names = _person_list(line, knowledge)
        if names:
            found[i] = names
    return found


def _beside_meta(lines: list[str], i: int) -> bool:
    following = lines[i + 1] if i + 1 < len(lines) else ""
    previous = lines[i - 1] if i > 0 else ""
    return (
        _is_role_line(following)
        or is_date_line(following)
        or (is_date_line(previous) and not following)
    )


def _proper_case(name: str) -> str:
    """ALL-CAPS bylines as names: "LIM JEONG-WON" -> "Lim Jeong-won", "O'BRIEN" -> "O'Brien".

    Only the first part of a hyphenated word keeps a capital, as in romanised Korean given names.
    A short all-capitals single word is an acronym ("AFP") and stays.
    """
    letters = [c for c in name if c.isalpha()]
    if not letters or any(c.islower() for c in letters):
        return name
    if " " not in name and len(letters) <= 4:
        return name
    return " ".join(_proper_word(word) for word in name.split())


def _proper_word(word: str) -> str:
    head, *rest = word.lower().split("-")
    head = head.capitalize()
    if len(head) > 2 and head[1] in "'’":  # O'Brien, D'Amato
        head = head[:2] + head[2:].capitalize()
    return "-".join([head, *rest])


def _same_author(author: _Author, known: _Author) -> bool:
    if _key(author.name) == _key(known.name):
        return True
    if author.email and known.email and author.email.casefold() == known.email.casefold():
        return True
    return bool(author.email) and email_matches(author.email, known.name)


def email_matches(email: str, name: str) -> bool:
    """Whether an address's local part spells ``name`` ("annajpark" ~ "Anna J. Park")."""
    local = _NOT_LETTER_RE.sub("", email.partition("@")[0].casefold())
    tokens = [_NOT_LETTER_RE.sub("", t) for t in name.casefold().replace("-", " ").split()]
    tokens = [t for t in tokens if t]
    if len(local) < 3 or len(tokens) < 2:
        return False
    if local == "".join(tokens):
        return True
    first, last = tokens[0], tokens[-1]
    for given, family in ((first, last), (last, first)):
        if len(family) >= 2 and family in local and (given in local or local.startswith(given[0])):
            return True
    return False


def _dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        if name and _key(name) not in seen:
            seen.add(_key(name))
            out.append(name)
    return out


# ---------------------------------------------------------------------------------------------
# Publication date

_PUBLISHED_LABEL_RE = re.compile(
    r"(?<![A-Za-z])(?:first\s+)?(?:published|posted|created|issued|released|dated?)"
    r"|입력|등록|게재|公開|掲載|配信",
    re.I,
)
_UPDATED_LABEL_RE = re.compile(
    r"(?<![A-Za-z])(?:last\s+)?(?:updated|modified|edited|revised|upd\b)|수정|更新", re.I
)
_PUBLISHED, _PLAIN, _UPDATED = 0, 1, 2  # preference order of a stated date's label


def stated_dates(line: str, order: str = "") -> list[tuple[int, dt.date]]:
    """The dates a header line states, each with its label rank (published, plain, updated)."""
    out = []
    previous_end = 0
    for start, end, day in find_dates(line, order):
        before = line[previous_end:start]
        labels = [(m.start(), _UPDATED) for m in _UPDATED_LABEL_RE.finditer(before)]
        labels += [(m.start(), _PUBLISHED) for m in _PUBLISHED_LABEL_RE.finditer(before)]
        rank = max(labels)[1] if labels else _PLAIN
        out.append((rank, day))
        previous_end = end
    return out


# A timestamp in UTC: its day can be the day before or after the one the outlet prints.
_UTC_TIME_RE = re.compile(r"\d[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?\s*(?:Z|[+-]00:?00)$", re.I)


def _shown_day(value: str, day: dt.date, lines: list[str], order: str) -> dt.date:
    """The day of a <time> value, or the neighbouring day the page's date line shows when the
    value is a UTC timestamp (a Seoul article at 08:00 is stamped the day before in UTC)."""
    if not _UTC_TIME_RE.search(value.strip()):
        return day
    for line in lines:
        if is_date_line(line):
            for _, shown in stated_dates(line, order):
                if shown == day:
                    return day
                if abs((shown - day).days) == 1:
                    return shown
    return day


# Outlets of these countries write numeric dates month first (10/01/2024 is 1 October).
_MONTH_FIRST_COUNTRIES = frozenset({"US"})


def _numeric_date_order(publisher: str | None, knowledge: Knowledge) -> str:
    """How the publisher writes numeric dates: "month" or "day" first, "" when unknown."""
    info = publisher_named(publisher, knowledge) if publisher else None
    if info is None or not info.country:
        return ""
    return "month" if info.country in _MONTH_FIRST_COUNTRIES else "day"


def find_published(
    raw: RawDocument, cleaned: CleanedDocument, order: str = ""
) -> tuple[FuzzyDate | None, str]:
    """The publication date the page states, with a short reason; (None, "") when it states none.

    Only the page's metadata and its date, byline or credit lines count — dates in the story
    are for the dates stage to weigh. ``order`` is the outlet's order of numeric dates.
    """
    if raw.page.published:
        days = find_dates(raw.page.published)
        if days:
            return FuzzyDate(days[0][2], Precision.DAY), (
                f"stated in the page metadata: '{raw.page.published}'"
            )
    for value in raw.page.time_values:
        days = find_dates(value)
        if days:
            day = _shown_day(value, days[0][2], raw.page.header_lines, order)
            return FuzzyDate(day, Precision.DAY), f"stated in a <time> element: '{value}'"
    # Header lines nearest the body first (a top bar may show today's date), then the trailer.
    lines = [*reversed(cleaned.header), *cleaned.trailer]
    best: tuple[int, int, dt.date, str] | None = None
    for position, line in enumerate(lines):
        if not (is_date_line(line) or byline_names(line) is not None):
            continue
        for rank, day in stated_dates(line, order):
            if best is None or (rank, position) < best[:2]:
                best = (rank, position, day, line)
    if best is None:
        return None, ""
    return FuzzyDate(best[2], Precision.DAY), f"stated on the page: '{best[3]}'"
