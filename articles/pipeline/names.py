"""Stage 4 — names: countries, organisations and people, with every mention's span.

Matching runs on a *folded* copy of the body (diacritics stripped, curly apostrophes, odd hyphens
and odd spaces made plain) that has exactly the body's length, so its offsets are the body's.

Countries and organisations are looked up in knowledge, longest form first and case-sensitive
(so "us" is not the US); a capital counts as its country only where it stands for the government
("Seoul urged", "Moscow-Pyongyang"), not where it is a place ("in Seoul"). People are either
known (a knowledge name or alias, compared by a spelling-tolerant key) or discovered from a person
context: a title before the name, an appositive role after it, a speech verb, or the shape of a
Korean name. Short mentions (a family name) and role references ("the NATO chief") are then
resolved to the people the article introduces. The vocabulary of titles is ``knowledge.titles``
(fixtures/knowledge/titles.json); grammar words live here.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .knowledge import KNOWLEDGE_DIR, Knowledge, PersonInfo
from .result import (
    ArticleMeta,
    CountryResult,
    NamesResult,
    OrganizationResult,
    PersonResult,
    Span,
)

__all__ = ["find_names", "fold", "name_key", "slugify"]

# ---------------------------------------------------------------------------------------------
# Grammar


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_MONTHS = _wordset(
    "january february march april may june july august september october november december"
)
_WEEKDAYS = _wordset("monday tuesday wednesday thursday friday saturday sunday")
# Words before a capital that make it a place rather than the government it stands for.
_PLACE_WORDS = _wordset(
    "in at to from near into onto toward towards via outside inside across around throughout "
    "within visit visits visited visiting arrive arrives arrived arriving reach reached reaching "
    "landed of off"
)
# "from Moscow" is a place after a verb of motion ("returned from"), else the government
# ("support from Moscow").
_MOTION_WORDS = _wordset(
    "came come comes coming returned return returns returning flew fly flies flying travelled "
    "traveled travel travels travelling traveling arrived departed left fled moved back away "
    "home withdrew withdrawn driven drove evacuated expelled relocated"
)
_CUE_VERBS = (
    "said|says|say|told|tells|added|adds|noted|notes|stressed|stresses|emphasized|emphasised"
    "|explained|warned|argued|insisted|stated|remarked|commented|replied|responded|acknowledged"
    "|admitted|claimed|asserted|recalled|continued|concluded|declared|wrote|writes|underscored"
    "|announced|urged"
)
_CUE_AFTER_RE = re.compile(
    rf" (?:(?:has|had|also|then|later|further|again|once) )?(?:{_CUE_VERBS})\b"
)
_CUE_BEFORE_RE = re.compile(rf"\b(?:{_CUE_VERBS}|according to) $")
_PERSONAL_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)\b")
_PRONOUN_REACH = 250
_DETERMINER_RE = re.compile(r"\b[Tt]he $")
# Abbreviations whose period belongs to the word, not to the sentence.
_DOTTED_WORDS = _wordset(
    "mr mrs ms dr prof gen lt col maj capt cmdr adm sgt rep sen gov amb rev jr sr st brig"
)
_EMAIL_RE = re.compile(r"\S@\S|https?://|www\.")
# Credits name journalists and photographers, not people in the news: "(AP Photo/Ahn Young-joon)",
# "Reporting by Hyonhee Shin and Kim Tong-hyung", "By Jane Roe" opening a paragraph.
_CREDIT_BEFORE_RE = re.compile(
    r"(?:/|(?:reporting|editing|writing|written|edited|compiled|translated|photos?|photograph"
    r"|photography|video|graphics?|illustration|interview) (?:by|from) (?:[A-Z][\w.'-]* ){0,4}"
    r"(?:and |, )?|(?:^|\n)By )$",
    re.IGNORECASE,
)
_SHORT_CREDIT_WORDS = 10  # a paragraph this short holding an e-mail address is a credit line
_CREDIT_LINE_REACH = 150

_WORD_RE = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")
_REPEATS_RE = re.compile(r"(.)\1+")
_SLUG_JUNK_RE = re.compile(r"[^a-z0-9]+")
# One romanised Korean syllable ("won", "sik", "yeol", "myung"): onset, vowel cluster, coda.
_KOREAN_SYLLABLE_RE = re.compile(
    r"(?:ss|kk|tt|pp|jj|ch|[bcdghjkmnprstw])?[yw]?(?:ae|eo|eu|oe|ui|ee|oo|ou|a|e|i|o|u)"
    r"(?:ng|[nmlkptgbr])?",
    re.IGNORECASE,
)
_COMPLEMENT_RE = re.compile(r" +(of|for|to) +(?:the +)?")
_PARENTHETICAL_RE = re.compile(r" ?\(([^()\n]{1,40})\)")
_PORTFOLIO_WORD_RE = re.compile(r"([A-Z][a-z]+|and|&)(?![\w-]) ?")
_APPOSITIVE_START_RE = re.compile(r"(?:(?:a|an|the) )?")
_POSSESSIVE_WORD_RE = re.compile(r"[a-z]+'s ")
_APPOSITIVE_END_RE = re.compile(r"[,;:()\n\"\u201c\u201d]|(?<![A-Z])\.(?=\s|$)| [-\u2013\u2014]")
_APPOSITIVE_REACH = 40  # the title must start within this many characters of the comma
_APPOSITIVE_MAX = 200
_DATELINE_AFTER_RE = re.compile(r" ?(?:,|\(|--|\u2014|\u2013)")
_PLACE_AFTER_RE = re.compile(r",? ?D\.? ?C\b|-based\b")
_PROPER_AFTER_RE = re.compile(r" ([A-Z][a-z]+)")
_COORDINATION_RE = re.compile(r",? +(?:and|or) +|, +")
_PREVIOUS_WORD_RE = re.compile(r"([A-Za-z]+)( +)$")
_TWO_WORDS_BACK_RE = re.compile(r"([A-Za-z]+) +[A-Za-z]+ +$")
_APPOSED_NAME_END_RE = re.compile(r"[,.;:)]|\n|$")
_SENTENCE_OPENERS = " \t\"'“”‘’([{*•-–—"
_MAX_NAME_TOKENS = 6
_MAX_NAME_WORDS = 4
_MIN_FREE_FAMILY_NAME = 5  # a bare known family name this long is distinctive enough alone

# Token kinds
_CAP, _UPPER, _INITIAL, _PARTICLE, _SUFFIX, _LOWER = range(6)
_NAMEISH = frozenset({_CAP, _UPPER, _INITIAL, _PARTICLE, _SUFFIX})
_WORDS = frozenset({_CAP, _UPPER, _INITIAL})

# ---------------------------------------------------------------------------------------------
# Public helpers

_FOLD_SPECIAL = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u2032": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    special = _FOLD_SPECIAL.get(ch)
    if special:
        return special
    base = unicodedata.normalize("NFKD", ch)[:1]
    return base if base.isascii() and base.isalpha() else ch


def fold(text: str) -> str:
    """``text`` without diacritics, with plain apostrophes, hyphens and spaces; same length."""
    if text.isascii():
        return text
    return "".join(ch if ch < "\x80" else _fold_char(ch) for ch in text)


@lru_cache(maxsize=65536)
def _token_key(word: str) -> str:
    """A spelling-tolerant key: case, separators, doubled letters and "-iy"/"-y" ignored."""
    key = _REPEATS_RE.sub(r"\1", "".join(ch for ch in word.lower() if ch.isalnum()))
    return key[:-2] + "y" if len(key) > 3 and key.endswith("iy") else key


def _words(name: str) -> list[str]:
    return _WORD_RE.findall(fold(name))


def _key(words: Iterable[str]) -> str:
    return "".join(_token_key(w) for w in words)


def name_key(name: str) -> str:
    """ "Yoon Suk-yeol", "Yoon Suk Yeol" and "YOON Suk Yeol" share one key."""
    return _key(_words(name))


def slugify(name: str) -> str:
    """ "James O'Brien" -> "james-obrien"; ASCII, lowercase, hyphens."""
    text = fold(name).lower().replace("'", "")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG_JUNK_RE.sub("-", text).strip("-")


def _order_variants(words: Sequence[str]) -> set[tuple[str, ...]]:
    """The name as written and with the family name moved ("Kishida Fumio" = "Fumio Kishida")."""
    variants = {tuple(words)}
    if len(words) >= 2:
        variants.add((words[-1], *words[:-1]))
        variants.add((*words[1:], words[0]))
    return variants


# ---------------------------------------------------------------------------------------------
# Regular expressions built from knowledge


def _trie_regex(forms: Iterable[str], flexible_space: bool = False) -> str:
    """One alternation of literal ``forms`` as a trie: fast, and the longest form wins."""
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_node(trie, flexible_space) or "(?!)"


def _trie_node(node: dict, flexible_space: bool) -> str:
    branches = []
    for ch, child in sorted(node.items()):
        if not ch:
            continue
        head = "[ -]+" if flexible_space and ch in " -" else re.escape(ch)
        branches.append(head + _trie_node(child, flexible_space))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@dataclass(frozen=True)
class _Entry:
    kind: str  # "country", "demonym", "capital", "skip" (a phrase that is no country mention)
    code: str = ""
    trim: int = 0  # characters of a plural ending left out of the span


@dataclass
class _Lexicon:
    """Everything compiled from one Knowledge object (cached: building it costs tens of ms)."""

    country_re: re.Pattern
    country_entries: dict[str, _Entry]
    org_re: re.Pattern
    org_entries: dict[str, str]
    title_re: re.Pattern
    courtesy: frozenset[str]
    relations: frozenset[str]
    honorifics: frozenset[str]
    subject_titles: frozenset[str]
    portfolio_words: frozenset[str]
    soft_stops: frozenset[str]
    not_names: frozenset[str]
    particles: frozenset[str]
    suffixes: frozenset[str]
    media_words: frozenset[str]
    temporal: frozenset[str]
    government: tuple[str, ...]
    role_aliases: dict[str, tuple[str, ...]]
    family_first_countries: frozenset[str]
    known_full: dict[str, PersonInfo | None]
    known_single: dict[str, PersonInfo | None]
    known_family: dict[str, list[PersonInfo]]
    blocked_keys: frozenset[str]
    publisher_country: dict[str, str | None]


_LEXICONS: dict[int, tuple[Knowledge, _Lexicon]] = {}
_MAX_LEXICONS = 8


def _lexicon(knowledge: Knowledge) -> _Lexicon:
    cached = _LEXICONS.get(id(knowledge))
    if cached is not None and cached[0] is knowledge:
        return cached[1]
    lexicon = _build_lexicon(knowledge)
    if len(_LEXICONS) >= _MAX_LEXICONS:
        _LEXICONS.pop(next(iter(_LEXICONS)))
    _LEXICONS[id(knowledge)] = (knowledge, lexicon)
    return lexicon


@lru_cache(maxsize=1)
def _default_titles() -> dict:
    path = KNOWLEDGE_DIR / "titles.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _vocabulary(titles: dict, key: str) -> list[str]:
    return [str(w) for w in titles.get(key, ()) if str(w).strip()]


def _build_lexicon(knowledge: Knowledge) -> _Lexicon:
    titles = knowledge.titles or _default_titles()

    def lower(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in _vocabulary(titles, key))

    media_words = frozenset(_vocabulary(titles, "media_words"))
    country_entries = _country_entries(knowledge, titles, media_words)
    org_entries: dict[str, str] = {}
    for org in knowledge.organizations:
        for form in (org.name, *org.aliases):
            org_entries.setdefault(fold(form), org.code)
    heads = [*_vocabulary(titles, "person_titles"), *_vocabulary(titles, "honorifics")]
    heads += _vocabulary(titles, "relation_words")
    modifiers = _vocabulary(titles, "title_modifiers")
    title_words = {w for phrase in [*heads, *modifiers] for w in _words(phrase.lower())}
    aliases: dict[str, list[str]] = {}
    for item in titles.get("role_aliases", ()):
        aliases.setdefault(_norm(item["alias"]), []).append(_norm(item["title"]))
    known_full, known_single, known_family = _known_indexes(knowledge, titles)
    return _Lexicon(
        country_re=_boundary_regex(country_entries),
        country_entries=country_entries,
        org_re=_boundary_regex(org_entries),
        org_entries=org_entries,
        title_re=_title_regex(heads, modifiers),
        courtesy=lower("courtesy_honorifics"),
        relations=lower("relation_words"),
        honorifics=frozenset(_norm(h) for h in _vocabulary(titles, "honorifics")),
        subject_titles=lower("subject_titles"),
        portfolio_words=frozenset(w for m in modifiers for w in m.lower().split()) | {"affairs"},
        soft_stops=frozenset(title_words),
        not_names=lower("not_names"),
        particles=frozenset(_vocabulary(titles, "name_particles")),
        suffixes=frozenset(_vocabulary(titles, "name_suffixes")),
        media_words=media_words,
        temporal=lower("temporal_modifiers"),
        government=tuple(_norm(w) for w in _vocabulary(titles, "government_titles")),
        role_aliases={k: tuple(v) for k, v in aliases.items()},
        family_first_countries=frozenset(_vocabulary(titles, "family_name_first_countries")),
        known_full=known_full,
        known_single=known_single,
        known_family=known_family,
        blocked_keys=frozenset(
            name_key(form)
            for item in (*knowledge.publishers, *knowledge.organizations)
            for form in (item.name, *item.aliases)
        ),
        publisher_country={
            form.casefold(): p.country
            for p in knowledge.publishers
            for form in (p.name, *p.aliases)
        },
    )


def _boundary_regex(forms: Iterable[str]) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{_trie_regex(fold(f) for f in forms)})(?!\w)")


def _title_regex(heads: list[str], modifiers: list[str]) -> re.Pattern:
    mods = _trie_regex((m.lower() for m in modifiers), flexible_space=True)
    heads_re = _trie_regex((h.lower() for h in heads), flexible_space=True)
    return re.compile(
        rf"(?<![\w-])(?P<mods>(?:(?:{mods})(?:[ -]+(?:and|&)[ -]+(?:{mods}))?[ -]+){{0,4}})"
        rf"(?P<head>{heads_re})(?:-(?:elect|designate))?(?![\w-])",
        re.IGNORECASE,
    )


def _norm(title: str) -> str:
    return " ".join(re.split(r"[ -]+", title.lower().strip()))


def _country_entries(knowledge: Knowledge, titles: dict, media: frozenset[str]) -> dict:
    entries: dict[str, _Entry] = {}

    def add(form: str, entry: _Entry) -> None:
        entries.setdefault(fold(form), entry)

    for phrase in _vocabulary(titles, "not_country_phrases"):
        add(phrase, _Entry("skip"))
    for publisher in knowledge.publishers:  # "Korea Herald" is a newspaper, not Korea
        for form in (publisher.name, *publisher.aliases):
            if " " in form and form.split()[-1] in media:
                add(form, _Entry("skip"))
    for country in knowledge.countries:
        for form in country.names:
            for variant in _compass_variants(form):
                add(variant, _Entry("country", country.code))
    for country in knowledge.countries:
        for form in country.demonyms:
            for variant in _compass_variants(form):
                add(variant, _Entry("demonym", country.code))
                if variant[-1:] in ("n", "i"):  # "Russians", "Israelis"
                    add(variant + "s", _Entry("demonym", country.code, trim=1))
    for country in knowledge.countries:
        for form in country.capitals:
            add(form, _Entry("capital", country.code))
    return entries


def _compass_variants(form: str) -> list[str]:
    """ "North Korea" is also written "N. Korea" and "N.Korea"."""
    for word, letter in (("North ", "N."), ("South ", "S.")):
        if form.startswith(word):
            rest = form[len(word) :]
            return [form, f"{letter} {rest}", f"{letter}{rest}"]
    return [form]


def _known_indexes(knowledge: Knowledge, titles: dict) -> tuple[dict, dict, dict]:
    """Keys of known people's full names, single-word aliases and family names."""
    full: dict[str, PersonInfo | None] = {}
    single: dict[str, PersonInfo | None] = {}
    family: dict[str, list[PersonInfo]] = {}
    first_countries = frozenset(_vocabulary(titles, "family_name_first_countries"))

    def add(index: dict, key: str, person: PersonInfo) -> None:
        if not key:
            return
        other = index.get(key, person)
        index[key] = person if other is not None and other.slug == person.slug else None

    for person in knowledge.people:
        for form in (person.name, *person.aliases):
            words = _words(form)
            if len(words) >= 2:
                for variant in _order_variants(words):
                    add(full, _key(variant), person)
            elif words:
                add(single, _key(words), person)
        words = [w for w in _words(person.name) if len(w) > 1]
        if len(words) >= 2:
            family_first = _family_first(words, person.country, first_countries)
            family.setdefault(_token_key(words[0] if family_first else words[-1]), []).append(
                person
            )
    return full, single, family


def _family_first(words: Sequence[str], country: str | None, first_countries) -> bool:
    """Whether a name is written family name first ("Shin Won-sik", "KISHIDA Fumio")."""
    if len(words) < 2:
        return False
    if len(words[0]) > 1 and words[0].isupper() and not words[-1].isupper():
        return True
    if any(_is_korean_given(w) for w in words[1:]):
        return True
    if country in first_countries:
        return True
    return len(words) == 3 and all(_KOREAN_SYLLABLE_RE.fullmatch(w) for w in words[1:])


def _is_korean_given(word: str) -> bool:
    """ "Won-sik", "Ho-jin": two romanised syllables, the second in lower case."""
    parts = word.split("-")
    return (
        len(parts) == 2
        and parts[0][:1].isupper()
        and parts[1].islower()
        and all(_KOREAN_SYLLABLE_RE.fullmatch(p) for p in parts)
    )


# ---------------------------------------------------------------------------------------------
# Countries and organisations


@dataclass(frozen=True)
class _Place:
    start: int
    end: int
    kind: str  # "country", "demonym", "capital", "org", "skip"
    code: str


def _find_places(folded: str, lex: _Lexicon) -> tuple[list[_Place], list[_Place]]:
    """Every country-form and organisation match (raw), and those that are mentions."""
    raw: list[_Place] = []
    for m in lex.country_re.finditer(folded):
        entry = lex.country_entries.get(m.group())
        if entry is not None:
            raw.append(_Place(m.start(), m.end() - entry.trim, entry.kind, entry.code))
    for m in lex.org_re.finditer(folded):
        code = lex.org_entries.get(m.group())
        if code is not None:
            raw.append(_Place(m.start(), m.end(), "org", code))
    raw.sort(key=lambda p: (p.start, -p.end))
    context = _CapitalContext(
        country_starts={p.start for p in raw if p.kind == "country"},
        ends={p.end for p in raw},
        function_words=lex.not_names,
    )
    mentions: list[_Place] = []
    for place in raw:
        if place.kind == "skip":
            continue
        if place.kind == "capital":
            verdict = _capital_use(folded, place, context)
            if verdict != "country":
                context.last_place_end = place.end if verdict == "place" else -1
                if verdict == "name":
                    context.in_names.add(place)
                continue
        elif place.kind != "org" and _names_a_medium(folded, place, lex):
            continue
        mentions.append(place)
    # a capital inside a longer proper name ("George Washington") may be part of a person's name
    return [p for p in raw if p not in context.in_names], mentions


@dataclass
class _CapitalContext:
    country_starts: set[int]
    ends: set[int]
    function_words: frozenset[str]  # "Both Tokyo and Seoul" opens a sentence, not a name
    last_place_end: int = -1  # the last capital used as a place, for "in Seoul and Tokyo"
    in_names: set = field(default_factory=set)


def _names_a_medium(folded: str, place: _Place, lex: _Lexicon) -> bool:
    """ "the Taipei Times", "Japan Today": a country word in a newspaper's name."""
    m = _PROPER_AFTER_RE.match(folded, place.end)
    return m is not None and m.group(1) in lex.media_words


def _capital_use(folded: str, place: _Place, context: _CapitalContext) -> str:
    """ "country" where a capital stands for its government, as an agent, a possessor or in a
    pair ("Seoul urged", "Seoul's", "Moscow-Pyongyang"); "place" after "in", "to", "visit" ...,
    before ", D.C." or in a dateline; "name" inside another proper name ("Washington Summit
    Declaration", "George Washington")."""
    start, end = place.start, place.end
    after = folded[end : end + 40]
    if (start == 0 or folded[start - 1] == "\n") and _DATELINE_AFTER_RE.match(after):
        return "place"
    if _PLACE_AFTER_RE.match(after):
        return "place"
    if after.startswith(", ") and end + 2 in context.country_starts:
        return "place"  # "Vilnius, Lithuania"
    proper = _PROPER_AFTER_RE.match(after)
    if proper and proper.group(1).lower() not in _WEEKDAYS | _MONTHS:
        return "name"
    previous = _PREVIOUS_WORD_RE.search(folded[max(0, start - 40) : start])
    if previous:
        word = previous.group(1)
        if word.lower() in _PLACE_WORDS and (
            word.lower() != "from" or _after_motion(folded, start)
        ):
            return "place"
        word_start = start - len(previous.group(0))
        in_name = word[0].isupper() and (
            not _sentence_start(folded, word_start) or word.lower() not in context.function_words
        )
        if in_name and start - 1 not in context.ends:
            return "name"  # "George Washington"
    if context.last_place_end >= 0:
        gap = folded[context.last_place_end : start]
        if len(gap) <= 6 and _COORDINATION_RE.fullmatch(gap):
            return "place"  # "in Seoul and Tokyo"
    return "country"


def _after_motion(folded: str, start: int) -> bool:
    m = _TWO_WORDS_BACK_RE.search(folded[max(0, start - 40) : start])
    return m is not None and m.group(1).lower() in _MOTION_WORDS


def _sentence_start(folded: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and folded[i] in _SENTENCE_OPENERS:
        i -= 1
    return i < 0 or folded[i] in ".!?:\n"


# ---------------------------------------------------------------------------------------------
# Tokens


@dataclass(slots=True)
class _Token:
    start: int
    end: int  # exclusive; takes an initial's period, leaves out a possessive "'s"
    text: str  # folded, without "'s" or period
    kind: int
    possessive: bool
    joined: bool  # one space after the previous token: the two can be one name
    sentence_start: bool
    key: str = ""  # _token_key(text), computed once
    stop: bool = False


def _tokenize(folded: str, lex: _Lexicon) -> list[_Token]:
    """The name-like words of the text (capitalised words, initials, particles); lower-case words
    are left out, so two tokens are one space apart only when nothing stands between them."""
    tokens: list[_Token] = []
    particles = lex.particles
    for m in _WORD_RE.finditer(folded):
        word = m.group()
        if not (word[0].isupper() or word in particles):
            continue
        start, end = m.start(), m.end()
        possessive = len(word) > 2 and word[-2:] in ("'s", "'S")
        if possessive:
            word, end = word[:-2], end - 2
        dotted = (
            not possessive
            and folded.startswith(".", end)
            and ((len(word) == 1 and word.isupper()) or word.lower() in _DOTTED_WORDS)
        )
        if dotted:
            end += 1
        kind = _kind(word, dotted, lex)
        if kind == _LOWER:
            continue
        previous = tokens[-1] if tokens else None
        joined = (
            previous is not None
            and not previous.possessive
            and previous.end == start - 1
            and folded[start - 1] == " "
        )
        # "Mr. Yoon", "J. Park": the period before a joined token belongs to the previous word
        sentence_start = _sentence_start(folded, start) and not (
            joined and folded[previous.end - 1] == "."
        )
        tokens.append(
            _Token(start, end, word, kind, possessive, joined, sentence_start, _token_key(word))
        )
    return tokens


def _kind(word: str, dotted: bool, lex: _Lexicon) -> int:
    if word in lex.suffixes:
        return _SUFFIX
    if word in lex.particles:
        return _PARTICLE
    if len(word) == 1:
        return _INITIAL if word.isupper() and dotted else _LOWER
    if word[0].isupper():
        return _CAP if any(ch.islower() for ch in word) else _UPPER
    return _LOWER


def _mark_stops(tokens: list[_Token], raw: list[_Place], lex: _Lexicon) -> None:
    """Stops can never be part of a person's name: places, organisations, capitalised function
    words, weekdays; titles and months too unless they follow a name word ("Martin Luther King",
    "Theresa May")."""
    covered = _covered_positions(raw, tokens[-1].end if tokens else 0)
    previous_name = False
    for token in tokens:
        lower = token.text.lower()
        hard = (
            covered[token.start]
            or covered[token.end - 1]
            or lower in lex.not_names
            or lower in _WEEKDAYS
            or (token.kind == _UPPER and lower in lex.soft_stops)
            or (lower in lex.soft_stops and token.end > token.start + len(token.text))  # "Gen."
        )
        soft = lower in lex.soft_stops or lower in _MONTHS
        token.stop = hard or (soft and not (previous_name and token.joined))
        previous_name = (
            token.kind in (_CAP, _UPPER)
            and not token.stop
            and not token.possessive
            and not token.sentence_start  # "Retired Gen. ...": a sentence's first word
        )


def _covered_positions(places: list[_Place], length: int) -> bytearray:
    covered = bytearray(length + 1)
    for place in places:
        end = min(place.end, length)
        if place.start < end:
            covered[place.start : end] = b"\x01" * (end - place.start)
    return covered


def _runs(tokens: list[_Token]) -> list[list[int]]:
    """Maximal runs of name-like tokens one space apart (a possessive ends a run)."""
    runs: list[list[int]] = []
    run: list[int] = []
    for i, token in enumerate(tokens):
        if token.kind in _NAMEISH and run and token.joined:
            run.append(i)
            continue
        if run:
            runs.append(run)
        run = [i] if token.kind in _NAMEISH else []
    if run:
        runs.append(run)
    return runs


def _segments(run: list[int], tokens: list[_Token], lex: _Lexicon) -> list[list[int]]:
    """A run cut at stops, trimmed of particles at the edges, holding at least one name word."""
    pieces: list[list[int]] = []
    piece: list[int] = []
    for i in run:
        if tokens[i].stop:
            if piece:
                pieces.append(piece)
            piece = []
        else:
            piece.append(i)
    if piece:
        pieces.append(piece)
    segments = []
    for piece in pieces:
        while piece and (
            tokens[piece[0]].kind in (_PARTICLE, _SUFFIX)
            or (len(piece) > 2 and tokens[piece[0]].text.lower() in lex.particles)
            and tokens[piece[1]].kind == _PARTICLE
        ):
            piece = piece[1:]
        while piece and tokens[piece[-1]].kind == _PARTICLE:
            piece = piece[:-1]
        if any(tokens[i].kind == _CAP for i in piece):
            segments.append(piece)
    return segments


# ---------------------------------------------------------------------------------------------
# Titles


@dataclass
class _Title:
    start: int  # where the phrase starts, a country or organisation before the title included
    title_start: int
    end: int  # after the title and any complement ("of New Zealand", "for Foreign Affairs")
    role: str  # as written: "First Vice Foreign Minister", "spokesperson for the Foreign Ministry"
    norm: str  # lower case, temporal modifiers left out: "first vice foreign minister"
    country: str | None = None
    head: str = ""  # the title word(s) without modifiers: "minister", "secretary general"
    courtesy: bool = False  # "Mr.", "Ms.": a person context without a role
    relation: bool = False  # "wife", "counterpart": a person context without a role


def _find_titles(folded: str, body: str, mentions: list[_Place], lex: _Lexicon) -> list[_Title]:
    by_start: dict[int, _Place] = {}
    by_end: dict[int, _Place] = {}
    for place in mentions:  # the longest wins: "U.S. Forces Korea", not "Korea"
        by_start.setdefault(place.start, place)
        if place.end not in by_end or place.start < by_end[place.end].start:
            by_end[place.end] = place
    titles = []
    for m in lex.title_re.finditer(folded):
        head = _norm(m.group("head"))
        end, country, role_end = m.end(), None, m.end()
        complement = _COMPLEMENT_RE.match(folded, end)
        if complement:
            place = by_start.get(complement.end())
            if place is not None:
                end = _after_parenthetical(folded, place, by_start)
                if complement.group(1) != "to":
                    country = place.code
            else:
                end = role_end = _portfolio_end(folded, complement.end(), lex) or end
        start, prefix = m.start(), _prefix(folded, m.start(), by_end)
        if prefix is not None:
            start = prefix.start
            country = country or _nationality(prefix, head, lex)
        words = [w for w in _norm(m.group()).split() if w not in lex.temporal]
        titles.append(
            _Title(
                start=start,
                title_start=m.start(),
                end=end,
                role=body[m.start() : role_end],
                norm=" ".join(words),
                country=country,
                head=head,
                courtesy=head in lex.courtesy,
                relation=head in lex.relations,
            )
        )
    return titles


def _nationality(place: _Place, head: str, lex: _Lexicon) -> str | None:
    """The country a title's prefix gives its holder: "U.S. ambassador" is American, but a
    "Korea expert" is an expert on Korea, of any nationality."""
    if place.kind == "country" and head in lex.subject_titles:
        return None
    return place.code


def _after_parenthetical(folded: str, place: _Place, by_start: dict[int, _Place]) -> int:
    """ "... Organization (NATO)": the abbreviation in brackets belongs to the phrase."""
    m = _PARENTHETICAL_RE.match(folded, place.end)
    inner = by_start.get(m.start(1)) if m else None
    return m.end() if m and inner is not None and inner.code == place.code else place.end


def _portfolio_end(folded: str, pos: int, lex: _Lexicon) -> int | None:
    """End of "Foreign Affairs and Trade" after "Minister for": capitalised portfolio words."""
    end = None
    while True:
        m = _PORTFOLIO_WORD_RE.match(folded, pos)
        if not m or m.group(1).lower() not in lex.portfolio_words | {"and", "&"}:
            return end
        if m.group(1)[0].isupper():
            end = m.end(1)
        if m.end() == m.end(1):  # no space: the portfolio ends here
            return end
        pos = m.end()


def _prefix(folded: str, start: int, by_end: dict[int, _Place]) -> _Place | None:
    """The country or organisation just before a title: "Japanese", "NATO", "Australia's"."""
    for gap in (" ", "'s "):
        if folded[max(0, start - len(gap)) : start] == gap:
            place = by_end.get(start - len(gap))
            if place is not None:
                return place
    return None


# ---------------------------------------------------------------------------------------------
# People


@dataclass(frozen=True)
class _Context:
    kind: str  # "title", "appositive", "cue" (a speech verb), "shape" (a Korean name's shape)
    info: _Title | None = None


@dataclass
class _Mention:
    start: int
    end: int
    info: _Title | None = None
    reference: bool = False  # a role reference ("the NATO chief"), not a name


@dataclass
class _Person:
    name: str
    known: PersonInfo | None = None
    mentions: list[_Mention] = field(default_factory=list)
    short: dict[str, int] = field(default_factory=dict)  # family/given-name key -> priority
    spellings: set[tuple[str, ...]] = field(default_factory=set)  # full names registered
    starts: list[int] = field(default_factory=list)  # of mentions, sorted
    title_norm: str | None = None
    country: str | None = None

    def latest_mention_before(self, pos: int) -> int:
        at = bisect_left(self.starts, pos)
        return self.starts[at - 1] if at else -1

    def first_info(self) -> _Title | None:
        with_info = [m for m in self.mentions if m.info is not None]
        return min(with_info, key=lambda m: m.start).info if with_info else None


class _PeopleFinder:
    """Finds the people of one article: known full names first, then names in person contexts,
    then their other full mentions, lone family names, and finally role references."""

    def __init__(self, body: str, folded: str, meta: ArticleMeta, lex: _Lexicon, raw, mentions):
        self.body, self.folded, self.meta, self.lex = body, folded, meta, lex
        self.place_at = {p.start: p for p in mentions}
        self.tokens = _tokenize(folded, lex)
        _mark_stops(self.tokens, raw, lex)
        self.runs = _runs(self.tokens)
        self.segments = [s for run in self.runs for s in _segments(run, self.tokens, lex)]
        self.titles = _find_titles(folded, body, mentions, lex)
        self.title_by_end = {t.end: t for t in self.titles}
        self.title_starts = [t.title_start for t in self.titles]
        self.lone_words = {self.tokens[s[0]].key for s in self.segments if len(s) == 1}
        self.used_titles: set[int] = set()
        self.claimed: dict[int, _Person] = {}  # token index -> person
        self.mention_at: dict[int, _Mention] = {}  # token index -> mention
        self.people: list[_Person] = []
        self.by_key: dict[str, _Person] = {}
        self.by_slug: dict[str, _Person] = {}
        self.by_short: dict[str, list[_Person]] = {}
        self.author_keys = _author_keys(meta.authors)

    # --- stages ------------------------------------------------------------------------------

    def find(self) -> list[_Person]:
        self._match_full_names(self.lex.known_full, known=True)
        singles = self._discover()
        self._match_full_names({}, known=False)
        self._resolve_singles(singles)
        for person in self.people:
            self._settle(person)
        self._resolve_role_references()
        return [p for p in self.people if p.mentions]

    def _match_full_names(self, index: dict[str, PersonInfo | None], known: bool) -> None:
        """Known names (or names discovered so far) wherever they appear, longest first."""
        for run in self.runs:
            i = 0
            while i < len(run) - 1:
                length = self._full_name_at(run, i, index, known)
                i += length or 1

    def _full_name_at(self, run: list[int], i: int, index: dict, known: bool) -> int:
        """Length of the longest full name starting at ``run[i]`` (matched as a mention), or 0."""
        tokens = self.tokens
        if tokens[run[i]].kind not in _WORDS or run[i] in self.claimed:
            return 0
        keys = [tokens[run[i]].key]
        for j in run[i + 1 : i + _MAX_NAME_TOKENS]:
            if j in self.claimed:
                break
            keys.append(keys[-1] + tokens[j].key)
        for length in range(len(keys), 1, -1):
            part = run[i : i + length]
            if tokens[part[-1]].kind == _PARTICLE:
                continue
            person = self._person_for_key(keys[length - 1], index, known)
            if person is not None:
                self._add_mention(person, part)
                return length
        return 0

    def _person_for_key(self, key: str, index: dict, known: bool) -> _Person | None:
        if not known:
            return self.by_key.get(key)
        info = index.get(key)
        return self._known_person(info) if info is not None else None

    def _discover(self) -> list[tuple[list[int], _Context]]:
        """People in person contexts; one-word names in a context are returned for later."""
        singles = []
        for segment in self.segments:
            context = self._context(segment)
            if context is None:
                continue
            owner = next((self.claimed[j] for j in segment if j in self.claimed), None)
            if owner is not None:
                self._attach(owner, segment, context.info)
                continue
            words = [j for j in segment if self.tokens[j].kind in _WORDS]
            if len(words) == 1:
                singles.append((segment, context))
            elif context.kind == "cue" and not self._behaves_like_a_person(segment):
                continue
            elif self._plausible_name(segment, words):
                key = _key(self.tokens[j].text for j in segment)
                person = self.by_key.get(key) or self._new_person(segment, context.info)
                self._add_mention(person, segment, context.info)
        return singles

    def _resolve_singles(self, singles: list[tuple[list[int], _Context]]) -> None:
        """One-word names: a family name of someone introduced, or a known person's alias."""
        contexts = {segment[0]: context for segment, context in singles}
        for segment in self.segments:
            words = [j for j in segment if self.tokens[j].kind in _WORDS]
            if len(words) != 1 or any(j in self.claimed for j in segment):
                continue
            context = contexts.get(segment[0])
            titled = context is not None and context.kind == "title"
            info = context.info if context is not None else None
            person = self._short_form_owner(words[0])
            if person is not None and info is not None and not self._may_hold(person, info):
                person = None  # "Defense Minister Lee" is not "President Lee Jae-myung"
            person = person or self._known_alias(words[0], info, titled)
            if person is not None:
                self._add_mention(person, self._with_particles(segment), info)

    def _short_form_owner(self, index: int) -> _Person | None:
        token = self.tokens[index]
        key = token.key
        candidates = [(p.short[key], p) for p in self.by_short.get(key, ()) if p.mentions]
        if not candidates:
            return None
        best = min(priority for priority, _ in candidates)
        if best > 1 and token.sentence_start:
            return None  # a lone given name opening a sentence is too often a common word
        people = [p for priority, p in candidates if priority == best]
        if len(people) == 1:
            return people[0]
        latest = {id(p): p.latest_mention_before(token.start) for p in people}
        earlier = [p for p in people if latest[id(p)] >= 0]
        return max(earlier, key=lambda p: latest[id(p)]) if earlier else None

    def _known_alias(self, index: int, title: _Title | None, titled: bool) -> _Person | None:
        """A known person's one-word alias, or family name: after a title ("President Yoon",
        "Mr Albanese") any, else only a distinctive one ("Stoltenberg", not "Park"). A family
        name several known people share is theirs whose title it follows ("President Lee")."""
        key = self.tokens[index].key
        info = self.lex.known_single.get(key)
        if info is None and (titled or len(key) >= _MIN_FREE_FAMILY_NAME):
            holders = self.lex.known_family.get(key, [])
            if len(holders) > 1 and title is not None:
                holders = [p for p in holders if self._holds_title(p, title)]
            info = holders[0] if len(holders) == 1 else None
        return self._known_person(info) if info is not None else None

    def _may_hold(self, person: _Person, title: _Title) -> bool:
        """Whether a title fits what the article or knowledge says the person is."""
        if title.head in self.lex.honorifics:  # "Dr. Kim" fits Professor Kim Min-ji
            return True
        heads = {m.info.head for m in person.mentions if m.info is not None and m.info.head}
        if person.known is not None and person.known.roles:
            return self._holds_title(person.known, title) or title.head in heads
        return not heads or title.head in heads

    def _holds_title(self, info: PersonInfo, title: _Title) -> bool:
        """Whether a known person held ``title`` on the publication day (or ever, undated)."""
        day = self.meta.published.value if self.meta.published else None
        current = info.role_on(day)
        roles = [current] if day is not None and current is not None else list(info.roles)
        return any(_norm(r.title).endswith(title.head) for r in roles)

    def _with_particles(self, segment: list[int]) -> list[int]:
        """ "von der Leyen": particles joined before a lone family name belong to it."""
        first = segment[0]
        particles = self.lex.particles
        while (
            first > 0
            and self.tokens[first].joined
            and self.tokens[first - 1].text.lower() in particles
        ):
            first -= 1
        return list(range(first, segment[-1] + 1))

    # --- contexts -----------------------------------------------------------------------------

    def _context(self, segment: list[int]) -> _Context | None:
        """The person context around a name, with the role it gives (title before, appositive
        after); a speech verb or a Korean name's shape make a context without a role."""
        start, end = self.tokens[segment[0]].start, self.tokens[segment[-1]].end
        title = self._title_before(start, end)
        last = self.tokens[segment[-1]]
        appositive = None if last.possessive else self._appositive(end)  # marks its title used
        if title is not None:
            return _Context("title", None if title.courtesy or title.relation else title)
        if appositive is not None:
            return _Context("appositive", appositive)
        folded = self.folded
        if (not last.possessive and _CUE_AFTER_RE.match(folded, end)) or _CUE_BEFORE_RE.search(
            folded[max(0, start - 30) : start]
        ):
            return _Context("cue")
        return _Context("shape") if self._korean_shape(segment) else None

    def _title_before(self, start: int, end: int) -> _Title | None:
        """ "Defense Minister Shin Won-sik", or set off by commas: "Japan's Minister of Defense,
        Yasukazu Hamada," (then the name must end its clause)."""
        folded = self.folded
        title = None
        if start > 0 and folded[start - 1] == " ":
            title = self.title_by_end.get(start - 1)
            if title is None and folded[start - 2 : start] == ", ":
                title = self.title_by_end.get(start - 2)
                if title is not None and not _APPOSED_NAME_END_RE.match(folded, end):
                    title = None
        if title is not None:
            self.used_titles.add(title.end)
        return title

    def _appositive(self, end: int) -> _Title | None:
        """ "Jane Doe, a senior fellow at the Lowy Institute, said": the role after the comma."""
        folded = self.folded
        if not folded.startswith(", ", end):
            return None
        pos = _APPOSITIVE_START_RE.match(folded, end + 2).end()
        place = self.place_at.get(pos)
        if place is not None:
            pos = place.end + (2 if folded.startswith("'s", place.end) else 0)
            pos += 1 if folded.startswith(" ", pos) else 0
        else:
            possessive = _POSSESSIVE_WORD_RE.match(folded, pos)  # "the country's"
            pos = possessive.end() if possessive else pos
        at = bisect_left(self.title_starts, pos)
        if at == len(self.titles) or self.titles[at].title_start > pos + _APPOSITIVE_REACH:
            return None
        title = self.titles[at]
        if title.courtesy or title.relation:
            return None
        if any(ch in ",;.\n" for ch in folded[pos : title.title_start]):
            return None
        self.used_titles.add(title.end)  # "Jane Doe, the minister," is no role reference
        stop = _APPOSITIVE_END_RE.search(folded, title.title_start, pos + _APPOSITIVE_MAX)
        if stop is None:
            return None
        role = self.body[pos : stop.start()].strip()
        country = _nationality(place, title.head, self.lex) if place is not None else None
        return _Title(
            start=end + 2,
            title_start=title.title_start,
            end=stop.start(),
            role=role,
            norm=title.norm,
            country=country or title.country,
        )

    def _behaves_like_a_person(self, segment: list[int]) -> bool:
        """A name known only as a speaker ("Lockheed Martin said") is a person when "he" or
        "she" follows, or its last word stands alone elsewhere ("Kowalska added")."""
        end = self.tokens[segment[-1]].end
        if _PERSONAL_PRONOUN_RE.search(self.folded, end, end + _PRONOUN_REACH):
            return True
        return self.tokens[segment[-1]].key in self.lone_words

    def _korean_shape(self, segment: list[int]) -> bool:
        """ "Chang Ho-jin": a short family name and a hyphenated two-syllable given name."""
        words = [self.tokens[j] for j in segment]
        if len(words) != 2 or any(t.kind != _CAP for t in words):
            return False
        family, given = words
        return 2 <= len(family.text) <= 5 and family.text.isalpha() and _is_korean_given(given.text)

    # --- people -------------------------------------------------------------------------------

    def _plausible_name(self, segment: list[int], words: list[int]) -> bool:
        if not 2 <= len(words) <= _MAX_NAME_WORDS or len(segment) > _MAX_NAME_TOKENS:
            return False
        key = _key(self.tokens[j].text for j in segment)
        if key in self.author_keys or key in self.lex.blocked_keys:
            return False
        start = self.tokens[segment[0]].start
        if _CREDIT_BEFORE_RE.search(self.folded[max(0, start - 80) : start]):
            return False
        return not self._in_credit_line(start)

    def _in_credit_line(self, pos: int) -> bool:
        """ "Park Ji-won annajpark@..." at the foot of an article is a byline, not a person."""
        folded, reach = self.folded, _CREDIT_LINE_REACH
        start = folded.rfind("\n", max(0, pos - reach), pos) + 1 or max(0, pos - reach)
        end = folded.find("\n", pos, pos + reach)
        line = folded[start : end if end >= 0 else pos + reach]
        return len(line.split()) <= _SHORT_CREDIT_WORDS and bool(_EMAIL_RE.search(line))

    def _known_person(self, info: PersonInfo) -> _Person:
        person = self.by_slug.get(info.slug)
        if person is None:
            person = self.by_slug[info.slug] = _Person(name=info.name, known=info)
            self._register(person, _words(info.name))
            self.people.append(person)
        return person

    def _new_person(self, segment: list[int], info: _Title | None) -> _Person:
        person = _Person(name=self._display_name(segment))
        person.country = info.country if info is not None else None  # for the name order
        self._register(person, [self.tokens[j].text for j in segment])
        self.people.append(person)
        return person

    def _display_name(self, segment: list[int]) -> str:
        """The name as first written, with "KISHIDA"-style capitals softened to "Kishida"."""
        parts = []
        for k, j in enumerate(segment):
            token = self.tokens[j]
            text = self.body[token.start : token.end]
            if token.kind == _UPPER and len(token.text) > 2:
                text = text.title()
            parts.append(text if k == 0 else " " + text)
        return "".join(parts)

    def _register(self, person: _Person, words: list[str]) -> None:
        """Index a person's full-name keys (any order) and short forms (family name first)."""
        if tuple(words) in person.spellings:
            return
        person.spellings.add(tuple(words))
        for variant in _order_variants(words):
            self.by_key.setdefault(_key(variant), person)
        core = [w for w in words if len(w) > 1 and w not in self.lex.particles]
        core = [w for w in core if w not in self.lex.suffixes]
        if not core:
            return
        country = person.known.country if person.known else person.country
        family_first = _family_first(core, country, self.lex.family_first_countries)
        family, given = (core[0], core[-1]) if family_first else (core[-1], core[0])
        for word, priority in ((family, 1), (given, 2)):
            key = _token_key(word)
            if key not in person.short:
                person.short[key] = priority
                self.by_short.setdefault(key, []).append(person)

    def _add_mention(self, person: _Person, part: list[int], info: _Title | None = None) -> None:
        start, end = self.tokens[part[0]].start, self.tokens[part[-1]].end
        mention = _Mention(start, end, info)
        person.mentions.append(mention)
        insort(person.starts, start)
        for j in part:
            self.claimed[j] = person
            self.mention_at[j] = mention
        if len(part) > 1:
            self._register(person, [self.tokens[j].text for j in part])

    def _attach(self, person: _Person, segment: list[int], info: _Title | None) -> None:
        """A context around a name already matched (a known person) gives that mention a role."""
        mention = next((self.mention_at[j] for j in segment if j in self.mention_at), None)
        if info is not None and mention is not None and mention.info is None:
            mention.info = info

    def _settle(self, person: _Person) -> None:
        """The person's title and country, for role references and the result."""
        info = person.first_info()
        known_role = self.known_role(person)
        if info is not None:
            person.title_norm = info.norm
        elif known_role is not None:
            person.title_norm = _norm(known_role)
        country = info.country if info is not None else None
        if country is None and person.known is not None:
            country = person.known.country
        if country is None and info is not None and self._is_government_title(info.role):
            country = self._publisher_country()
        person.country = country

    def known_role(self, person: _Person) -> str | None:
        """A known person's title on the publication day, from knowledge."""
        if person.known is None:
            return None
        day = self.meta.published.value if self.meta.published else None
        role = person.known.role_on(day)
        return role.title if role else None

    def _is_government_title(self, role: str) -> bool:
        words = f" {_norm(role)} "
        return any(f" {title} " in words for title in self.lex.government)

    def _publisher_country(self) -> str | None:
        publisher = (self.meta.publisher or "").casefold()
        return self.lex.publisher_country.get(publisher) if publisher else None

    # --- role references ----------------------------------------------------------------------

    def _resolve_role_references(self) -> None:
        """ "the NATO chief", "the South Korean president": the one person with that role."""
        taken = bytearray(len(self.folded) + 1)
        for person in self.people:
            for mention in person.mentions:
                taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
        exact, endings = self._role_indexes()
        for title in self.titles:
            if title.end in self.used_titles or title.courtesy or title.relation:
                continue
            if not _DETERMINER_RE.search(self.folded[max(0, title.start - 4) : title.start]):
                continue
            start = title.start - 4
            if any(taken[start : title.end]):
                continue
            person = self._role_holder(title, exact, endings)
            if person is not None:
                person.mentions.append(_Mention(start, title.end, reference=True))

    def _role_indexes(self) -> tuple[dict[str, list[_Person]], dict[str, list[_Person]]]:
        """People by their whole title ("defense minister") and by its endings ("minister")."""
        exact: dict[str, list[_Person]] = {}
        endings: dict[str, list[_Person]] = {}
        for person in self.people:
            if not person.title_norm or not person.mentions:
                continue
            exact.setdefault(person.title_norm, []).append(person)
            words = person.title_norm.split()
            for i in range(1, len(words)):
                endings.setdefault(" ".join(words[i:]), []).append(person)
        return exact, endings

    def _role_holder(self, title: _Title, exact: dict, endings: dict) -> _Person | None:
        wanted = (title.norm, *self.lex.role_aliases.get(title.norm, ()))
        for index in (exact, endings):
            fits = {id(p): p for w in wanted for p in index.get(w, ())}
            if title.country is not None:
                fits = {k: p for k, p in fits.items() if p.country == title.country}
            if fits:
                return next(iter(fits.values())) if len(fits) == 1 else None
        return None


def _author_keys(authors: Iterable[str]) -> set[str]:
    keys: set[str] = set()
    for author in authors:
        words = [w for w in _words(author) if w.lower() != "by"]
        for chosen in (words, [w for w in words if len(w) > 1]):
            keys.update(_key(v) for v in _order_variants(chosen) if v)
    return keys


# ---------------------------------------------------------------------------------------------
# Results


def _person_result(person: _Person, body: str, finder: _PeopleFinder) -> PersonResult:
    mentions = sorted(person.mentions, key=lambda m: m.start)
    info = person.first_info()
    role = info.role if info is not None else finder.known_role(person)
    aliases: list[str] = []
    for mention in mentions:
        surface = body[mention.start : mention.end]
        if surface != person.name and surface not in aliases:
            aliases.append(surface)
    known = person.known
    return PersonResult(
        name=person.name,
        slug=known.slug if known else slugify(person.name),
        role=role,
        country=person.country,
        aliases=aliases,
        mentions=[Span(m.start, m.end) for m in mentions],
        known=known is not None,
    )


def _grouped(places: list[_Place], kinds: set[str]) -> dict[str, list[Span]]:
    grouped: dict[str, list[Span]] = {}
    for place in places:
        if place.kind in kinds:
            grouped.setdefault(place.code, []).append(Span(place.start, place.end))
    return grouped


def find_names(body: str, meta: ArticleMeta, knowledge: Knowledge) -> NamesResult:
    """Countries, organisations and people named in ``body``, each with every mention's span,
    each list sorted by first mention."""
    lex = _lexicon(knowledge)
    folded = fold(body)
    raw, places = _find_places(folded, lex)
    finder = _PeopleFinder(body, folded, meta, lex, raw, places)
    people = [_person_result(p, body, finder) for p in finder.find()]
    people.sort(key=lambda p: p.mentions[0])
    in_names = bytearray(len(body) + 1)
    for person in finder.people:
        for m in person.mentions:
            if not m.reference:
                in_names[m.start : m.end] = b"\x01" * (m.end - m.start)
    places = [p for p in places if p.kind == "org" or not in_names[p.start]]  # "Jordan Smith"
    countries = [
        CountryResult(code=code, name=_country_name(knowledge, code), mentions=spans)
        for code, spans in _grouped(places, {"country", "demonym", "capital"}).items()
    ]
    organizations = [
        OrganizationResult(code=code, name=_organization_name(knowledge, code), mentions=spans)
        for code, spans in _grouped(places, {"org"}).items()
    ]
    countries.sort(key=lambda c: c.mentions[0])
    organizations.sort(key=lambda o: o.mentions[0])
    return NamesResult(people=people, countries=countries, organizations=organizations)


def _country_name(knowledge: Knowledge, code: str) -> str:
    country = knowledge.country(code)
    return country.name if country else code


def _organization_name(knowledge: Knowledge, code: str) -> str:
    organization = knowledge.organization(code)
    return organization.name if organization else code
