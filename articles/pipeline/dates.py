"""Stage 6a — dates: relative and partial dates resolved against the article's date.

Three layers:

* ``scan_dates`` finds date expressions ("July 9-11", "24 June 2024", "on Monday", "last month",
  "Tuesday last week", "in April last year", "on Sunday and Monday", "two days later") and
  records what they say without resolving them, including links between clauses ("three days
  after", "hours before"), which date nothing by themselves, and the "since" that makes a time
  a bound rather than a date;
* ``resolve``/``find_dates`` turn them into ``FuzzyDate``s against an anchor, normally the
  article's publication date;
* ``find_summit_mentions``/``choose_summit`` recognise references to known summits, which both
  the publication-date inference here and the events stage build on.

Conventions when resolving against an anchor (news style):

* a weekday is the most recent such day on or before the anchor, or the next one on or after it
  when the clause is about the future ("will", "is set to", "scheduled", "upcoming");
* a month or month-day without a year takes the anchor's year, or the previous year when that
  would put a past event more than ~2 months after the anchor (the next year for a future one
  more than ~2 months before it);
* an expression finer than the anchor ("on Monday", "yesterday", "last month" against an anchor
  known only to the month or year) resolves to the anchor itself at the anchor's precision:
  such expressions point within days or weeks of publication, so the anchor's period is the
  honest answer, except right at a period boundary;
* a chain ("the next day", "two weeks later", "hours later") counts from the date mentioned
  just before it, never finer than that date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from .knowledge import Knowledge, SummitInfo
from .result import ArticleMeta, DateBasis, FuzzyDate, Precision, Span

_ORDER = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}


@dataclass
class Inference:
    date: FuzzyDate | None
    basis: DateBasis | None
    reason: str

    def is_finer_than(self, other: FuzzyDate) -> bool:
        return self.date is not None and _ORDER[self.date.precision] > _ORDER[other.precision]


# --- vocabulary ---------------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


def _cased(words: Iterable[str]) -> str:
    """Title-case and upper-case forms: month and day names are capitalised in running text."""
    forms = [w.title() for w in words] + [w.upper() for w in words]
    return "|".join(sorted(set(forms), key=len, reverse=True))


_FULL_MONTHS = [m for m, n in MONTHS.items() if len(m) > 4 or m in ("may", "june", "july")]
_ABBR_MONTHS = [m for m in MONTHS if m not in _FULL_MONTHS]
_MFULL = rf"(?:{_cased(_FULL_MONTHS)})(?![A-Za-z])"
_M = rf"(?:{_cased(_FULL_MONTHS + _ABBR_MONTHS)})(?![A-Za-z])\.?"
_WD = rf"(?:{_cased(WEEKDAYS)})(?![A-Za-z])"
_DAY = r"[0-3]?\d(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_RANGE = r"\s*(?:-|–|—|to|through|until|and)\s*"

_MD_RE = re.compile(
    rf"\b(?P<m1>{_M})\s+(?P<d1>{_DAY})"
    rf"(?:{_RANGE}(?:(?P<m2>{_M})\s+)?(?P<d2>{_DAY}))?"
    rf"(?:,?\s+(?P<y>{_YEAR}))?"
)
_DM_RE = re.compile(
    rf"(?<![\d.,:])\b(?P<d1>{_DAY})(?:{_RANGE}(?P<d2>{_DAY}))?"
    rf"\s+(?:of\s+)?(?P<m1>{_M})(?:,?\s+(?P<y>{_YEAR}))?"
)
_MY_RE = re.compile(rf"\b(?P<m1>{_M})\s+(?:of\s+)?(?P<y>{_YEAR})")
_ISO_RE = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
_MONTH_RE = re.compile(
    r"\b(?P<pre>(?i:in|since|until|till|by|for|during|from|through|throughout|before|after"
    r"|early|late|mid|last|next|this|of|between|and|around))[\s-]+"
    rf"(?:(?P<mod>early|late|mid)[\s-]+)?(?P<m1>{_MFULL})(?!\s*\d)"
)
# "Kim's June summit": a bare month directly qualifying an event noun.
_MONTH_NOUN_RE = re.compile(
    rf"(?<='s )(?P<m1>{_MFULL})(?=\s+(?:summit|meeting|talks|visit|trip|launch|election))"
)
_YEAR_RE = re.compile(
    r"\b(?P<pre>(?i:in|since|of|from|until|till|through|by|during|for|the|early|late|mid"
    r"|before|after|between|and|to|around|year|a|an))[\s-]+"  # "a 2018 agreement"
    rf"(?P<y>{_YEAR})(?![\d%]|s\b|[-–]\d|\s*percent|\s+[a-z]{{3,}}s\b)"  # not "2000 troops"
)
_WEEKDAY_RE = re.compile(
    rf"\b(?:(?P<rel>(?i:last|next|this|coming))\s+)?(?P<wd>{_WD})(?:'s)?"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"(?:\s+(?:of\s+)?(?P<week>(?i:last|next|this))\s+week\b)?"  # "Tuesday last week"
    r"(?P<lt>\s*\((?:local|[\w.]+(?: [\w.]+)?) time\)|\s+local time|\s*\((?:KST|EST|EDT|GMT)\))?"
)
_RELATIVE_RE = re.compile(
    r"(?i:\b(?:(?P<mod>earlier|later|early|late|mid)[\s-]+)?(?P<rel>last|this|next|coming)"
    r"\s+(?P<unit>week|month|year)\b)"
)
_DAY_WORD_RE = re.compile(
    r"(?i:\b(?P<w>yesterday|today|tomorrow|tonight|last\s+night"
    r"|this\s+(?:morning|afternoon|evening))\b)"
)
_DAY_WORD_OFFSETS = {
    "yesterday": -1, "last": -1, "today": 0, "tonight": 0, "this": 0, "tomorrow": 1,
}  # fmt: skip
# "The next day", "two days later", "hours earlier": counted from the date mentioned just before.
_CHAIN_RE = re.compile(
    r"(?i:\b(?P<same>(?:earlier|later)\s+(?:in|on)\s+(?:the|that)\s+day|later\s+that\s+day"
    r"|(?:on\s+)?(?:the|that)\s+same\s+day)\b"  # "earlier in the day": the day just mentioned
    r"|\bthe\s+(?P<w>previous|following|next|prior)\s+day\b"
    r"|\b(?:the|a)\s+day\s+(?P<w3>before|after)\b(?!\s+[\w\"“'‘])"  # "... the day before."
    r"|\b(?P<n>an?|\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|several|a\s+few|few|some)?\s*(?P<unit>hours?|days?|weeks?|months?|years?)"
    r"\s+(?P<w2>earlier|later)\b)"
)
# "three days after the vote", "hours before the summit", "seven months after": a link between
# the clause before (dated from what follows) and the one after (dated from what precedes).
_LINK_RE = re.compile(
    r"(?i:\b(?P<q>(?:just|only|barely|less\s+than|more\s+than|about|some|nearly|almost"
    r"|roughly)\s+)?(?P<n>an?|the|\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|several|a\s+few|few)?\s*(?P<unit>hours?|days?|weeks?|months?|years?)"
    r"\s+(?P<dir>after|before)\s+(?=[\w\"“'‘]))"
)
# "since taking office last year": the time bounds the sentence's event, it does not date it.
_SINCE_BEFORE_RE = re.compile(r"(?i:\bsince)\s+(?:[\w'’-]+\s+){0,6}$")
# "in April last year": a month placed by a relative year.
_YEAR_SUFFIX_RE = re.compile(r",?\s+(?P<rel>(?i:last|this|next))\s+year\b")
_AGO_RE = re.compile(
    r"(?i:\b(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"\s+(?P<unit>day|week|month|year)s?\s+ago\b)"
)

# Words that put a clause in the future; "would" is left out (reported speech is often past).
_FUTURE_RE = re.compile(
    r"\b(?:will|shall|won't|set to|scheduled|upcoming|slated|expected to|plans? to|planning to"
    r"|due to|to be held|forthcoming|ahead of|preview(?:ing)?"
    r"|(?:flies|travels|heads|leaves|departs)\s+(?:on\s+)?(?:to|for))\b",  # news present: future
    re.I,
)
# Where a clause of the sentence ends, looking back: quotation marks, semicolons, speech verbs.
_CLAUSE_BREAK_RE = re.compile(r"[\"“”;]|\b(?:said|says|told|added)\b")
_PAST_VERB_BEFORE_RE = re.compile(
    r"(?:\b(?P<aux>be|been|being)\s+)?\b(?P<verb>said|told|met|held|made|began|took|gave|sent|saw"
    r"|went|came|spoke|wrote|left|signed|[a-z]+ed)\s+(?:on\s+)?$",
    re.I,
)


# --- fast matching ------------------------------------------------------------------------------


@lru_cache(maxsize=32)
def lowered(body: str) -> str:
    """``body`` in lower case with every offset kept (for cheap keyword searches)."""
    low = body.lower()
    if len(low) == len(body):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in body)


def near(
    regex: re.Pattern,
    body: str,
    keywords: Iterable[str],
    back: int = 30,
    ahead: int = 80,
) -> list[re.Match]:
    """Matches of ``regex`` around occurrences of lower-case ``keywords`` only.

    Patterns that start with ``\\b`` and an alternation are slow to run over a whole article;
    looking only where a keyword occurs keeps a stage to a few milliseconds.
    """
    low = lowered(body)
    hits = []
    for keyword in keywords:
        position = low.find(keyword)
        while position >= 0:
            hits.append(position)
            position = low.find(keyword, position + 1)
    windows: list[list[int]] = []
    for hit in sorted(hits):
        start, end = max(0, hit - back), min(len(body), hit + ahead)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    return [m for start, end in windows for m in regex.finditer(body, start, end)]


# --- sentences and quotations -------------------------------------------------------------------

_ABBREVIATIONS = frozenset(
    re.findall(
        r"\w+",
        "mr mrs ms dr prof gen lt col maj capt sgt adm rep sen gov pres st jr sr no nos vol vs inc "
        "co corp ltd jan feb mar apr jun jul aug sep sept oct nov dec mt ft rev hon",
    )
)
_BOUNDARY_RE = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n+")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z.]+)$")


def paragraph_spans(body: str) -> list[Span]:
    """Paragraphs are separated by blank lines (the cleaning stage's contract)."""
    return list(_paragraphs(body))


@lru_cache(maxsize=32)
def _paragraphs(body: str) -> tuple[Span, ...]:
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n", body):
        if body[start : match.start()].strip():
            spans.append(Span(start, match.start()))
        start = match.end()
    if body[start:].strip():
        spans.append(Span(start, len(body)))
    return tuple(spans)


def sentence_spans(body: str) -> list[Span]:
    """Sentences as spans; a period after an abbreviation or an initial is not a boundary."""
    return list(_sentences(body))


@lru_cache(maxsize=32)
def _sentences(body: str) -> tuple[Span, ...]:
    spans, start = [], 0
    for match in _BOUNDARY_RE.finditer(body):
        if match.group().startswith(".") and _is_abbreviation(body, match.start()):
            continue
        end = match.end() if not match.group().startswith("\n") else match.start()
        if body[start:end].strip():
            spans.append(_trimmed(body, start, end))
        start = match.end()
    if body[start:].strip():
        spans.append(_trimmed(body, start, len(body)))
    return tuple(spans)


def _is_abbreviation(body: str, dot: int) -> bool:
    word = _WORD_BEFORE_RE.search(body[max(0, dot - 12) : dot])
    if not word:
        return False
    token = word.group(1)
    # "U.S.", "D.C.", initials such as "J." and "S. Korea" are not sentence ends.
    return "." in token or len(token) == 1 or token.lower() in _ABBREVIATIONS


def _trimmed(body: str, start: int, end: int) -> Span:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return Span(start, end)


def quote_regions(body: str) -> list[Span]:
    """Spans inside quotation marks; an unclosed quote runs to the end of its paragraph."""
    return list(_quotes(body))


_QUOTE_MARK_RE = re.compile(r'[“”"]')


@lru_cache(maxsize=32)
def _quotes(body: str) -> tuple[Span, ...]:
    regions: list[Span] = []
    for para in _paragraphs(body):
        opened: int | None = None
        for mark in _QUOTE_MARK_RE.finditer(body, para.start, para.end):
            char, i = mark.group(), mark.start()
            if opened is None and char in '“"':
                opened = i + 1
            elif opened is not None and char in '”"':
                regions.append(Span(opened, i))
                opened = None
        if opened is not None:
            regions.append(Span(opened, para.end))
    return tuple(regions)


def inside(position: int, regions: list[Span]) -> Span | None:
    """The region (sorted, not overlapping) that holds ``position``."""
    i = bisect_right(regions, position, key=_start) - 1
    return regions[i] if i >= 0 and regions[i].start <= position < regions[i].end else None


def containing(spans: list[Span], position: int) -> Span | None:
    return inside(position, spans)


def between(items: list, start: int, end: int, key=None) -> list:
    """The items (sorted by start) that start in ``[start, end)``."""
    key = key or _start
    return items[bisect_left(items, start, key=key) : bisect_left(items, end, key=key)]


def _start(span: Span) -> int:
    return span.start


# --- scanning -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateExpression:
    """A date expression as written, not yet resolved against any anchor."""

    span: Span
    text: str
    kind: str  # "date", "month", "year", "weekday", "relative", "day", "chain", "ago"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    weekday: int | None = None  # 0 = Monday
    unit: str | None = None  # relative/ago: "day", "week", "month", "year"
    offset: int = 0  # relative: -1 last, 0 this, +1 next; "ago": minus the count
    rel: str | None = None  # "last"/"next"/"this" before a weekday or a bare month
    prefix: str | None = None  # the preposition before a bare month or year: "in", "since", ...
    local_time: bool = False  # "Wednesday (local time)"
    future: bool = False  # the clause is about the future
    end_weekday: int | None = None  # "on Sunday and Monday"
    week: int | None = None  # "Tuesday last week": -1, "Tuesday next week": +1
    year_shift: int | None = None  # "in April last year": -1
    vague: bool = False  # "days later", "less than a month after": the count is not exact
    direction: int = 0  # link: +1 "after", -1 "before"
    since_at: int | None = None  # where "since" opens the clause that bounds this time

    @property
    def yearless(self) -> bool:
        return self.kind in ("date", "month") and self.year is None and self.year_shift is None


@dataclass(frozen=True)
class DateMention:
    span: Span
    text: str
    start: FuzzyDate
    end: FuzzyDate | None
    expression: DateExpression


def _month(token: str) -> int:
    return MONTHS[token.rstrip(".").lower()]


def _day(token: str | None) -> int | None:
    return int(re.match(r"\d+", token).group()) if token else None


def _from_calendar(match: re.Match, kind: str) -> dict | None:
    groups = match.groupdict()
    fields = {"kind": kind, "month": _month(groups["m1"])}
    if groups.get("y"):
        fields["year"] = int(groups["y"])
    if kind == "date":
        fields["day"] = _day(groups["d1"])
        end_day = _day(groups.get("d2"))
        end_month = _month(groups["m2"]) if groups.get("m2") else fields["month"]
        if end_day and (end_month, end_day) > (fields["month"], fields["day"]) and end_day <= 31:
            fields.update(end_day=end_day, end_month=end_month)
        elif end_day:
            return None  # "July 9 and 32 members": not a range, let the plain pattern retry
        if not 1 <= fields["day"] <= 31:
            return None
    return fields


_MONTH_KEYS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_YEAR_KEYS = ("19", "20")


def _calendar_matches(body: str) -> Iterable[tuple[re.Match, dict]]:
    for regex, kind, back, ahead in (
        (_MD_RE, "date", 2, 40),
        (_DM_RE, "date", 18, 30),
        (_MY_RE, "month", 2, 30),
    ):
        for match in near(regex, body, _MONTH_KEYS, back, ahead):
            fields = _from_calendar(match, kind)
            if fields is None and kind == "date":
                fields, match = _single_day(body, match, regex)
            if fields:
                yield match, fields
    for match in near(_ISO_RE, body, _YEAR_KEYS, 2, 12):
        month, day = int(match["m"]), int(match["d"])
        if 1 <= month <= 12 and 1 <= day <= 31:
            yield match, {"kind": "date", "year": int(match["y"]), "month": month, "day": day}


def _single_day(body: str, match: re.Match, regex: re.Pattern) -> tuple[dict | None, re.Match]:
    """Retry a failed range ("July 9 and 32") as the single day it starts with."""
    single = re.compile(rf"\b(?P<m1>{_M})\s+(?P<d1>{_DAY})")
    if regex is _MD_RE:
        again = single.match(body, match.start())
        if again:
            fields = {"kind": "date", "month": _month(again["m1"]), "day": _day(again["d1"])}
            if 1 <= fields["day"] <= 31:
                return fields, again
    return None, match


def _other_matches(body: str) -> Iterable[tuple[re.Match, dict]]:
    """(match, fields) for the non-calendar forms: bare months and years, weekdays, relatives."""
    for match in near(_MONTH_RE, body, _MONTH_KEYS, 22, 15):
        pre = match["pre"].lower()
        rel = pre if pre in ("last", "next", "this") else None
        yield match, {"kind": "month", "month": _month(match["m1"]), "rel": rel, "prefix": pre}
    for match in near(_MONTH_NOUN_RE, body, _MONTH_KEYS, 2, 40):
        yield match, {"kind": "month", "month": _month(match["m1"])}
    for match in near(_YEAR_RE, body, _YEAR_KEYS, 22, 12):
        yield match, {"kind": "year", "year": int(match["y"]), "prefix": match["pre"].lower()}
    for match in near(_WEEKDAY_RE, body, ("day",), 20, 40):
        if _CONVERSION_RE.search(body[max(0, match.start() - 12) : match.start()]):
            continue  # "(2230 GMT Monday)" converts a time, it dates nothing new
        rel = match["rel"].lower() if match["rel"] else None
        fields = {"kind": "weekday", "weekday": WEEKDAYS.index(match["wd"].lower()), "rel": rel}
        fields["local_time"] = bool(match["lt"])
        if match["week"]:
            fields["week"] = {"last": -1, "this": 0, "next": 1}[match["week"].lower()]
        yield match, fields
    for match in near(_RELATIVE_RE, body, ("week", "month", "year"), 25, 10):
        offset = {"last": -1, "this": 0, "next": 1, "coming": 1}[match["rel"].lower()]
        yield match, {"kind": "relative", "unit": match["unit"].lower(), "offset": offset}
    day_words = ("yesterday", "today", "tomorrow", "tonight", "night", "this ")
    for match in near(_DAY_WORD_RE, body, day_words, 6, 16):
        offset = _DAY_WORD_OFFSETS[match["w"].split()[0].lower()]
        yield match, {"kind": "day", "unit": "day", "offset": offset}
    for match in near(_CHAIN_RE, body, ("day", "later", "earlier"), 25, 20):
        yield match, _chain_fields(match)
    for match in near(_LINK_RE, body, (" after ", " before "), 40, 12):
        yield match, _link_fields(match)
    for match in near(_AGO_RE, body, (" ago",), 25, 6):
        count = match["n"].lower()
        number = int(count) if count.isdigit() else _NUMBER_WORDS[count]
        yield match, {"kind": "ago", "unit": match["unit"].lower(), "offset": -number}


def _count(match: re.Match) -> tuple[str, int, bool]:
    """Unit, count and vagueness of "three days", "hours", "a few weeks", "less than a month"."""
    unit = match["unit"].lower().rstrip("s")
    word = (match["n"] or "").lower()
    vague = not word or word in ("several", "a few", "few", "some")
    qualifier = (match.groupdict().get("q") or "").split()
    if qualifier and qualifier[0].lower() not in ("just", "only", "barely"):
        vague = True  # "less than a month after": not a count to shift by
    if unit == "hour":
        return "day", 0, False  # "hours later": the same day, near enough
    if word.isdigit():
        return unit, int(word), vague
    return unit, _NUMBER_WORDS.get(word, 1), vague


def _chain_fields(match: re.Match) -> dict:
    if match["same"]:
        return {"kind": "chain", "unit": "day", "offset": 0}
    word = match["w"] or match["w3"]
    if word:  # "the next day", "the previous day", "the day before"
        offset = -1 if word.lower() in ("previous", "prior", "before") else 1
        return {"kind": "chain", "unit": "day", "offset": offset}
    unit, count, vague = _count(match)
    sign = -1 if match["w2"].lower() == "earlier" else 1
    return {"kind": "chain", "unit": unit, "offset": sign * count, "vague": vague}


def _link_fields(match: re.Match) -> dict:
    unit, count, vague = _count(match)
    direction = 1 if match["dir"].lower() == "after" else -1
    return {"kind": "link", "unit": unit, "offset": count, "vague": vague, "direction": direction}


_CONVERSION_RE = re.compile(r"\d{1,2}:?\d{2}\s*(?:GMT|UTC|ET|EST|EDT|KST|JST)\s+$")


# Prepositions kept out of an expression's text: "in 2022" is written "2022".
_LEADING_WORD_RE = re.compile(
    r"^(?i:in|since|of|from|until|till|through|throughout|by|during|for|the|before|after"
    r"|between|and|to|around|year|a|an)[\s-]+"
)


def scan_dates(body: str) -> list[DateExpression]:
    """Every date expression in ``body``, in text order, without overlaps (longest wins)."""
    return list(_scan(body))


@lru_cache(maxsize=32)
def _scan(body: str) -> tuple[DateExpression, ...]:
    candidates: list[tuple[int, int, dict]] = []
    for match, fields in _calendar_matches(body):
        candidates.append((match.start(), _with_year_suffix(body, match.end(), fields), fields))
    for match, fields in _other_matches(body):
        start = match.start()
        lead = _LEADING_WORD_RE.match(match.group())
        if lead and fields["kind"] in ("month", "year"):
            start += lead.end()
        candidates.append((start, _with_year_suffix(body, match.end(), fields), fields))
    candidates = sorted(
        set(map(_frozen, candidates)), key=lambda c: (c[0], -(c[1] - c[0]), str(c[2]))
    )
    candidates = [(start, end, dict(fields)) for start, end, fields in candidates]
    chosen: list[tuple[int, int, dict]] = []
    for start, end, fields in candidates:
        if chosen and start < chosen[-1][1]:
            continue
        chosen.append((start, end, fields))
    chosen = _merge_weekday_ranges(body, _merge_weekday_dates(body, chosen))
    sentences = sentence_spans(body)
    return tuple(_expression(body, start, end, fields, sentences) for start, end, fields in chosen)


def _with_year_suffix(body: str, end: int, fields: dict) -> int:
    """Extend a yearless month or date over "last year"/"this year" that places it."""
    if fields["kind"] not in ("date", "month") or fields.get("year") or fields.get("rel"):
        return end
    suffix = _YEAR_SUFFIX_RE.match(body, end)
    if suffix is None:
        return end
    fields["year_shift"] = {"last": -1, "this": 0, "next": 1}[suffix["rel"].lower()]
    return suffix.end()


def _frozen(candidate: tuple[int, int, dict]) -> tuple[int, int, tuple]:
    start, end, fields = candidate
    return start, end, tuple(sorted(fields.items()))


_WEEKDAY_JOIN_RE = re.compile(r"^(?:,\s*|\s+|\s*\(\s*)(?:the\s+)?$")


def _merge_weekday_dates(
    body: str, chosen: list[tuple[int, int, dict]]
) -> list[tuple[int, int, dict]]:
    """Join "Wednesday, July 10" and "Tuesday (31 January 2023)" into one date (weekday kept)."""
    merged: list[tuple[int, int, dict]] = []
    i = 0
    while i < len(chosen):
        start, end, fields = chosen[i]
        if fields["kind"] == "weekday" and i + 1 < len(chosen):
            n_start, n_end, n_fields = chosen[i + 1]
            if n_fields["kind"] == "date" and _WEEKDAY_JOIN_RE.match(body[end:n_start]):
                if body[end:n_start].strip().startswith("(") and body[n_end : n_end + 1] == ")":
                    n_end += 1
                combined = dict(n_fields, weekday=fields["weekday"])
                combined["local_time"] = fields.get("local_time", False)
                merged.append((start, n_end, combined))
                i += 2
                continue
        merged.append((start, end, fields))
        i += 1
    return merged


_WEEKDAY_RANGE_RE = re.compile(r"^\s*(?:and|to|through|until|-|–)\s*$")


def _merge_weekday_ranges(
    body: str, chosen: list[tuple[int, int, dict]]
) -> list[tuple[int, int, dict]]:
    """Join "on Sunday and Monday", "from Tuesday to Thursday" into one weekday with an end."""
    merged: list[tuple[int, int, dict]] = []
    for start, end, fields in chosen:
        if merged and fields["kind"] == "weekday" and not fields.get("rel"):
            p_start, p_end, p_fields = merged[-1]
            simple = p_fields["kind"] == "weekday" and "end_weekday" not in p_fields
            if simple and not p_fields.get("rel") and _WEEKDAY_RANGE_RE.match(body[p_end:start]):
                merged[-1] = (p_start, end, dict(p_fields, end_weekday=fields["weekday"]))
                continue
        merged.append((start, end, fields))
    return merged


def _expression(
    body: str, start: int, end: int, fields: dict, sentences: list[Span]
) -> DateExpression:
    sentence = containing(sentences, start)
    floor = sentence.start if sentence else 0
    future = is_future(body, start, floor)
    since = _since_at(body, start, floor, fields)
    return DateExpression(
        span=Span(start, end), text=body[start:end], future=future, since_at=since, **fields
    )


def _since_at(body: str, start: int, floor: int, fields: dict) -> int | None:
    """Where "since" opens the clause ending at a time ("since 2019", "since taking office last
    year"); such a time bounds the sentence's event rather than dating it."""
    if fields.get("prefix") == "since":
        return max(floor, start - 6)
    before = _SINCE_BEFORE_RE.search(body, max(floor, start - 60), start)
    return before.start() if before is not None and before.end() == start else None


def is_future(body: str, position: int, floor: int = 0) -> bool:
    """Whether the clause leading up to ``position`` speaks of the future."""
    before = body[max(floor, position - 120) : position]
    breaks = list(_CLAUSE_BREAK_RE.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    verb = _PAST_VERB_BEFORE_RE.search(before)
    if verb and not verb["aux"]:
        return False
    return bool(_FUTURE_RE.search(before))


# --- resolving ----------------------------------------------------------------------------------


def period(value: FuzzyDate) -> tuple[dt.date, dt.date]:
    """First and last day covered by a fuzzy date."""
    day = value.value
    if value.precision is Precision.DAY:
        return day, day
    if value.precision is Precision.MONTH:
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def month_date(year: int, month: int) -> FuzzyDate:
    return FuzzyDate(dt.date(year, month, 1), Precision.MONTH)


def day_date(value: dt.date) -> FuzzyDate:
    return FuzzyDate(value, Precision.DAY)


def year_date(year: int) -> FuzzyDate:
    return FuzzyDate(dt.date(year, 1, 1), Precision.YEAR)


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_SLACK = dt.timedelta(days=62)


def _year_for(month: int, day: int | None, anchor: FuzzyDate, future: bool) -> int:
    """The year of a yearless month(-day) mentioned in an article dated ``anchor``."""
    first, last = period(anchor)
    year = anchor.value.year
    earliest = _safe_date(year, month, day or 1) or dt.date(year, month, 1)
    latest = earliest if day else month_end(year, month)
    if not future and earliest > last + _SLACK:
        return year - 1
    if future and latest < first - _SLACK:
        return year + 1
    return year


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def resolve(
    expr: DateExpression, anchor: FuzzyDate | None, previous: FuzzyDate | None = None
) -> tuple[FuzzyDate | None, FuzzyDate | None]:
    """Start and optional end of ``expr`` against ``anchor`` (see the module's conventions);
    a chain ("the next day", "two weeks later") counts from ``previous``, the date before it."""
    if expr.kind == "link":
        return None, None  # not a date: the events stage relates the clauses around it
    if expr.kind == "date":
        return _resolve_date(expr, anchor)
    if expr.kind == "month":
        return _resolve_month(expr, anchor), None
    if expr.kind == "year":
        return year_date(expr.year), None
    if expr.kind == "chain":
        base = previous or (anchor if anchor and anchor.precision is Precision.DAY else None)
        if base is None:
            return None, None
        return shift(base, expr.unit, expr.offset, vague=expr.vague), None
    if anchor is None:
        return None, None
    if expr.kind == "weekday":
        return _resolve_weekday(expr, anchor)
    return _resolve_relative(expr, anchor)


def shift(value: FuzzyDate, unit: str, count: int, *, vague: bool = False) -> FuzzyDate:
    """``value`` moved by ``count`` days/weeks/months/years, no finer than what is known:
    "two days after" a month is still that month; a vague count keeps only the month."""
    precision = value.precision
    if unit in ("day", "week"):
        if precision is not Precision.DAY:
            return value
        moved = value.value + dt.timedelta(days=count * (7 if unit == "week" else 1))
        return month_date(moved.year, moved.month) if vague else day_date(moved)
    if unit == "month":
        if precision is Precision.YEAR:
            return value
        year, month = _shift_month(value.value.year, value.value.month, count)
        return month_date(year, month)
    return year_date(value.value.year + count)


def _resolve_date(
    expr: DateExpression, anchor: FuzzyDate | None
) -> tuple[FuzzyDate | None, FuzzyDate | None]:
    year = expr.year
    if year is None:
        if anchor is None:
            return None, None
        year = _year_for(expr.month, expr.day, anchor, expr.future)
        if expr.year_shift is not None:  # "on March 3 last year"
            year = anchor.value.year + expr.year_shift
    start = _safe_date(year, expr.month, expr.day)
    if start is None:
        return None, None
    end = None
    if expr.end_day:
        end_year = year + 1 if expr.end_month < expr.month else year
        end_value = _safe_date(end_year, expr.end_month, expr.end_day)
        end = day_date(end_value) if end_value else None
    return day_date(start), end


def _resolve_month(expr: DateExpression, anchor: FuzzyDate | None) -> FuzzyDate | None:
    if expr.year:
        return month_date(expr.year, expr.month)
    if anchor is None:
        return None
    if expr.year_shift is not None:  # "in April last year"
        return month_date(anchor.value.year + expr.year_shift, expr.month)
    if expr.rel in ("last", "next") and anchor.precision is not Precision.YEAR:
        year, anchor_month = anchor.value.year, anchor.value.month
        if expr.rel == "last":
            return month_date(year if expr.month < anchor_month else year - 1, expr.month)
        return month_date(year if expr.month > anchor_month else year + 1, expr.month)
    return month_date(_year_for(expr.month, None, anchor, expr.future), expr.month)


def _resolve_weekday(expr: DateExpression, anchor: FuzzyDate) -> tuple[FuzzyDate, FuzzyDate | None]:
    if anchor.precision is not Precision.DAY:
        return anchor, None
    start = _weekday_day(expr, anchor.value)
    if expr.end_weekday is None:
        return day_date(start), None
    length = (expr.end_weekday - expr.weekday) % 7
    return day_date(start), day_date(start + dt.timedelta(days=length))


def _weekday_day(expr: DateExpression, today: dt.date) -> dt.date:
    if expr.week is not None:  # "Tuesday last week": that weekday of the week named
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=expr.week)
        return monday + dt.timedelta(days=expr.weekday)
    back = (today.weekday() - expr.weekday) % 7
    ahead = (expr.weekday - today.weekday()) % 7
    if expr.rel == "last":
        return today - dt.timedelta(days=back or 7)
    if expr.rel in ("next", "coming"):
        return today + dt.timedelta(days=ahead or 7)
    if expr.future:
        return today + dt.timedelta(days=ahead)
    return today - dt.timedelta(days=back)


def _resolve_relative(
    expr: DateExpression, anchor: FuzzyDate
) -> tuple[FuzzyDate | None, FuzzyDate | None]:
    unit, offset = expr.unit, expr.offset
    if unit == "year":
        return year_date(anchor.value.year + offset), None
    if anchor.precision is Precision.YEAR:
        return anchor, None  # finer than the anchor: the anchor's year is all we know
    if unit == "month":
        year, month = _shift_month(anchor.value.year, anchor.value.month, offset)
        return month_date(year, month), None
    if anchor.precision is Precision.MONTH:
        return anchor, None
    today = anchor.value
    if unit == "day":
        return day_date(today + dt.timedelta(days=offset)), None
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=offset)
    sunday = monday + dt.timedelta(days=6)
    if expr.kind == "ago":
        return month_date(monday.year, monday.month), None
    first = month_date(monday.year, monday.month)
    last = month_date(sunday.year, sunday.month)
    return first, (last if last != first else None)


def find_dates(body: str, anchor: FuzzyDate | None) -> list[DateMention]:
    """Dates in ``body`` resolved against ``anchor``; unresolvable expressions are left out."""
    return resolve_all(scan_dates(body), anchor)


def resolve_all(expressions: list[DateExpression], anchor: FuzzyDate | None) -> list[DateMention]:
    mentions: list[DateMention] = []
    previous: FuzzyDate | None = None
    for expr in expressions:
        start, end = resolve(expr, anchor, previous)
        if start is None:
            continue
        mentions.append(DateMention(expr.span, expr.text, start, end, expr))
        if expr.prefix not in BOUND_PREFIXES:  # "since 2019" is no point to count from
            previous = end or start
    return mentions


# --- datelines ----------------------------------------------------------------------------------

_DATELINE_RE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Za-z.'\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.]{1,15})?),\s+"
    rf"(?:(?P<wd>{_WD}),?\s+)?"
    rf"(?:(?P<m1>{_M})\s+(?P<d1>{_DAY})|(?P<d2>{_DAY})\s+(?P<m2>{_M}))"
    rf"(?:,?\s+(?P<y>{_YEAR}))?"
    r"\s*(?:\([^()\n]{1,40}\)|/[^/\n]{1,40}/)?\s*(?:--|—|–|-|:)",
    re.M,
)


@dataclass(frozen=True)
class Dateline:
    span: Span
    place: str
    month: int
    day: int
    year: int | None
    text: str  # the date as written: "June 24"


def parse_dateline(body: str) -> Dateline | None:
    """The dateline opening the body: "WASHINGTON, June 24 (Yonhap) --", "Canberra, 12 July:"."""
    match = _DATELINE_RE.search(body[:400])
    if not match:
        return None
    month = _month(match["m1"] or match["m2"])
    day = _day(match["d1"] or match["d2"])
    if not 1 <= day <= 31:
        return None
    year = int(match["y"]) if match["y"] else None
    text_start = match.start("m1") if match["m1"] else match.start("d2")
    text_end = match.end("y") if match["y"] else max(match.end("d1"), match.end("m2"))
    return Dateline(
        span=Span(match.start("place"), match.end()),
        place=match["place"].strip(),
        month=month,
        day=day,
        year=year,
        text=body[text_start:text_end],
    )


# --- summit references --------------------------------------------------------------------------

_SUMMIT_WORD_RE = re.compile(r"\b(?:[Ss]ummit|SUMMIT)(?:s|S)?\b|\b(?P<weak>meeting|gathering)\b")
_NOT_REFERENCE_AFTER_RE = re.compile(r"^\s+(?:with|between)\b")
_NOT_REFERENCE_BEFORE_RE = re.compile(
    r"(?:\b(?:bilateral|trilateral|two-way|one-on-one|inter-Korean|[Kk]orea-U\.?S\.?)"
    r"|[A-Z][\w.]*[-–][A-Z][\w.]*)\s+(?:[\w-]+\s+)?$"
)
_POSSESSOR_RE = re.compile(r"([A-Z][\w.-]*)'s\s+(?:[\w-]+\s+){0,2}$")
_ACRONYM_BEFORE_RE = re.compile(r"\b([A-Z][A-Z0-9+-]{1,6})(?:'s)?\s+(?:[\w-]+\s+)?$")
# How a phrase places a summit in time: adjectives first ("the latest", "the upcoming"), then
# the verbs of its clause ("set to take place", "held").
_REL_WORDS = (
    ("latest", re.compile(
        r"\b(?:latest|most recent|last(?!\s+(?:week|month|year|[A-Z]?[a-z]+day)\b))\b", re.I)),
    ("past", re.compile(r"\b(?:previous|past|prior|earlier)\b", re.I)),
    ("future", re.compile(r"\b(?:upcoming|forthcoming|next|coming)\b", re.I)),
    ("future", re.compile(
        r"\b(?:set to|scheduled|slated|to be held|will|ahead of|preview(?:ing)?|invited to)\b",
        re.I)),
    ("past", re.compile(r"\b(?:held|took place|hosted)\b", re.I)),
)  # fmt: skip
_AT_RE = re.compile(
    r"\b(?:during|at|on the (?:sidelines|margins) of|present at|participat\w* in)\s+"
    r"(?:(?:the|a|this|that|its|their|[\w-]+'s)\s+)?(?:[\w-]+\s+){0,3}$",
    re.I,
)
# A place beyond a quotation mark, a semicolon or a new clause of speech is not the summit's.
_GAP_BREAK_RE = re.compile(r"[\"“”;]|\b(?:said|says|told|added|where|which|who)\b")
_TIME_WORD_POSSESSORS = frozenset(
    ["week", "month", "year", "today", "yesterday", "tomorrow"]
    + [m.title() for m in MONTHS]
    + [w.title() for w in WEEKDAYS]
)


@dataclass(frozen=True)
class SummitMention:
    """A phrase referring to a known summit: "the NATO summit in Washington next month"."""

    span: Span  # from the trigger (or a place before it) to the last place or time it owns
    trigger: Span  # "summit", "summits" or the alias
    sentence: Span
    candidates: tuple[SummitInfo, ...]  # known summits consistent with what is written
    times: tuple[DateExpression, ...]  # time expressions the phrase owns
    relation: str | None  # "future", "latest", "past" or None
    at: bool  # "during/at/on the sidelines of" the summit, which has begun
    in_quote: bool
    bare: bool  # no place and no alias: only the organisation and maybe a time
    weak: bool = False  # "the meeting in The Hague": a summit only if the dates agree


@dataclass(frozen=True)
class _Place:
    span: Span
    slugs: frozenset[str]


def _word_regex(forms: Iterable[str], flags: int = 0) -> re.Pattern | None:
    unique = sorted({f for f in forms if f}, key=len, reverse=True)
    if not unique:
        return None
    alternation = "|".join(re.escape(f) for f in unique)
    return re.compile(r"(?<![\w])(?:" + alternation + r")(?![\w])", flags)


def _place_table(knowledge: Knowledge) -> tuple[re.Pattern | None, dict[str, frozenset[str]]]:
    """Every way of naming a summit's place (city, host country, "the U.S. capital")."""
    table: dict[str, set[str]] = {}
    for summit in knowledge.summits:
        for form in _city_forms(summit.city):
            table.setdefault(form, set()).add(summit.slug)
        country = knowledge.country(summit.country)
        if country is None:
            continue
        for name in (*country.names, *country.demonyms, *country.capitals):
            for form in (f"{name} capital", f"{name}'s capital"):
                table.setdefault(form, set()).add(summit.slug)
        for form in country.names:
            table.setdefault(form, set()).add(summit.slug)
    frozen = {form: frozenset(slugs) for form, slugs in table.items()}
    return _word_regex(frozen), frozen


def _city_forms(city: str) -> list[str]:
    forms = [city, city.split(",")[0].strip()]
    if city.startswith("The "):
        forms += ["the " + city[4:], city[4:]]
    forms += [part for part in re.split(r"[-–]", city) if len(part) > 3 and part != city]
    return forms


def _organization_forms(knowledge: Knowledge, code: str) -> list[str]:
    organization = knowledge.organization(code)
    forms = [code]
    if organization:
        forms += [organization.name, *organization.aliases]
    return [f for f in forms if len(f) > 1]


@dataclass(frozen=True)
class _SummitTables:
    """Regexes built from the knowledge once, not per article."""

    place_regex: re.Pattern | None
    places: dict[str, frozenset[str]]
    alias_regex: re.Pattern | None
    org_forms: dict[str, list[str]]
    org_regex: dict[str, re.Pattern | None]
    all_org_forms: frozenset[str]


_TABLES: dict[int, tuple[Knowledge, _SummitTables]] = {}


def _summit_tables(knowledge: Knowledge) -> _SummitTables:
    cached = _TABLES.get(id(knowledge))
    if cached is not None and cached[0] is knowledge:
        return cached[1]
    place_regex, places = _place_table(knowledge)
    codes = {s.organization for s in knowledge.summits}
    org_forms = {code: _organization_forms(knowledge, code) for code in codes}
    tables = _SummitTables(
        place_regex=place_regex,
        places=places,
        alias_regex=_word_regex((a for s in knowledge.summits for a in (*s.aliases, s.name)), re.I),
        org_forms=org_forms,
        org_regex={code: _word_regex(forms) for code, forms in org_forms.items()},
        all_org_forms=frozenset(f for forms in org_forms.values() for f in forms),
    )
    if len(_TABLES) > 8:
        _TABLES.clear()
    _TABLES[id(knowledge)] = (knowledge, tables)  # the reference keeps the id from being reused
    return tables


def find_summit_mentions(
    body: str, knowledge: Knowledge, expressions: list[DateExpression] | None = None
) -> list[SummitMention]:
    """Phrases referring to summits in ``knowledge``, filtered by what they state explicitly.

    A mention needs the summit word (or an alias), the organisation named nearby, and either a
    place, a time or the organisation directly qualifying it ("the NATO summit"). Summits between
    named leaders ("a summit with Kishida", "the Putin-Kim summit") are not references.
    """
    if not knowledge.summits:
        return []
    key = (body, id(knowledge))
    cached = _MENTIONS.get(key)
    if cached is not None and cached[0] is knowledge:
        return list(cached[1])
    expressions = scan_dates(body) if expressions is None else expressions
    context = _MentionContext(body, knowledge, expressions)
    mentions: list[SummitMention] = []
    for sentence in context.sentences:
        if context.worth_reading(sentence):
            mentions.extend(context.in_sentence(sentence))
    if len(_MENTIONS) > 16:
        _MENTIONS.clear()
    _MENTIONS[key] = (knowledge, tuple(mentions))
    return mentions


# A real sentence names a handful of summits; a hostile one must not cost quadratic time.
_MAX_WORDS_PER_SENTENCE = 12

# The publication-date inference and the events stage both ask for an article's mentions.
_MENTIONS: dict[tuple[str, int], tuple[Knowledge, tuple[SummitMention, ...]]] = {}


class _MentionContext:
    """Per-document tables for summit-mention detection."""

    def __init__(self, body: str, knowledge: Knowledge, expressions: list[DateExpression]):
        self.body = body
        self.knowledge = knowledge
        self.expressions = expressions
        self.sentences = sentence_spans(body)
        self.paragraphs = paragraph_spans(body)
        self.quotes = quote_regions(body)
        tables = _summit_tables(knowledge)
        self.place_regex, self.places = tables.place_regex, tables.places
        self.alias_regex = tables.alias_regex
        self.org_forms, self.org_regex = tables.org_forms, tables.org_regex
        self.all_org_forms = tables.all_org_forms
        # Whole-body passes, bucketed by sentence later: one regex run instead of one a sentence.
        self.org_memo: dict[Span, set[str]] = {}
        self.words = list(_SUMMIT_WORD_RE.finditer(body))
        self.alias_hits = list(self.alias_regex.finditer(body)) if self.alias_regex else []
        self.place_hits = list(self.place_regex.finditer(body)) if self.place_regex else []

    def _expressions_in(self, start: int, end: int) -> list[DateExpression]:
        return between(self.expressions, start, end, key=_expression_start)

    def worth_reading(self, sentence: Span) -> bool:
        return bool(self._hits(self.words, sentence) or self._hits(self.alias_hits, sentence))

    @staticmethod
    def _hits(matches: list[re.Match], sentence: Span) -> list[re.Match]:
        return between(matches, sentence.start, sentence.end, key=re.Match.start)

    def in_sentence(self, sentence: Span) -> list[SummitMention]:
        aliases = self._aliases(sentence)
        mentions = list(aliases)
        taken = [m.trigger for m in aliases]
        places = self._places(sentence)
        for word in self._hits(self.words, sentence)[:_MAX_WORDS_PER_SENTENCE]:
            trigger = Span(word.start(), word.end())
            if any(t.start <= trigger.start < t.end for t in taken):
                continue
            if not self._is_reference_phrase(trigger, sentence):
                continue
            found = self._word_mentions(trigger, sentence, places)
            if word.group("weak"):
                found = [replace(m, weak=True) for m in found if not m.bare]
            elif word.group().lower().endswith("s"):
                found = [m for m in found if not m.bare]  # "NATO summits": no one summit
            mentions.extend(found)
        return mentions

    def _aliases(self, sentence: Span) -> list[SummitMention]:
        found = []
        for match in self._hits(self.alias_hits, sentence)[:_MAX_WORDS_PER_SENTENCE]:
            span = Span(match.start(), match.end())
            alias = match.group().casefold()
            candidates = tuple(
                s
                for s in self.knowledge.summits
                if alias in {a.casefold() for a in (*s.aliases, s.name)}
            )
            times = self._times_near(span, sentence)
            candidates = _filter_explicit(candidates, times)
            if candidates:
                found.append(self._mention(span, span, sentence, candidates, times, bare=False))
        return found

    def _places(self, sentence: Span) -> list[_Place]:
        raw = [
            _Place(Span(m.start(), m.end()), self.places[m.group()])
            for m in self._hits(self.place_hits, sentence)
            if m.end() <= sentence.end
        ]
        merged: list[_Place] = []
        for place in raw:
            gap = self.body[merged[-1].span.end : place.span.start] if merged else None
            if gap is not None and re.fullmatch(r",\s*", gap):
                shared = merged[-1].slugs & place.slugs
                if shared:  # "Vilnius, Lithuania" is one place
                    merged[-1] = _Place(Span(merged[-1].span.start, place.span.end), shared)
                    continue
            merged.append(place)
        return merged

    def _is_reference_phrase(self, trigger: Span, sentence: Span) -> bool:
        after = self.body[trigger.end : min(sentence.end, trigger.end + 12)]
        before = self.body[max(sentence.start, trigger.start - 40) : trigger.start]
        if _NOT_REFERENCE_AFTER_RE.match(after) or _NOT_REFERENCE_BEFORE_RE.search(before):
            return False
        possessor = _POSSESSOR_RE.search(before)
        if possessor and possessor.group(1) not in _TIME_WORD_POSSESSORS:
            name = possessor.group(1)
            if name not in self.all_org_forms and name not in self.places:
                return False
        return True

    def _word_mentions(
        self, trigger: Span, sentence: Span, places: list[_Place]
    ) -> list[SummitMention]:
        codes = self._organizations_in_context(trigger, sentence)
        if not codes:
            return []
        owned = self._owned_places(trigger, places)
        if _SUMMIT_WORD_RE.match(self.body, trigger.start)["weak"]:
            owned = [
                p for p in owned if _WEAK_GAP_RE.fullmatch(self.body[trigger.end : p.span.start])
            ]
        # Only times near the word can be the summit's (and long sentences stay cheap).
        low, high = max(sentence.start, trigger.start - 150), min(sentence.end, trigger.end + 250)
        times = [e for e in self._expressions_in(low, high) if _identifies(e)]
        if not owned:
            return self._bare_mention(trigger, sentence, codes, times)
        assigned = _assign_times(owned, times)
        mentions = []
        for place, place_times in zip(owned, assigned, strict=True):
            candidates = tuple(
                s
                for s in self.knowledge.summits
                if s.slug in place.slugs and s.organization in codes
            )
            candidates = _filter_explicit(candidates, place_times)
            if not candidates:
                continue
            span = Span(
                min(trigger.start, place.span.start),
                max([place.span.end, trigger.end] + [t.span.end for t in place_times]),
            )
            mentions.append(
                self._mention(span, trigger, sentence, candidates, place_times, bare=False)
            )
        return mentions

    def _owned_places(self, trigger: Span, places: list[_Place]) -> list[_Place]:
        """The place just before the word ("the Vilnius summit"), or the first one after it
        and those listed with it ("summits held in Spain in 2022 and Lithuania last year")."""
        before = [
            p
            for p in places
            if p.span.end <= trigger.start
            and _PLACE_BEFORE_GAP_RE.fullmatch(self.body[p.span.end : trigger.start])
        ]
        if before:
            return before[-1:]
        owned: list[_Place] = []
        previous_end = trigger.end
        for place in (p for p in places if p.span.start >= trigger.end):
            gap = self.body[previous_end : place.span.start]
            limit = 30 if owned else 100
            if len(gap) > limit or _GAP_BREAK_RE.search(gap):
                break
            if owned and not re.search(r",|\band\b|\bor\b", gap):
                break
            owned.append(place)
            previous_end = place.span.end
        return owned

    def _bare_mention(
        self, trigger: Span, sentence: Span, codes: set[str], times: list[DateExpression]
    ) -> list[SummitMention]:
        near = [t for t in times if -30 <= t.span.start - trigger.start <= 60]
        qualifier = self.body[max(sentence.start, trigger.start - 30) : trigger.start]
        qualified = any(
            re.search(rf"{re.escape(f)}(?:'s)?\s+(?:[\w'’-]+\s+)?$", qualifier)
            for code in codes
            for f in self.org_forms[code]
        )
        if not qualified and not near:
            return []
        candidates = tuple(s for s in self.knowledge.summits if s.organization in codes)
        candidates = _filter_explicit(candidates, near)
        if not candidates:
            return []
        span = Span(
            min([trigger.start] + [t.span.start for t in near]),
            max([trigger.end] + [t.span.end for t in near]),
        )
        return [self._mention(span, trigger, sentence, candidates, near, bare=True)]

    def _organizations_in_context(self, trigger: Span, sentence: Span) -> set[str]:
        """Organisations whose summits the phrase may mean: named before the word or nearby."""
        before = self.body[max(sentence.start, trigger.start - 30) : trigger.start]
        acronym = _ACRONYM_BEFORE_RE.search(before)
        word = acronym.group(1) if acronym else None
        if word and word not in self.all_org_forms and word not in self.places:
            return set()  # "the G20 summit" when only NATO and G7 summits are known
        direct = {
            code
            for code, forms in self.org_forms.items()
            if any(before.rstrip().endswith((f, f + "'s")) for f in forms)
        }
        if direct:
            return direct
        return self._organizations_near(containing(self.paragraphs, trigger.start) or sentence)

    def _organizations_near(self, paragraph: Span) -> set[str]:
        """Organisations named in the paragraph or the one before it."""
        if paragraph not in self.org_memo:
            index = bisect_left(self.paragraphs, paragraph.start, key=_start)
            scope_start = self.paragraphs[index - 1].start if index > 0 else paragraph.start
            scope = self.body[scope_start : paragraph.end]
            self.org_memo[paragraph] = {
                code for code, regex in self.org_regex.items() if regex and regex.search(scope)
            }
        return self.org_memo[paragraph]

    def _times_near(self, span: Span, sentence: Span) -> list[DateExpression]:
        return [
            e
            for e in self._expressions_in(max(sentence.start, span.start - 30), sentence.end)
            if _identifies(e)
            and -30 <= e.span.start - span.start <= len(self.body[span.start : span.end]) + 40
        ]

    def _mention(
        self,
        span: Span,
        trigger: Span,
        sentence: Span,
        candidates: tuple[SummitInfo, ...],
        times: list[DateExpression],
        *,
        bare: bool,
    ) -> SummitMention:
        before = self.body[max(sentence.start, trigger.start - 60) : span.start]
        tight = self._masked(max(sentence.start, trigger.start - 25), span.end, times)
        relation = _relation(tight)
        if relation is None:
            window = self._masked(max(sentence.start, trigger.start - 60), span.end, times)
            if is_future(self.body, trigger.start, sentence.start):
                relation = "future"
            else:
                relation = _relation(window)
        return SummitMention(
            span=span,
            trigger=trigger,
            sentence=sentence,
            candidates=candidates,
            times=tuple(times),
            relation=relation,
            at=relation != "future" and bool(_AT_RE.search(before)),
            in_quote=inside(trigger.start, self.quotes) is not None,
            bare=bare,
        )

    def _masked(self, start: int, end: int, times: list[DateExpression]) -> str:
        """Text with the phrase's own time expressions blanked ("last year" is not "latest")."""
        chars = list(self.body[start:end])
        for t in times:
            for i in range(max(t.span.start, start), min(t.span.end, end)):
                chars[i - start] = " "
        return "".join(chars)


# "the Vilnius summit", "the Washington NATO summit", "Madrid's 2022 summit"
_PLACE_BEFORE_GAP_RE = re.compile(
    r"(?:'s)?\s+(?:for\s+the\s+|at\s+the\s+)?(?:(?:[A-Z0-9][\w'’.-]*|leaders['’]?)\s+){0,3}"
)
# "the meeting in The Hague", "a gathering at the NATO headquarters in Brussels"
_WEAK_GAP_RE = re.compile(r"\s+(?:[\w'’-]+\s+){0,4}?(?:in|at)\s+(?:the\s+)?")


def _relation(text: str) -> str | None:
    """Whether the words around a summit mention make it upcoming, the latest or a past one."""
    return next((relation for relation, regex in _REL_WORDS if regex.search(text)), None)


def _expression_start(expr: DateExpression) -> int:
    return expr.span.start


def _identifies(expr: DateExpression) -> bool:
    """Whether a time can say which summit is meant: not a weekday, not "since 2022"."""
    return expr.kind != "weekday" and expr.prefix not in BOUND_PREFIXES


BOUND_PREFIXES = frozenset(["since", "from", "until", "till", "by", "before", "after"])


def _assign_times(places: list[_Place], times: list[DateExpression]) -> list[list[DateExpression]]:
    """Give each time expression to the nearest place within 80 characters."""
    assigned: list[list[DateExpression]] = [[] for _ in places]
    for expr in times:
        best, best_gap = None, 81
        for i, place in enumerate(places):
            if expr.span.start >= place.span.end:
                gap = expr.span.start - place.span.end
            else:
                gap = place.span.start - expr.span.end + 1  # a time after its place wins ties
            if 0 <= gap < best_gap:
                best, best_gap = i, gap
        if best is not None:
            assigned[best].append(expr)
    return assigned


def _filter_explicit(
    candidates: tuple[SummitInfo, ...], times: Iterable[DateExpression]
) -> tuple[SummitInfo, ...]:
    """Keep the summits consistent with the explicit years, months and days of ``times``."""
    for expr in times:
        candidates = tuple(s for s in candidates if _explicit_fits(s, expr))
    return candidates


def _explicit_fits(summit: SummitInfo, expr: DateExpression) -> bool:
    if expr.year is not None and not summit.start.year <= expr.year <= summit.end.year:
        return False
    if expr.month is not None and not summit.start.month <= expr.month <= summit.end.month:
        return False
    if expr.kind == "date" and expr.day is not None and expr.month == summit.start.month:
        last = expr.end_day or expr.day
        return expr.day <= summit.end.day and last >= summit.start.day
    return True


def choose_summit(mention: SummitMention, anchor: FuzzyDate | None) -> SummitInfo | None:
    """The one summit a mention means, given the article's date (or none when unsure)."""
    candidates = list(mention.candidates)
    if anchor is None:
        if mention.weak and not mention.times:
            return None
        return candidates[0] if len(candidates) == 1 else None
    for expr in mention.times:
        readings = _readings(expr, anchor)
        if readings:
            candidates = [s for s in candidates if any(_overlaps(s, r) for r in readings)]
    first, last = period(anchor)
    if mention.relation == "future":
        candidates = [s for s in candidates if s.end >= first]
    elif mention.relation in ("latest", "past"):
        candidates = [s for s in candidates if s.start <= last]
    if mention.weak and not mention.times:
        # "the two-day meeting in The Hague" is the summit only if the article is from then
        candidates = [
            s
            for s in candidates
            if s.start - dt.timedelta(days=3) <= last and first <= s.end + dt.timedelta(days=7)
        ]
    if not candidates:
        return None
    if mention.relation == "future":
        return min(candidates, key=lambda s: s.start)
    if mention.relation == "latest":
        return max(candidates, key=lambda s: s.start)
    return _nearest(candidates, anchor, mention)


def _readings(expr: DateExpression, anchor: FuzzyDate) -> list[tuple[dt.date, dt.date]]:
    """The periods a time may mean; a yearless date is read both as past and as future."""
    options = [expr, replace(expr, future=not expr.future)] if expr.yearless else [expr]
    readings = []
    for option in options:
        start, end = resolve(option, anchor)
        if start is not None:
            readings.append((period(start)[0], period(end or start)[1]))
    return readings


def _overlaps(summit: SummitInfo, reading: tuple[dt.date, dt.date]) -> bool:
    return summit.start <= reading[1] and summit.end >= reading[0]


def _nearest(
    candidates: list[SummitInfo], anchor: FuzzyDate, mention: SummitMention
) -> SummitInfo | None:
    middle = anchor.value if anchor.precision is Precision.DAY else _middle(anchor)
    best = min(candidates, key=lambda s: abs((s.start - middle).days))
    if mention.times or len(candidates) == 1 and not mention.bare:
        return best
    gap = (best.start - middle).days
    # An unqualified "the NATO summit" means one that is near: upcoming or just held.
    limit_before, limit_after = (-30, 120) if mention.bare else (-550, 550)
    if anchor.precision is not Precision.DAY:
        limit_before, limit_after = limit_before - 190, limit_after + 190
    return best if limit_before <= gap <= limit_after else None


def _middle(value: FuzzyDate) -> dt.date:
    first, last = period(value)
    return first + (last - first) / 2


# --- publication date inference -----------------------------------------------------------------

_MIN, _MAX = dt.date.min, dt.date.max
Interval = tuple[dt.date, dt.date]


@dataclass
class _Constraint:
    alternatives: list[Interval]
    reason: str
    convention_only: bool = False  # rests only on the AP habit of dropping the current year


def _intersect(a: list[Interval], b: list[Interval]) -> list[Interval]:
    out = []
    for lo1, hi1 in a:
        for lo2, hi2 in b:
            lo, hi = max(lo1, lo2), min(hi1, hi2)
            if lo <= hi:
                out.append((lo, hi))
    return sorted(set(out))


def _days(date: dt.date, days: int) -> dt.date:
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return _MIN if days < 0 else _MAX


def _year_interval(year: int) -> Interval:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _month_interval(year: int, month: int, offset: int = 0) -> Interval:
    year, month = _shift_month(year, month, offset)
    return dt.date(year, month, 1), month_end(year, month)


def _describe_summit(summit: SummitInfo) -> str:
    if summit.start == summit.end:
        return f"{summit.name} ({summit.start.isoformat()})"
    return f"{summit.name} ({summit.start.isoformat()}..{summit.end.isoformat()})"


def _summit_interval(
    summit: SummitInfo, mention: SummitMention, knowledge: Knowledge
) -> tuple[Interval, list[str]] | None:
    """Where the article date must lie if ``mention`` means ``summit``; None if unconstrained."""
    low, high, said = _MIN, _MAX, []
    for expr in mention.times:
        bound = _time_bound(summit, expr)
        if bound:
            low, high = max(low, bound[0]), min(high, bound[1])
            said.append(f"'{expr.text}'")
    if mention.relation == "future":
        low, high = max(low, _days(summit.start, -400)), min(high, _days(summit.start, -1))
        said.append("upcoming")
    elif mention.relation in ("latest", "past"):
        low = max(low, _days(summit.end, 1))
        said.append("past" if mention.relation == "past" else "the latest")
        if mention.relation == "latest":
            later = [
                s.start
                for s in knowledge.summits
                if s.organization == summit.organization and s.start > summit.end
            ]
            if later:
                high = min(high, _days(min(later), -1))
    if low == _MIN and high == _MAX:
        return None
    return (low, high), said


def _time_bound(summit: SummitInfo, expr: DateExpression) -> Interval | None:
    """The article-date interval implied by a time expression attached to a summit."""
    year, month = summit.start.year, summit.start.month
    if expr.kind == "relative":
        if expr.unit == "year":
            return _year_interval(year - expr.offset)
        if expr.unit == "month":
            return _month_interval(year, month, -expr.offset)
        monday = summit.start - dt.timedelta(days=summit.start.weekday())
        monday -= dt.timedelta(weeks=expr.offset)
        return monday, monday + dt.timedelta(days=6)
    if expr.kind == "day":
        return _days(summit.start, -expr.offset), _days(summit.end, -expr.offset)
    if expr.yearless:
        if expr.future:
            return _days(summit.start, -300), _days(summit.start, -1)
        # AP style drops the year only for dates in the current year.
        return _year_interval(year)
    return None


def _explicit_lower_bounds(expressions: list[DateExpression]) -> list[tuple[dt.date, str]]:
    """Past dates stated with a year: the article was written no earlier."""
    bounds = []
    for expr in expressions:
        if expr.year is None or expr.future or expr.prefix in ("by", "until", "till", "before"):
            continue
        start, _ = resolve(expr, None)
        if start is not None:
            bounds.append((period(start)[0], expr.text))
    return bounds


def _explicit_plans(expressions: list[DateExpression]) -> list[tuple[dt.date, str]]:
    """Future days stated with a year ("will meet on 6 August 2024")."""
    plans = []
    for expr in expressions:
        if expr.kind == "date" and expr.year is not None and expr.future:
            start, _ = resolve(expr, None)
            if start is not None:
                plans.append((start.value, expr.text))
    return plans


class _Feasible:
    """The dates the article may have been published on, narrowed constraint by constraint."""

    def __init__(self) -> None:
        self.intervals: list[Interval] = [(_MIN, _MAX)]
        self.reasons: list[str] = []

    def apply(self, alternatives: list[Interval], reason: str) -> bool:
        narrowed = _intersect(self.intervals, alternatives)
        if not narrowed:
            return False  # contradicts what we already have: ignore the weaker evidence
        if narrowed != self.intervals:
            self.intervals = narrowed
            if reason:
                self.reasons.append(reason)
        return True

    @property
    def low(self) -> dt.date:
        return self.intervals[0][0]

    @property
    def high(self) -> dt.date:
        return self.intervals[-1][1]

    def contains(self, day: dt.date) -> bool:
        return any(lo <= day <= hi for lo, hi in self.intervals)

    def bounded(self) -> bool:
        return self.low != _MIN and self.high != _MAX


def _summit_constraints(mentions: list[SummitMention], knowledge: Knowledge) -> list[_Constraint]:
    constraints = []
    for mention in mentions:
        if mention.weak:
            continue
        alternatives, reasons = [], []
        for summit in mention.candidates:
            found = _summit_interval(summit, mention, knowledge)
            if found is None:
                alternatives = []
                break  # one reading leaves the date open: the mention says nothing certain
            interval, said = found
            alternatives.append(interval)
            reasons.append(f"{_describe_summit(summit)} referred to as {', '.join(said)}")
        if alternatives:
            reason = reasons[0] if len(reasons) == 1 else " or ".join(reasons)
            convention = mention.relation is None and all(t.yearless for t in mention.times)
            constraints.append(_Constraint(alternatives, reason, convention))
    return constraints


def _width(constraint: _Constraint) -> tuple[bool, int]:
    widest = max(
        (hi - lo).days if lo != _MIN and hi != _MAX else 10**6 for lo, hi in constraint.alternatives
    )
    return constraint.convention_only, widest


def _pinned_days(
    mentions: list[SummitMention], expressions: list[DateExpression]
) -> list[tuple[dt.date, str]]:
    """A weekday in a sentence about a summit names the one such day of the summit."""
    weekdays = [e for e in expressions if e.kind == "weekday" and not e.future and not e.rel]
    starts = [e.span.start for e in weekdays]
    pinned: dict[dt.date, str] = {}
    seen: set[tuple[str, Span]] = set()
    for mention in mentions:
        if len(mention.candidates) != 1 or mention.relation == "future" or mention.weak:
            continue
        summit = mention.candidates[0]
        if (summit.slug, mention.sentence) in seen:
            continue
        seen.add((summit.slug, mention.sentence))
        first = bisect_left(starts, mention.sentence.start)
        last = bisect_left(starts, mention.sentence.end)
        for expr in weekdays[first:last]:
            days = [d for d in _summit_days(summit) if d.weekday() == expr.weekday]
            if len(days) == 1:
                reason = f"'{expr.text}' during {_describe_summit(summit)} is {days[0].isoformat()}"
                pinned.setdefault(days[0], reason)
    return list(pinned.items())


def _summit_days(summit: SummitInfo) -> list[dt.date]:
    return [
        summit.start + dt.timedelta(days=i) for i in range((summit.end - summit.start).days + 1)
    ]


def infer_publication(body: str, meta: ArticleMeta, knowledge: Knowledge) -> Inference:
    """Work out when an article was published from its dateline and what it refers to.

    First a dateline's month and day, with the year from the dateline, from the known summits
    the text refers to, or from the weekdays it uses; otherwise the finest date the references
    pin down. Returns ``Inference(None, None, "")`` when nothing supports a date.
    """
    expressions = scan_dates(body)
    mentions = find_summit_mentions(body, knowledge, expressions)
    feasible = _Feasible()
    if meta.published is not None:
        feasible.apply([period(meta.published)], f"the page states {meta.published}")
    # Tightest first, so the reason names the references that actually decide the date.
    constraints = sorted(_summit_constraints(mentions, knowledge), key=_width)
    for constraint in constraints:
        feasible.apply(constraint.alternatives, constraint.reason)
    bounds = _explicit_lower_bounds(expressions)
    latest_bound = max(bounds, default=None)
    if latest_bound:
        feasible.apply([(latest_bound[0], _MAX)], "")
    for day, text in _explicit_plans(expressions):
        # "will meet on 6 August 2024": written within the year before
        feasible.apply([(_days(day, -365), day)], f"'{text}' is still to come")
    dateline = parse_dateline(body)
    if dateline:
        found = _from_dateline(dateline, feasible, expressions, body)
        if found:
            return found
    pinned = [(d, r) for d, r in _pinned_days(mentions, expressions) if feasible.contains(d)]
    if len({d for d, _ in pinned}) == 1:
        # News convention: a weekday names a day of the past week, so the article is from then.
        day, reason = pinned[0]
        feasible.apply([(day, day + dt.timedelta(days=6))], reason)
    lead = _lead_day(feasible, expressions, body)
    if lead is not None:
        day, reason = lead
        return Inference(day_date(day), DateBasis.INFERRED, "; ".join([*feasible.reasons, reason]))
    if len({d for d, _ in pinned}) == 1:
        day = pinned[0][0]
        return Inference(day_date(day), DateBasis.INFERRED, "; ".join(feasible.reasons))
    return _from_feasible(feasible, latest_bound)


def _lead_day(
    feasible: _Feasible, expressions: list[DateExpression], body: str
) -> tuple[dt.date, str] | None:
    """Within a known week, the weekday the lead reports ("said Saturday") is the news day."""
    if not feasible.bounded() or (feasible.high - feasible.low).days > 6:
        return None
    for expr in _lead_weekdays(expressions, body):
        days = [
            feasible.low + dt.timedelta(days=i)
            for i in range((feasible.high - feasible.low).days + 1)
            if (feasible.low + dt.timedelta(days=i)).weekday() == expr.weekday
        ]
        if len(days) == 1:
            return days[0], f"'{expr.text}' in the lead is {days[0].isoformat()}"
    return None


def _from_feasible(feasible: _Feasible, latest_bound: tuple[dt.date, str] | None) -> Inference:
    reason = "; ".join(feasible.reasons)
    if feasible.bounded():
        low, high = feasible.low, feasible.high
        if (low.year, low.month) == (high.year, high.month):
            return Inference(month_date(low.year, low.month), DateBasis.INFERRED, reason)
        if low.year == high.year:
            return Inference(year_date(low.year), DateBasis.INFERRED, reason)
        return Inference(None, None, "")
    if latest_bound and feasible.high == _MAX:
        day, text = latest_bound
        why = f"the latest date the text refers to is '{text}' ({day.year})"
        return Inference(year_date(day.year), DateBasis.INFERRED, "; ".join(filter(None, [why])))
    return Inference(None, None, "")


def _lead_weekdays(expressions: list[DateExpression], body: str) -> list[DateExpression]:
    """Weekdays of the first two paragraphs that speak of the past: the day of the news."""
    paragraphs = paragraph_spans(body)
    limit = paragraphs[min(1, len(paragraphs) - 1)].end if paragraphs else len(body)
    return [
        e
        for e in expressions
        if e.kind == "weekday" and e.span.start < limit and not e.future and e.rel is None
    ]


def _weekday_score(day: dt.date, weekdays: list[DateExpression]) -> tuple[int, str]:
    """3 when the lead's first weekday is the dateline day, 2 when a later one is, 1 when one is
    the day before (time zones)."""
    best, text = 0, ""
    for index, expr in enumerate(weekdays):
        if day.weekday() == expr.weekday:
            return (3 if index == 0 else 2), expr.text
        if (day - dt.timedelta(days=1)).weekday() == expr.weekday and best < 1:
            best, text = 1, expr.text
    return best, text


def _from_dateline(
    dateline: Dateline, feasible: _Feasible, expressions: list[DateExpression], body: str
) -> Inference | None:
    label = f"dateline '{dateline.text}'"
    if dateline.year:
        value = _safe_date(dateline.year, dateline.month, dateline.day)
        return Inference(day_date(value), DateBasis.DATELINE, label) if value else None
    if feasible.bounded():
        years = range(feasible.low.year, feasible.high.year + 1)
    elif feasible.low != _MIN:
        # only a lower bound ("a 2018 agreement"): the lead's weekday must single out one year
        # of the few after it
        years = range(feasible.low.year, feasible.low.year + 7)
    else:
        return None
    days = [
        d
        for y in years
        if (d := _safe_date(y, dateline.month, dateline.day)) and feasible.contains(d)
    ]
    if not days:
        return None
    weekdays = _lead_weekdays(expressions, body)
    scored = sorted(((_weekday_score(d, weekdays), d) for d in days), key=lambda x: -x[0][0])
    (score, said), day = scored[0]
    unique = len(days) == 1 and feasible.bounded()
    if not unique and (score == 0 or (len(scored) > 1 and scored[1][0][0] == score)):
        return None  # several years fit and the weekdays cannot tell them apart
    parts = [label]
    if feasible.reasons:
        parts.append(f"year {day.year} from " + "; ".join(feasible.reasons))
    if score >= 2:
        parts.append(f"{day.isoformat()} was a {day.strftime('%A')}, as '{said}' in the lead says")
    elif score == 1:
        parts.append(f"{day.isoformat()} was the day after '{said}' in the lead (time zones)")
    if not unique:
        parts.append(f"the only year from {years[0]} where the weekday fits")
    return Inference(day_date(day), DateBasis.DATELINE, "; ".join(parts))
