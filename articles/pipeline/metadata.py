"""Stage 3 — metadata: title, subtitle, byline, publisher, dateline, publication date.

For an HTML page what the page states about itself (JSON-LD, OpenGraph) comes first; for a text
dump everything is read from the lines the cleaning stage set aside above the body (``header``)
and below it (``trailer``). Publishers are matched against the reference knowledge; authors come
only from bylines and credit lines, never from the story.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from .cleaning import (
    BYLINE_RE,
    CREDIT_LINE_RE,
    EMAIL_RE,
    MONTH_PATTERN,
    CleanedDocument,
    byline_names,
    credit_tail,
    find_dateline,
    is_date_line,
    name_and_email,
    word_set,
)
from .knowledge import Knowledge, PublisherInfo
from .reading import RawDocument
from .result import ArticleMeta, DateBasis, FuzzyDate, Precision


def extract(raw: RawDocument, cleaned: CleanedDocument, knowledge: Knowledge) -> ArticleMeta:
    """Everything the page says about the article itself."""
    publisher = find_publisher(raw, cleaned, knowledge)
    title, subtitle = find_title(raw, cleaned, knowledge, publisher)
    published, reason = find_published(raw, cleaned)
    dateline = cleaned.dateline
    if dateline is None and cleaned.paragraphs:
        first = cleaned.paragraphs[0]
        dateline = find_dateline(cleaned.body[first.start : first.end])
    return ArticleMeta(
        title=title,
        subtitle=subtitle,
        publisher=publisher,
        authors=find_authors(raw, cleaned, knowledge),
        published=published,
        published_basis=DateBasis.STATED if published else None,
        published_reason=reason,
        dateline=place_name(dateline.place) if dateline else None,
        url=raw.page.url or None,
    )


def place_name(place: str) -> str:
    """A dateline place as a name: "WASHINGTON" -> "Washington", "NEW YORK" -> "New York"."""
    if not place.isupper():
        return place
    return " ".join("-".join(p.capitalize() for p in word.split("-")) for word in place.split())


# ---------------------------------------------------------------------------------------------
# Publisher


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


@lru_cache(maxsize=8)
def _index(publishers: tuple[PublisherInfo, ...]) -> _PublisherIndex:
    by_name: dict[str, PublisherInfo] = {}
    for publisher in publishers:
        for name in _publisher_names(publisher):
            by_name.setdefault(_without_article(_key(name)), publisher)
    by_name.pop("", None)
    ordered = sorted(by_name.items(), key=lambda item: -len(item[0]))
    return _PublisherIndex(by_name, tuple(ordered))


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


_SITE_NAME_LINES = (
    3  # a site's name heads the page; a kicker naming one further down does not count
)
_COPYRIGHT_HINT_RE = re.compile(r"©|\(c\)|ⓒ|copyright|all rights reserved", re.I)


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
            or by_url
        )
        return match.name if match else page.publisher
    found = (
        by_url
        or _publisher_in_lines(cleaned, knowledge)
        or _publisher_of_emails(cleaned, knowledge)
        or _publisher_of_dateline(cleaned, knowledge)
    )
    return found.name if found else None


def _publisher_in_lines(cleaned: CleanedDocument, knowledge: Knowledge) -> PublisherInfo | None:
    """A header line that is a publisher's name ("The Korea Herald"), or a title suffix
    ("... | The Korea Herald"), or a copyright credit naming one."""
    for line in cleaned.header[:_SITE_NAME_LINES]:
        if BYLINE_RE.match(line):
            continue
        found = publisher_named(line, knowledge) or publisher_named(
            _TITLE_SEPARATOR_RE.split(line)[-1], knowledge
        )
        if found:
            return found
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


def _publisher_of_dateline(cleaned: CleanedDocument, knowledge: Knowledge) -> PublisherInfo | None:
    agency = cleaned.dateline.agency if cleaned.dateline else None
    return publisher_named(agency, knowledge) if agency else None


# ---------------------------------------------------------------------------------------------
# Title and subtitle

_TITLE_SEPARATOR_RE = re.compile(r"\s+(?:[|｜·•:]{1,2}|[-–—]{1,2})\s+")
_SLUG_HYPHEN_RE = re.compile(r"[A-Za-z]-[A-Z]")
_MIN_TITLE_WORDS = 4
_GOOD_TITLE_WORDS = 5
_MAX_TITLE_WORDS = 30
_MAX_SLUG_WORDS = 6
_FALLBACK_TITLE_CHARS = 120
_MAX_SHORT_SKIPS = 2
_MIN_REPEATED_WORDS = 5  # a repeated short line is navigation ("Got a news tip?"), not a headline
# A sentence ends after a word of three lower-case letters or more ("said.", not "Gen." or "U.S.")
_SENTENCE_END_RE = re.compile(r"(?<=[a-z0-9)\"'”’]{3}[.!?])[\"'”’]?\s+(?=[\"'“‘A-Z])")
_ABBREVIATION_END_RE = re.compile(r"(?:\b[A-Z]\.){2,}$")


def find_title(
    raw: RawDocument, cleaned: CleanedDocument, knowledge: Knowledge, publisher: str | None
) -> tuple[str, str | None]:
    """The headline and, when the page has one, the subtitle under it."""
    site_names = _site_names(raw, knowledge, publisher)
    if raw.page.title:
        title = strip_site_name(raw.page.title, site_names)
        if title:
            return title, _subtitle_after(title, cleaned.header, site_names)
    title, subtitle = _title_from_header(cleaned.header, site_names)
    if title:
        return title, subtitle
    return _title_from_body(cleaned), None


def _site_names(raw: RawDocument, knowledge: Knowledge, publisher: str | None) -> set[str]:
    """Comparison keys of every name the page's site may go by, its web host's name among them
    ("entermedia" for www.entermedia.co.kr)."""
    names = set(_index(knowledge.publishers).by_name)
    for extra in (raw.page.publisher, publisher):
        if extra:
            names.add(_without_article(_key(extra)))
    host = urlsplit(raw.page.url).hostname if raw.page.url else None
    if host:
        labels = host.removeprefix("www.").split(".")
        names.add(labels[0])
    names.discard("")
    return names


def _is_site_name(text: str, site_names: set[str]) -> bool:
    key = _without_article(_key(text))
    return key in site_names or key.replace(" ", "") in site_names


def strip_site_name(title: str, site_names: set[str]) -> str:
    """The title without a site name at either end ("Title | The Korea Herald" -> "Title")."""
    text = title.strip()
    separators = list(_TITLE_SEPARATOR_RE.finditer(text))
    if separators and _is_site_name(text[separators[-1].end() :], site_names):
        text = text[: separators[-1].start()]
        separators.pop()
    if separators and _is_site_name(text[: separators[0].start()], site_names):
        text = text[separators[0].end() :]
    return text.strip()


def _is_meta_line(line: str) -> bool:
    """A byline, a date line or a credit: the anchor a headline sits above."""
    return (
        byline_names(line) is not None
        or is_date_line(line)
        or "@" in line
        and EMAIL_RE.search(line) is not None
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


def _candidates(header: list[str], site_names: set[str]) -> list[tuple[int, str]]:
    found = []
    for i, line in enumerate(header):
        text = strip_site_name(line, site_names)
        if headline_like(text) and not _is_site_name(text, site_names):
            found.append((i, text))
    return found


def _title_from_header(header: list[str], site_names: set[str]) -> tuple[str | None, str | None]:
    candidates = _candidates(header, site_names)
    if not candidates:
        return None, None
    repeated = _repeated_headline(candidates)
    if repeated:
        title, last = repeated
        return title, _subtitle_at(header, last + 1, site_names, title)
    # The headline sits right above the byline or date line, the subtitle between them; the
    # meta line nearest the body is the article's own (a top bar may carry today's date).
    candidate_ids = {i for i, _ in candidates}
    anchors = [i for i, line in enumerate(header) if _is_meta_line(line)]
    for anchor in reversed(anchors):
        run = _run_above(header, anchor, candidate_ids, site_names)
        if run:
            return (run[-2], run[-1]) if len(run) >= 2 else (run[0], None)
    good = [
        (i, t) for i, t in candidates if _word_count(t) >= _GOOD_TITLE_WORDS and not _is_slug(t)
    ]
    i, title = (good or [c for c in candidates if not _is_slug(c[1])] or candidates)[0]
    return title, _subtitle_at(header, i + 1, site_names, title)


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


def _run_above(
    header: list[str],
    anchor: int,
    candidate_ids: set[int],
    site_names: set[str],
) -> list[str]:
    """The headline lines directly above the anchor: meta lines in between are skipped, and so
    are a couple of short ones (an author's name without "By", an agency, a handle)."""
    run: list[str] = []
    skips = _MAX_SHORT_SKIPS
    i = anchor - 1
    while i >= 0:
        line = header[i]
        if i in candidate_ids and not _is_slug(line):
            run.insert(0, strip_site_name(line, site_names))
        elif _is_meta_line(line):
            pass
        elif not run and skips and _word_count(line) < _MIN_TITLE_WORDS:
            skips -= 1
        else:
            break
        i -= 1
    return run[-2:]


def _subtitle_at(header: list[str], i: int, site_names: set[str], title: str) -> str | None:
    """The line at ``i`` when it is a second headline before any byline."""
    if i >= len(header):
        return None
    line = strip_site_name(header[i], site_names)
    if (
        headline_like(line, _GOOD_TITLE_WORDS)
        and _key(line) != _key(title)
        and not _is_slug(line)
        and not _is_site_name(line, site_names)
    ):
        return line
    return None


def _subtitle_after(title: str, header: list[str], site_names: set[str]) -> str | None:
    """For a page whose title came from its metadata: the header line after that title."""
    keys = [_key(strip_site_name(line, site_names)) for line in header]
    key = _key(title)
    if key not in keys:
        return None
    last = len(keys) - 1 - keys[::-1].index(key)
    return _subtitle_at(header, last + 1, site_names, title)


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

_NAME_SPLIT_RE = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_NAME_TAIL_RE = re.compile(r"\s+(?:in|for|at|from)\s+[A-Z].*$")
_ROLE_WORDS = word_set(
    """
    reporter reporters writer writers correspondent correspondents editor editors staff
    contributor columnist bureau chief desk team analyst photographer producer
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
# An author's note closing the story: "Jane Doe is a senior political reporter at ...".
_AUTHOR_NOTE_RE = re.compile(
    r"^(?P<name>[A-Z][\w'’.-]{0,30}(?: [A-Z][\w'’.-]{0,30}){1,3}) is (?:a|an|the)\b"
)
_NAME_TOKEN_RE = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.)$")
_MAX_NAME_TOKENS = 5
_MAX_NAME_CHARS = 60


@dataclass(frozen=True)
class _Author:
    name: str
    email: str | None = None


def find_authors(raw: RawDocument, cleaned: CleanedDocument, knowledge: Knowledge) -> list[str]:
    """Authors from the page metadata, else from bylines and credit lines around the body.

    A trailer "Name e-mail" credit whose address matches a header byline is the same author
    under another name ("By Anna J. Park" ... "Park Ji-won annajpark@..."): listed once.
    """
    if raw.page.authors:
        names = [n for a in raw.page.authors for n in split_names(_strip_by(a), single_ok=True)]
        if names:
            return _dedupe(names)
    found: list[_Author] = []
    for line in cleaned.header:
        found.extend(_line_authors(line))
    for line in cleaned.trailer:
        for author in _line_authors(line):
            if not any(_same_author(author, known) for known in found):
                found.append(author)
    return _dedupe([a.name for a in found])


def _strip_by(text: str) -> str:
    match = BYLINE_RE.match(text.strip())
    return match.group("names") if match else text.strip()


def _line_authors(line: str) -> list[_Author]:
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


_CREDIT_SEGMENT_RE = re.compile(r"^(?:reporting|writing|written|reported|text)\s+by\s+(.+)$", re.I)


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

    Roles ("Staff Reporter") are dropped; a one-word name (an agency: "Yonhap", "AFP") is kept
    only when it stands alone (``single_ok``).
    """
    if "@" in text:
        text = EMAIL_RE.sub(" ", text)
    text = _BRACKETED_RE.sub(" ", text)
    parts = [p.strip(" .,:;|-–—") for p in _NAME_SPLIT_RE.split(text)]
    parts = [_NAME_TAIL_RE.sub("", p) for p in parts if p]
    names = [p for p in parts if not _is_role(p)]
    people = [_proper_case(n) for n in names if _is_name(n, single_ok and len(names) == 1)]
    return people


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

_YEAR = r"(?P<y>(?:19|20)\d{2})(?:(?=\d{1,2}:\d{2})|(?!\d))"
_MONTH = rf"(?P<mon>{MONTH_PATTERN})"
_DATE_PATTERNS = (
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})(?!\d)"),
    re.compile(
        r"(?P<y>(?:19|20)\d{2})\s*[년年]\s*(?P<m>\d{1,2})\s*[월月]\s*(?P<d>\d{1,2})\s*[일日]"
    ),
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}", re.I),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", re.I),
    re.compile(r"(?<![\d.])(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<y>(?:19|20)\d{2})(?!\d)"),
)
_PUBLISHED_LABEL_RE = re.compile(
    r"(?<![A-Za-z])(?:first\s+)?(?:published|posted|created|issued|released|dated?)"
    r"|입력|등록|게재|公開|掲載|配信",
    re.I,
)
_UPDATED_LABEL_RE = re.compile(
    r"(?<![A-Za-z])(?:last\s+)?(?:updated|modified|edited|revised|upd\b)|수정|更新", re.I
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_PUBLISHED, _PLAIN, _UPDATED = 0, 1, 2  # preference order of a stated date's label


def find_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every unambiguous full date in ``text`` as (start, end, date), in reading order.

    Numeric day/month orders are read only when they cannot be confused: "25/07/2024" is
    25 July, "07/10/2024" could be either and is skipped.
    """
    found: list[tuple[int, int, dt.date]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            day = _date_of(match)
            if day:
                found.append((*span, day))
                taken.append(span)
    return sorted(found)


def _date_of(match: re.Match) -> dt.date | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if groups.get("mon"):
        month = _MONTHS.get(groups["mon"].rstrip(".").casefold())
        day = int(groups["d"])
    elif groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        elif a == b:
            day = month = a
        else:
            return None
    else:
        month, day = int(groups["m"]), int(groups["d"])
    if month is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:  # 31 June and the like
        return None


def stated_dates(line: str) -> list[tuple[int, dt.date]]:
    """The dates a header line states, each with its label rank (published, plain, updated)."""
    out = []
    previous_end = 0
    for start, end, day in find_dates(line):
        before = line[previous_end:start]
        labels = [(m.start(), _UPDATED) for m in _UPDATED_LABEL_RE.finditer(before)]
        labels += [(m.start(), _PUBLISHED) for m in _PUBLISHED_LABEL_RE.finditer(before)]
        rank = max(labels)[1] if labels else _PLAIN
        out.append((rank, day))
        previous_end = end
    return out


def find_published(raw: RawDocument, cleaned: CleanedDocument) -> tuple[FuzzyDate | None, str]:
    """The publication date the page states, with a short reason; (None, "") when it states none.

    Only the page's metadata and its date, byline or credit lines count — dates in the story
    are for the dates stage to weigh.
    """
    if raw.page.published:
        days = find_dates(raw.page.published)
        if days:
            return FuzzyDate(days[0][2], Precision.DAY), (
                f"stated in the page metadata: '{raw.page.published}'"
            )
    # Header lines nearest the body first (a top bar may show today's date), then the trailer.
    lines = [*reversed(cleaned.header), *cleaned.trailer]
    best: tuple[int, int, dt.date, str] | None = None
    for order, line in enumerate(lines):
        if not (is_date_line(line) or byline_names(line) is not None):
            continue
        for rank, day in stated_dates(line):
            if best is None or (rank, order) < best[:2]:
                best = (rank, order, day, line)
    if best is None:
        return None, ""
    return FuzzyDate(best[2], Precision.DAY), f"stated on the page: '{best[3]}'"
