"""Stage 5 — quotes: direct quotations and who said them.

Quotations are found by a linear scan over the quotation marks of each paragraph, so hostile input
(thousands of stray marks) stays cheap and an unclosed mark never runs past its paragraph unless
the next paragraph continues the quotation. Every quotation is then attributed from, in order of
evidence: a speech cue right after it (``"…," X said`` / ``said X``), a speech cue earlier in its
sentence (``X said … "…"``), then its neighbours (the previous sentence, a quotation before it in
the paragraph, the quotation paragraph before it). The speaker phrase is resolved against the
names stage (people, organisations, countries) and a small grammar of anonymous sources,
documents, institutions, pronouns and role nouns ("the diplomat", "the NATO chief").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .knowledge import CountryInfo, Knowledge, OrganizationInfo, default_knowledge
from .result import NamesResult, PersonResult, QuoteResult, SpeakerKind


def _words(text: str) -> tuple[str, ...]:
    """A vocabulary written as one string; "_" stands for a space inside an entry."""
    return tuple(word.replace("_", " ") for word in text.split())


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, as a trie ("sa(?:id|ys|ying)") so the engine checks
    each shared prefix once; longer words win because optional suffixes are greedy."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _render(trie)


def _render(node: dict) -> str:
    """One trie node as a regex; the "" key marks the end of a word."""
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _render(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if "" in node else group


MIN_WORDS = 3  # shorter quoted strings are scare quotes or terms, never quotations

# Quoted words are replaced by this character in the "masked" copy of the body, so that nothing
# inside a quotation is read as the sentence around it (cue verbs, speakers, sentence ends).
_MASK = "\u2591"

# --- grammar: quotation marks ----------------------------------------------------------------

_DOUBLE_MARK = re.compile('["\u201c\u201d\u201e\u00ab\u00bb]')
_SINGLE_MARK = re.compile("['\u2018\u2019]")
_LEFT_DOUBLE, _OPEN_ONLY, _CLOSE_ONLY = "\u201c", "\u201e\u00ab", "\u201d\u00bb"
_OPENING_MARKS = '"\u201c\u201e\u00ab\u201d'  # what may open a continued paragraph
_CLOSING_MARKS = '"\u201d\u2019\u00bb'
_OPEN_BEFORE = frozenset("([{\u2014\u2013-/:;'\u2018\u201c\"")  # may precede an opening mark
_TRAILING_PUNCT = ".?!,;:\u2026"
_TERMINAL = ".?!\u2026"
_OPEN, _CLOSE, _IGNORE = 1, 2, 0

_PARA_BREAK = re.compile(r"\n(?:[ \t\r\f\v]*+\n)++")
_WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")
_TOKEN = re.compile(r"[\w.'\u2019&-]+|[^\w\s]")

# A sentence ends at terminal punctuation (plus closing marks) followed by a capital, a digit or
# an opening mark. Possessive quantifiers and the look-behind keep this linear on "....." runs.
_SENTENCE_END = re.compile(
    r"(?<![.?!])[.?!]++[\"\u201d\u2019\u00bb)\]]*+"
    r"(?=\s++(?:[\"'\u201c\u201e\u2018\u00ab(\[]|[A-Z0-9]))"
)
_DATELINE = re.compile(
    r"[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}(?:, [A-Z][\w.]*(?: [\w.]+){0,3})?"
    r"(?: ?\([^()\n]{1,40}\))? ?(?:--|\u2014|\u2013|-) "
)
_ABBREVIATIONS = frozenset(
    _words(
        "mr mrs ms dr gen lt col sgt capt cpt adm sen rep gov st jr sr no vs prof rev amb maj "
        "pres sec dept corp inc co ltd jan feb mar apr jun jul aug sep sept oct nov dec mt ft "
        "approx est fig vol op cf etc al"
    )
)

# --- grammar: speech cues --------------------------------------------------------------------

_CUE_WORDS = _words(
    "said says say saying added adds adding noted notes noting stressed stresses stressing "
    "told tells telling asked asks warned warns warning emphasized emphasised emphasizes "
    "emphasises emphasizing emphasising explained explains explaining stated wrote writes "
    "writing declared declares urged urges urging insisted insists insisting argued argues "
    "arguing highlighted highlights highlighting described describes describing called calls "
    "calling read reads replied replies responded remarked announced announces acknowledged "
    "admitted claimed claims commented concluded confirmed observed recalled reiterated "
    "reiterates suggested underlined underscored vowed pledged promised maintained predicted "
    "posted tweeted continued continues cautioned affirmed assured conceded mentioned lamented "
    "proclaimed contended dismissed denounced branded labelled labeled slammed criticized "
    "criticised condemned hailed praised blasted rejected accused pointed_out points_out "
    "pointing_out according_to quoted_as_saying went_on quoted"
)
_CUE = re.compile(rf"\b(?:{_alternation(_CUE_WORDS)})\b", re.IGNORECASE)
# "Yonhap quoted a government official as saying": the speaker sits between the two halves.
_QUOTED_AS = re.compile(r"\bquoted\s++([^\s\u2591][^\u2591]{0,80}?)\s+as\s+saying\b", re.I)
_LISTENER_CUES = frozenset(_words("told tells telling"))  # "told X": X is the listener

# Words that may stand between a speaker and its cue verb ("Shin was quoted", "he also said").
_FILLERS = frozenset(
    _words(
        "also has had have was were is are would will could then later earlier further again "
        "once previously recently reportedly separately similarly subsequently repeatedly "
        "additionally however himself herself itself themselves only first last simply "
        "publicly openly privately explicitly immediately quickly briefly directly today "
        "yesterday tonight monday tuesday wednesday thursday friday saturday sunday"
    )
)
# A name followed by its cue verb, maybe after an appositive and fillers: "… Dr Jane Roe said",
# "Jane Roe, who chairs the committee, also said". Such a name is its sentence's speaker even
# when lower-case words stand before it ("Otago University politics lecturer Jane Roe said").
_CUE_FOLLOWS = re.compile(
    rf"(?:\s*,[^,.;\n\u2591]{{1,120}},)?\s++(?:(?i:{_alternation(_FILLERS)})\s++){{0,2}}"
    rf"(?i:{_alternation(_CUE_WORDS)})\b"
)
# Words next to a name or in a role that tell "he" from "she"; first names are not used.
_FEMALE_WORDS = frozenset(
    _words(
        "ms ms. mrs mrs. miss madam madame dame lady baroness queen princess spokeswoman "
        "chairwoman congresswoman councilwoman businesswoman sister daughter wife mother widow"
    )
)
_MALE_WORDS = frozenset(
    _words(
        "mr mr. sir lord baron king prince spokesman chairman congressman councilman "
        "businessman brother son husband father"
    )
)
_LEADING_CONJUNCTIONS = frozenset(_words("and but so yet then while as"))
# A sentence-opening phrase ending at a comma that is not the subject: "In a separate briefing,",
# "Asked about the talks,", "Issuing a statement …,".
_CLAUSE_OPENERS = frozenset(
    _words(
        "in on at during after before following while when as asked speaking addressing "
        "issuing according with without despite amid amidst since earlier later meanwhile "
        "separately however also besides from for under through ahead upon unlike like last "
        "this by to responding referring commenting writing meeting yet still instead moreover "
        "furthermore additionally pressed questioned reached contacted interviewed once if "
        "although though whereas because unless until given"
    )
)
# After "said X": where the speaker phrase stops.
_X_STOP_WORDS = _words(
    "as on in at during when while after before who whose which that adding noting saying "
    "stressing told through via referring speaking citing and but because since if following "
    "amid ahead last this yesterday today tonight earlier later late Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday"
)
_X_AFTER_END = re.compile(
    '[,;:()\\[\\]"\u201c\u201d\u2014\u2013\u2591]'
    rf"|\s(?:{_alternation(_X_STOP_WORDS)})\b"
    r"|(?<!close)\sto\b"
)

# --- grammar: speaker phrases ----------------------------------------------------------------

_CAP = r"(?:(?:[A-Z]\.){1,3}|[A-Z][\w'\u2019&-]*)"  # "U.S." or "Korea's", never "Saturday."
_POSSESSIVE = r"[a-z]+['\u2019]s"
# Adjectives inside an anonymous source ("a senior, unnamed military official"); capitalised ones
# ("NATO", "Japanese") are matched as capitalised words, the title vocabulary adds the rest.
_PEOPLE_MODS = frozenset(
    _words(
        "senior top high-ranking high-level ranking former chief deputy vice foreign defense "
        "defence security military government ministry presidential unnamed anonymous local "
        "western intelligence trade finance economic diplomatic administration state federal "
        "national regional independent outside veteran prime police party opposition ruling "
        "embassy alliance first new incoming outgoing acting interim current visiting other "
        "army navy nuclear political industry private leading well-placed second third"
    )
)
_ANON_SINGULAR = _words(
    "official source diplomat spokesperson spokesman spokeswoman aide insider analyst expert "
    "observer lawmaker legislator officer envoy negotiator adviser advisor representative "
    "staffer person researcher member resident witness employee worker"
)
_ANON_PLURAL = _words(
    "officials sources diplomats spokespersons spokesmen spokeswomen aides insiders analysts "
    "experts observers lawmakers legislators officers envoys negotiators advisers advisors "
    "representatives staffers people researchers members residents witnesses employees "
    "workers leaders ambassadors ministers participants critics allies"
)
# Role nouns that fit any earlier speaker ("the diplomat" after an assistant secretary of state).
_GENERIC_ROLES = frozenset(
    _words(
        "official diplomat chief leader head spokesperson spokesman spokeswoman envoy source "
        "veteran politician"
    )
)
_DET = r"the|a|an|another|one|two|three|four|five|several|some|many|other|multiple|this|that"
# After an anonymous source: "a source familiar with the matter", "a person close to the talks".
_SOURCE_TAIL = (
    r"(?P<tail>\s+(?:familiar\s+with|close\s+to|with\s+knowledge\s+of|briefed\s+on|"
    r"involved\s+in)(?:\s+the)?\s+[a-z-]+)?"
)
_DOC_MODS = _words(
    "joint official written annual final new latest separate brief short full summit press "
    "policy ministry government presidential draft closing opening recent previous earlier "
    "televised prepared published released detailed internal public strongly-worded two-page "
    "leaders' leaders\u2019 military defense defence security foreign national weekly monthly daily"
)
_DOC_HEADS = _words(
    "statement declaration communique communiqu\u00e9 report resolution letter readout release "
    "document text memo memorandum notice editorial commentary dispatch bulletin white_paper "
    "paper strategy guidelines decree treaty agreement accord charter summary transcript "
    "message post concept plan directive announcement fact_sheet factsheet order"
)
_DOC_NP = re.compile(
    r"\b(?:(?P<det>(?i:the|a|an|its|their|his|her|this|that|our))\s+)?"
    rf"(?P<mods>(?:(?:{_CAP}|{_POSSESSIVE}|(?i:{_alternation(_DOC_MODS)}))\s+){{0,6}}?)"
    rf"(?P<head>(?i:{_alternation(_DOC_HEADS)}))s?\b"
)
# "in a joint vision statement", "through their leaders' declaration": the text a group spoke in.
_IN_DOCUMENT = re.compile(
    r"\b(?i:in|through|via)\s+(?P<doc>(?i:a|an|the|their|its)\s+(?:[\w'\u2019-]+\s+){0,4}?"
    rf"(?i:{_alternation(_DOC_HEADS)})s?)\b"
)
_ORG_MODS = _words(
    "presidential foreign defense defence unification state federal national central military "
    "government interior justice finance trade economy science environment home education "
    "health energy industry prime cabinet joint naval air armed security intelligence "
    "communist ruling opposition news press state-run state-owned state-controlled "
    "government-run semi-official"
)
_ORG_HEADS = _words(
    "ministry ministries office government department agency embassy council committee "
    "commission command military army navy air_force forces administration cabinet parliament "
    "assembly congress senate kremlin white_house blue_house pentagon secretariat alliance "
    "bureau service police court party headquarters mission delegation organization "
    "organisation union coalition regime authorities presidency palace leadership staff "
    "downing_street elysee \u00e9lys\u00e9e chiefs_of_staff media news_agency"
)
_ORG_NP = re.compile(
    r"\b(?:(?P<det>(?i:the|its|their|his|her))\s+)?"
    rf"(?P<mods>(?:(?:{_CAP}|{_POSSESSIVE}|(?i:{_alternation(_ORG_MODS)}))\s+){{0,4}}?)"
    rf"(?P<head>(?i:{_alternation(_ORG_HEADS)}))\b"
)
_PHRASES = (  # kind, head noun, whole phrase; "np" (people) comes from the title vocabulary
    ("doc", re.compile(rf"(?i:\b(?:{_alternation(_DOC_HEADS)})s?\b)"), _DOC_NP),
    ("org", re.compile(rf"(?i:\b(?:{_alternation(_ORG_HEADS)})\b)"), _ORG_NP),
)
_MODS_REACH = 120  # how far before its head noun a phrase may start ("a senior … official")
_NAME_FOLLOWS = re.compile(r"[ \t]+[A-Z]")
# A group of countries speaking as one ("the 11 countries", "both sides", "the two governments")
# can only do so through a joint text: the speaker is a document.
_GROUP_NUMBERS = _words("both all two three four five six seven eight nine ten eleven twelve")
_GROUP_HEADS = _words(
    "countries nations governments sides states parties allies partners capitals signatories"
)
_COUNTRY_GROUP = re.compile(
    rf"(?i:(?:the\s+)?(?:{_alternation(_GROUP_NUMBERS)}|\d{{1,3}})\s+)"
    rf"(?:[\w'\u2019-]+\s+){{0,2}}?(?i:{_alternation(_GROUP_HEADS)})\b"
)
# Between the members of a coordinated speaker: "NATO and Japan", "France, Germany and the UK".
_COORDINATION = re.compile(r"(?:\s*,)?\s+(?:and|&)\s+(?:the\s+)?|\s*,\s*(?:the\s+)?")
_ACRONYM = re.compile(r"\b[A-Z][A-Z&]{1,6}\b")  # NATO, KCNA, JCS: an organisation as a speaker
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey)\b")
_NAME_SEQUENCE = re.compile(r"(?:[A-Z][\w'\u2019.-]*\s+){0,3}[A-Z][\w'\u2019-]*")

# Before a person's title: a preposition means the person is not the subject ("with Dutch Prime
# Minister Mark Rutte", "a spokesperson for President X").
_PREPOSITIONS = frozenset(
    _words(
        "for of with to by from between about on at in like than against toward towards citing "
        "quoting under behind among beside besides via including met meet meets meeting"
    )
)
# Words that may stand inside a title besides the title vocabulary: "Minister of State for …".
_TITLE_GLUE = frozenset(_words("of for the a an and self-styled newly elected"))
_TITLE_KEYS = (  # entries of knowledge.titles that hold title words
    "person_titles",
    "title_modifiers",
    "honorifics",
    "courtesy_honorifics",
    "temporal_modifiers",
    "name_particles",
    "subject_titles",
    "government_titles",
)

# Scare quotes and terms: `signed a "comprehensive strategic partnership" treaty`.
_DETERMINERS = frozenset(_words("a an the its their his her our this that these those whose"))
_NAMING_WORDS = frozenset(
    _words("so-called dubbed titled entitled named codenamed code-named nicknamed slogan")
)
_TITLE_SMALL_WORDS = frozenset(_words("a an and the of for in on to at by with or nor but"))
_FUNCTION_WORDS = frozenset(
    _words(
        "for to in on at with by from and or but that which who whom whose is are was were be "
        "been has have had will would can could should may might must as than after before "
        "since because while if when where said says say it its they he she we you i this "
        "these those not no nor so yet also into onto over under about against between "
        "through during without within among across toward towards amid despite via per upon "
        "until unless whether"
    )
)

# --- confidence ------------------------------------------------------------------------------

EXPLICIT = 0.9  # a cue verb and a named speaker in the quotation's own sentence
RESOLVED = 0.75  # a pronoun or role noun resolved to someone named before
FALLBACK_NAME = 0.7  # a capitalised name the names stage did not report
SAME_PARAGRAPH = 0.65  # a second quotation after `"…," he said.` in the same paragraph
INFERRED = 0.6  # the previous sentence, or the previous quotation paragraph
GUESS = 0.4  # the latest speaker nearby, without any cue
UNKNOWN = 0.3  # nobody found
# How a speaker phrase is read: the words between a quotation and its cue ("…," Lim Soo-suk,
# spokesperson for the ministry, said), the words after an inverted cue (said Jane Doe, adding),
# a sentence subject followed by the rest of its clause, or the same starting right at the phrase.
_PHRASE, _INVERTED, _SUBJECT, _OPENING = "phrase", "inverted", "subject", "opening"

_UNCLOSED_FACTOR = 0.9  # a quotation capped at its paragraph end is less certain

_WINDOW_BEFORE = 400  # characters of a sentence looked at before a quotation
_WINDOW_AFTER = 240  # and after it
_LOOKBACK_BUDGET = 2000  # searches for an antecedent per document; real articles need a few dozen


# --- the title vocabulary (fixtures/knowledge/titles.json) ----------------------------------


@dataclass(frozen=True)
class _Titles:
    words: frozenset[str]  # lower-cased words that may stand in a title: "minister", "mr."
    aliases: frozenset[tuple[str, str]]  # ("chief", "secretary general"): "the NATO chief"
    modifiers: frozenset[str]  # words that narrow a role: "foreign" in "the foreign minister"
    person_head: re.Pattern  # a noun for a person: "official", "prime minister"
    person_np: re.Pattern  # the phrase around it: "a senior NATO official", "the diplomat"


def _titles(knowledge: Knowledge | None) -> _Titles:
    titles = (knowledge.titles if knowledge else None) or default_knowledge().titles or {}
    vocabulary = tuple(
        (key, tuple(str(w).lower() for w in titles.get(key, ()) if str(w).strip()))
        for key in _TITLE_KEYS
    )
    aliases = tuple(
        (str(a.get("alias", "")).lower(), str(a.get("title", "")).lower())
        for a in titles.get("role_aliases", ())
        if isinstance(a, dict)
    )
    return _compile_titles(vocabulary, aliases)


@lru_cache(maxsize=8)
def _compile_titles(
    vocabulary: tuple[tuple[str, tuple[str, ...]], ...], aliases: tuple[tuple[str, str], ...]
) -> _Titles:
    entries = dict(vocabulary)
    words = {w for entry in entries.values() for phrase in entry for w in phrase.split()}
    roles = {*entries.get("person_titles", ()), *entries.get("subject_titles", ())}
    roles.update(alias for alias, _ in aliases)
    heads = _alternation({*_ANON_SINGULAR, *_ANON_PLURAL, *roles})
    modifiers = _alternation(
        {*_PEOPLE_MODS, *entries.get("title_modifiers", ()), *entries.get("temporal_modifiers", ())}
    )
    person_np = re.compile(
        rf"\b(?:(?P<det>(?i:{_DET}))\s+)?"
        rf"(?P<mods>(?:(?:{_CAP}|{_POSSESSIVE}|(?i:{modifiers}))\s+){{0,4}}?)"
        rf"(?P<head>(?i:{heads}))\b" + _SOURCE_TAIL
    )
    temporal = set(entries.get("temporal_modifiers", ()))
    return _Titles(
        words=frozenset(words | _TITLE_GLUE),
        aliases=frozenset(aliases),
        modifiers=frozenset(w for w in entries.get("title_modifiers", ()) if w not in temporal),
        person_head=re.compile(rf"(?i:\b(?:{heads})\b)"),
        person_np=person_np,
    )


# --- data ------------------------------------------------------------------------------------


@dataclass
class _Quote:
    open: int  # index of the opening mark
    para: int
    close: int | None = None  # index of the closing mark; None when capped at a paragraph end
    parts: list[tuple[int, int]] = field(default_factory=list)  # content per paragraph
    end_para: int = 0
    start: int = 0
    end: int = 0
    text: str = ""
    words: int = 0


@dataclass(frozen=True)
class _Speaker:
    kind: SpeakerKind
    label: str | None
    name: str | None = None
    role: str | None = None
    country: str | None = None  # of a person: ISO code or organisation code
    plural: bool = False
    head: str = ""  # head noun of an anonymous phrase ("official")


@dataclass(frozen=True)
class _Attribution:
    speaker: _Speaker
    cue: str | None
    confidence: float
    explicit: bool = False  # found through a cue verb of the quotation's own sentence


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    kind: str  # person | np | doc | org | pronoun
    person: int = -1
    match: re.Match | None = None


class _Matches:
    """Matches of one pattern over the whole masked body, looked up by position."""

    def __init__(self, matches: list[re.Match]) -> None:
        self.matches = matches
        self.starts = [m.start() for m in matches]


def _within(found: _Matches, start: int, end: int) -> list[re.Match]:
    """The matches lying wholly inside ``[start, end)``."""
    slot = bisect.bisect_left(found.starts, start)
    stop = bisect.bisect_left(found.starts, end, slot)
    return [m for m in found.matches[slot:stop] if m.end() <= end]


def _first(found: _Matches, start: int, end: int) -> re.Match | None:
    """The first match lying wholly inside ``[start, end)``."""
    slot = bisect.bisect_left(found.starts, start)
    matches = found.matches
    while slot < len(matches) and matches[slot].start() < end:
        if matches[slot].end() <= end:
            return matches[slot]
        slot += 1
    return None


@dataclass
class _State:
    """What attribution remembers while walking the quotations in order."""

    previous: tuple[_Quote, _Attribution | None] | None = None
    by_paragraph: dict[int, _Attribution] = field(default_factory=dict)  # latest attributed


@dataclass
class _Context:
    body: str
    masked: str
    paras: list[tuple[int, int]]
    para_starts: list[int]
    sentence_starts: list[int]
    names: NamesResult
    person_spans: list[tuple[int, int, int]]
    person_starts: list[int]
    entity_spans: list[tuple[int, int]]  # organisation and country mentions
    entity_starts: list[int]
    entity_pattern: re.Pattern | None
    surname_index: dict[str, int]
    country_forms: dict[str, str]  # lower-cased country name or demonym -> ISO code
    titles: _Titles
    history: list[tuple[int, _Speaker]] = field(default_factory=list)  # (quote end, speaker)
    subjects: dict[tuple[int, int], list] = field(default_factory=dict)  # sentence subjects
    cues: _Matches = field(default_factory=lambda: _Matches([]))
    quoted_as: _Matches = field(default_factory=lambda: _Matches([]))
    heads: dict[str, _Matches] = field(default_factory=dict)
    phrases: tuple = ()  # (kind, head pattern, phrase pattern)
    lookbacks_left: int = _LOOKBACK_BUDGET
    genders: dict[int, str] = field(default_factory=dict)  # person index -> "f", "m" or ""


# --- public API ------------------------------------------------------------------------------


def find_quotes(body: str, names: NamesResult, knowledge: Knowledge) -> list[QuoteResult]:
    """Direct quotations of three words or more in ``body``, with their speakers, by position.

    ``body[start:end]`` is the quoted text without its marks (and without a trailing comma);
    ``text`` is the same except for a quotation continued over paragraphs, whose parts are joined
    by one space.
    """
    names = names or NamesResult()
    paras = _paragraphs(body)
    quotes = _scan_double(body, paras)
    quotes = sorted(quotes + _scan_single(body, paras, quotes), key=lambda q: q.open)
    ctx = _context(body, paras, quotes, names, knowledge)
    results: list[QuoteResult] = []
    state = _State()
    for quote in quotes:
        attribution = _attribute(ctx, quote, state)
        state.previous = (quote, attribution)
        if attribution:
            state.by_paragraph[quote.end_para] = attribution
            ctx.history.append((quote.end, attribution.speaker))
        if quote.words < MIN_WORDS or _is_term(ctx, quote, attribution):
            continue
        results.append(_result(quote, attribution))
    return results


def _result(quote: _Quote, attribution: _Attribution | None) -> QuoteResult:
    factor = 1.0 if quote.close is not None else _UNCLOSED_FACTOR
    if attribution is None:
        return QuoteResult(
            text=quote.text,
            start=quote.start,
            end=quote.end,
            speaker=None,
            speaker_label=None,
            speaker_kind=SpeakerKind.PERSON,
            confidence=UNKNOWN * factor,
        )
    speaker = attribution.speaker
    return QuoteResult(
        text=quote.text,
        start=quote.start,
        end=quote.end,
        speaker=speaker.name,
        speaker_label=speaker.label,
        speaker_kind=speaker.kind,
        role=speaker.role,
        cue=attribution.cue,
        confidence=round(attribution.confidence * factor, 3),
    )


# --- finding quotations ----------------------------------------------------------------------


def _paragraphs(body: str) -> list[tuple[int, int]]:
    """Spans of the non-blank paragraphs, trimmed of surrounding whitespace."""
    spans, pos = [], 0
    for match in _PARA_BREAK.finditer(body):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(body)))
    trimmed = []
    for start, end in spans:
        text = body[start:end]
        stripped = text.strip()
        if stripped:
            left = start + len(text) - len(text.lstrip())
            trimmed.append((left, left + len(stripped)))
    return trimmed


def _mark_role(body: str, i: int, para: tuple[int, int], inside: bool) -> int:
    """Whether the double mark at ``i`` opens or closes a quotation, from its neighbours."""
    start, end = para
    mark = body[i]
    before = body[i - 1] if i > start else " "
    after = body[i + 1] if i + 1 < end else " "
    open_like = (before.isspace() or before in _OPEN_BEFORE) and not after.isspace()
    close_like = not before.isspace() and not after.isalnum()
    if mark == _LEFT_DOUBLE:  # German „…“ closes with it
        return _CLOSE if inside and close_like and not open_like else _OPEN
    if mark in _OPEN_ONLY:
        return _OPEN
    if mark in _CLOSE_ONLY:  # some outlets open with ” too
        if inside:
            return _CLOSE
        return _OPEN if open_like and not close_like else _IGNORE
    if inside:  # a straight mark that clearly opens means the open quotation was never closed
        return _OPEN if open_like and not close_like else _CLOSE
    return _IGNORE if close_like and not open_like else _OPEN


def _scan_double(body: str, paras: list[tuple[int, int]]) -> list[_Quote]:
    found: list[_Quote] = []
    current: _Quote | None = None
    part_start = 0
    for index, para in enumerate(paras):
        skip = -1
        if current is not None:  # continued from the previous paragraph after its opening mark
            skip, part_start = para[0], para[0] + 1
        for match in _DOUBLE_MARK.finditer(body, para[0], para[1]):
            i = match.start()
            if i == skip:
                continue
            role = _mark_role(body, i, para, current is not None)
            if current is None:
                if role == _OPEN:
                    current, part_start = _Quote(open=i, para=index), i + 1
            elif role == _CLOSE:
                current.parts.append((part_start, i))
                current.close, current.end_para = i, index
                found.append(current)
                current = None
            elif role == _OPEN:  # the open quotation never closed: cap it here
                current.parts.append((part_start, i))
                current.end_para = index
                found.append(current)
                current, part_start = _Quote(open=i, para=index), i + 1
        if current is not None:
            current.parts.append((part_start, para[1]))
            current.end_para = index
            if not _continues(body, paras, index + 1):
                found.append(current)
                current = None
    return [quote for quote in found if _finish(body, quote)]


def _continues(body: str, paras: list[tuple[int, int]], index: int) -> bool:
    """A quotation left open at a paragraph end continues when the next one opens with a mark."""
    if index >= len(paras):
        return False
    start, end = paras[index]
    return body[start] in _OPENING_MARKS and start + 1 < end and not body[start + 1].isspace()


def _scan_single(body: str, paras: list[tuple[int, int]], doubles: list[_Quote]) -> list[_Quote]:
    """Single-quoted quotations of 3+ words outside double ones (British style), never
    apostrophes: ‘a turning point for us’, 'We will go,' she said — but not Russia’s, O'Brien."""
    covered = sorted((q.open, q.close if q.close is not None else q.end) for q in doubles)
    covered_starts = [span[0] for span in covered]
    found = []
    for index, (start, end) in enumerate(paras):
        opening = -1
        for match in _SINGLE_MARK.finditer(body, start, end):
            i = match.start()
            slot = bisect.bisect_right(covered_starts, i) - 1
            if slot >= 0 and covered[slot][1] >= i:
                continue
            mark = body[i]
            before = body[i - 1] if i > start else " "
            after = body[i + 1] if i + 1 < end else " "
            if (before.isspace() or before in _OPEN_BEFORE) and after.isalnum():
                opening = i
                continue
            if mark == "\u2018" or opening < 0 or before.isspace() or after.isalnum():
                continue  # an apostrophe: Russia’s, ’90s, O'Brien
            if mark == "'" and before not in _TRAILING_PUNCT:
                continue  # a straight mark closes only after punctuation: 'We go,' she said
            # "the allies’ position": a plural possessive, unless it already closes 3+ words
            possessive = before in "sS" and after == " " and body[i + 2 : i + 3].islower()
            quote = _Quote(open=opening, para=index, close=i, parts=[(opening + 1, i)])
            quote.end_para = index
            if _finish(body, quote) and quote.words >= MIN_WORDS:
                found.append(quote)
                opening = -1
            elif not possessive:
                opening = -1
    return found


def _finish(body: str, quote: _Quote) -> bool:
    """Trim the parts, drop a trailing comma, and set span, text and word count."""
    parts = []
    for start, end in quote.parts:
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        if start < end:
            parts.append((start, end))
    if parts:
        start, end = parts[-1]
        while end > start and (body[end - 1] == "," or body[end - 1].isspace()):
            end -= 1
        if end > start:
            parts[-1] = (start, end)
        else:
            parts.pop()
    if not parts:
        return False
    quote.parts = parts
    quote.start, quote.end = parts[0][0], parts[-1][1]
    if len(parts) == 1:
        quote.text = body[quote.start : quote.end]
    else:
        quote.text = " ".join(body[start:end] for start, end in parts)
    quote.words = len(_WORD.findall(quote.text))
    return True


# --- context ---------------------------------------------------------------------------------


def _context(
    body: str,
    paras: list[tuple[int, int]],
    quotes: list[_Quote],
    names: NamesResult,
    knowledge: Knowledge,
) -> _Context:
    masked = _mask(body, quotes)
    titles = _titles(knowledge)
    phrases = (("np", titles.person_head, titles.person_np), *_PHRASES)
    person_spans = sorted(
        (span.start, span.end, index)
        for index, person in enumerate(names.people)
        for span in person.mentions
    )
    entity_spans = sorted(
        (span.start, span.end)
        for group in (names.organizations, names.countries)
        for item in group
        for span in item.mentions
    )
    return _Context(
        body=body,
        masked=masked,
        paras=paras,
        para_starts=[start for start, _ in paras],
        sentence_starts=_sentence_starts(masked, paras),
        names=names,
        person_spans=person_spans,
        person_starts=[span[0] for span in person_spans],
        entity_spans=entity_spans,
        entity_starts=[span[0] for span in entity_spans],
        entity_pattern=_entity_pattern(knowledge),
        surname_index=_surname_index(names.people),
        country_forms=_country_forms(knowledge),
        titles=titles,
        phrases=phrases,
        cues=_Matches(list(_CUE.finditer(masked))),
        quoted_as=_Matches(list(_QUOTED_AS.finditer(masked))),
        heads={kind: _Matches(list(head.finditer(masked))) for kind, head, _ in phrases},
    )


def _mask(body: str, quotes: list[_Quote]) -> str:
    """The body with quoted words masked; trailing punctuation inside the marks stays."""
    ranges = []
    for quote in quotes:
        for start, end in quote.parts:
            keep = end
            while keep > start and body[keep - 1] in _TRAILING_PUNCT:
                keep -= 1
            ranges.append((start, keep))
    pieces, pos = [], 0
    for start, end in sorted(ranges):
        if start < pos:
            continue
        pieces.append(body[pos:start])
        pieces.append(_MASK * (end - start))
        pos = end
    pieces.append(body[pos:])
    return "".join(pieces)


def _sentence_starts(masked: str, paras: list[tuple[int, int]]) -> list[int]:
    """Where sentences start; a dateline ("TOKYO (AP) —") counts as a sentence of its own."""
    starts = [start for start, _ in paras]
    for start, end in paras:
        dateline = _DATELINE.match(masked, start, end)
        if dateline:
            starts.append(dateline.end())
    length = len(masked)
    for match in _SENTENCE_END.finditer(masked):
        if masked[match.start()] == "." and _is_abbreviation(masked, match.start()):
            continue
        nxt = match.end()
        while nxt < length and masked[nxt].isspace():
            nxt += 1
        starts.append(nxt)
    return sorted(set(starts))


def _is_abbreviation(text: str, dot: int) -> bool:
    """The period at ``dot`` ends "U.S.", "Gen." or an initial rather than a sentence."""
    start = dot
    while start > 0 and dot - start < 12 and text[start - 1].isalpha():
        start -= 1
    token = text[start:dot]
    if not token:
        return False
    if len(token) == 1 and token.isupper():
        return True
    return (start > 0 and text[start - 1] == ".") or token.lower() in _ABBREVIATIONS


def _entity_pattern(knowledge: Knowledge | None) -> re.Pattern | None:
    """Names of countries, capitals and organisations from the knowledge files, as one regex."""
    if knowledge is None:
        return None
    return _compiled_entities(knowledge.countries, knowledge.organizations)


@lru_cache(
    maxsize=8
)  # keyed on the reference data, which stays the same from one article to the next
def _compiled_entities(
    countries: tuple[CountryInfo, ...], organizations: tuple[OrganizationInfo, ...]
) -> re.Pattern | None:
    forms: set[str] = set()
    for country in countries:
        forms.update(country.names)
        forms.update(country.capitals)
    for organization in organizations:
        forms.add(organization.name)
        forms.update(organization.aliases)
    forms = {form for form in forms if len(form) > 1}
    return re.compile(rf"(?<!\w)(?:{_alternation(forms)})(?!\w)") if forms else None


def _country_forms(knowledge: Knowledge | None) -> dict[str, str]:
    """Lower-cased country names and demonyms -> ISO code ("japanese" -> "JP")."""
    return _country_form_index(knowledge.countries) if knowledge else {}


@lru_cache(maxsize=8)
def _country_form_index(countries: tuple[CountryInfo, ...]) -> dict[str, str]:
    return {
        form.lower(): country.code
        for country in countries
        for form in (*country.names, *country.demonyms)
    }


def _surname_index(people: list[PersonResult]) -> dict[str, int]:
    """Single name tokens ("Yoon", "Stoltenberg") that point to exactly one person."""
    seen: dict[str, set[int]] = {}
    for index, person in enumerate(people):
        for form in (person.name, *person.aliases):
            for token in form.replace("-", " ").split():
                if len(token) > 1 and token[0].isupper():
                    seen.setdefault(token.lower(), set()).add(index)
            seen.setdefault(form.lower(), set()).add(index)
    return {token: next(iter(ids)) for token, ids in seen.items() if len(ids) == 1}


def _para_of(ctx: _Context, pos: int) -> int:
    return max(0, bisect.bisect_right(ctx.para_starts, pos) - 1)


def _sentence_of(ctx: _Context, pos: int) -> tuple[int, int]:
    """(start, end) of the sentence holding ``pos``, within its paragraph."""
    starts = ctx.sentence_starts
    slot = bisect.bisect_right(starts, pos) - 1
    start = starts[slot] if slot >= 0 else 0
    para_end = ctx.paras[_para_of(ctx, pos)][1]
    end = starts[slot + 1] if slot + 1 < len(starts) else len(ctx.masked)
    return start, min(end, para_end)


# --- attribution -----------------------------------------------------------------------------


def _attribute(ctx: _Context, quote: _Quote, state: _State) -> _Attribution | None:
    after = _after(ctx, quote) if quote.close is not None else None
    before = _before(ctx, quote)
    if after and before and quote.end_para != quote.para:  # spanning: the stronger evidence
        found = before if before.confidence > after.confidence else after
    else:
        found = after or before
    if found is None:
        return _infer(ctx, quote, state)
    return _through_document(ctx, quote, found)


def _through_document(ctx: _Context, quote: _Quote, found: _Attribution) -> _Attribution:
    """`The G7 ministers said in a joint statement, "…"`: a group's words are the document's."""
    speaker = found.speaker
    if speaker.kind is not SpeakerKind.ANONYMOUS or not speaker.plural:
        return found
    start, _ = _sentence_of(ctx, quote.open)
    _, end = _sentence_of(ctx, quote.close if quote.close is not None else quote.end)
    match = _IN_DOCUMENT.search(ctx.masked, start, end)
    if match:
        label = ctx.body[match.start("doc") : match.end()]
        return replace(found, speaker=_Speaker(SpeakerKind.DOCUMENT, label))
    return found


def _after(ctx: _Context, quote: _Quote) -> _Attribution | None:
    """``"…," X said`` / ``"…," said X`` / ``"…," according to X``."""
    masked = ctx.masked
    close = quote.close
    para_end = ctx.paras[quote.end_para][1]
    start = close + 1
    limit = min(para_end, start + _WINDOW_AFTER)
    next_quote = masked.find(_MASK, start, limit)
    if next_quote >= 0:
        limit = next_quote - 1
    sentence_start, sentence_end = _sentence_of(ctx, start)
    new_sentence = sentence_start > close and masked[close + 1 : sentence_start].isspace()
    if new_sentence:  # `"Why now?" Smith asked.`: only a short cue sentence attributes
        return _short_cue_sentence(ctx, sentence_start, min(limit, sentence_end))
    limit = min(limit, sentence_end)
    while start < limit and (masked[start].isspace() or masked[start] in ",\u2014\u2013-"):
        start += 1
    return _cue_clause(ctx, start, limit, quote.open)


def _short_cue_sentence(ctx: _Context, start: int, end: int) -> _Attribution | None:
    cue = _first(ctx.cues, start, end)
    if not cue or len(_WORD.findall(ctx.masked[start : cue.start()])) > 5:
        return None
    if len(_WORD.findall(ctx.masked[cue.end() : end])) > 3:
        return None
    return _cue_clause(ctx, start, end, start)


def _cue_clause(ctx: _Context, start: int, limit: int, anchor: int) -> _Attribution | None:
    """Resolve the speaker of a clause opening right after a quotation."""
    masked = ctx.masked
    quoted_as = _first(ctx.quoted_as, start, limit)
    cue = _first(ctx.cues, start, limit)
    if quoted_as and (not cue or quoted_as.start() <= cue.start()):
        speaker = _resolve(ctx, quoted_as.start(1), quoted_as.end(1), anchor)
        return _explicit(speaker, "quoted as saying")
    if not cue:
        return None
    cue_text = cue.group()
    if cue_text.lower() == "according to":  # `"…" against the South, according to KCNA`
        x_start, x_end = _phrase_after_cue(masked, cue.end(), limit)
        return _explicit(_resolve(ctx, x_start, x_end, anchor), "according to")
    x_start, x_end = _trim(masked, start, cue.start())
    if x_start < x_end:
        if len(_WORD.findall(masked[x_start:x_end])) > 16:
            return None
        return _explicit(_resolve(ctx, x_start, x_end, anchor), cue_text)
    if _WORD.search(masked, start, cue.start()) or cue_text.lower() in _LISTENER_CUES:
        return None  # `"…," and said …`: the quotation's own subject goes on; "told X": a listener
    x_start, x_end = _phrase_after_cue(masked, cue.end(), limit)  # inverted: "said X"
    return _explicit(_resolve(ctx, x_start, x_end, anchor, mode=_INVERTED), cue_text)


def _explicit(found: tuple[_Speaker, float] | None, cue: str) -> _Attribution | None:
    if found is None:
        return None
    return _Attribution(found[0], cue, found[1], explicit=True)


def _phrase_after_cue(masked: str, start: int, limit: int) -> tuple[int, int]:
    stop = _X_AFTER_END.search(masked, start, limit)
    end = stop.start() if stop else limit
    return _trim(masked, start, end)


def _before(ctx: _Context, quote: _Quote) -> _Attribution | None:
    """``X said "…"`` / ``X said that … "…"`` / ``According to X, "…"`` in the same sentence."""
    sentence_start, _ = _sentence_of(ctx, quote.open)
    start = max(sentence_start, quote.open - _WINDOW_BEFORE)
    return _sentence_attribution(ctx, start, quote.open, quote.open)


def _sentence_attribution(ctx: _Context, start: int, end: int, anchor: int) -> _Attribution | None:
    """The speaker of a stretch of sentence that ends at ``end``, from its cue verbs."""
    masked = ctx.masked
    quoted_as = _first(ctx.quoted_as, start, end)
    if quoted_as:
        speaker = _resolve(ctx, quoted_as.start(1), quoted_as.end(1), anchor)
        if speaker:
            return _explicit(speaker, "quoted as saying")
    cues = [
        cue
        for cue in _within(ctx.cues, start, end)
        if cue.group().lower() == "according to" or not _is_leading(masked, start, cue.start())
    ]
    if not cues:
        return _colon_attribution(ctx, start, end, anchor)
    first = cues[0]
    for cue in reversed(cues):
        if cue.group().lower().endswith("ing"):  # "…, with the minister, Marles, describing"
            found = _absolute_subject(ctx, start, cue.start(), anchor)
        elif cue is not first:  # a later cue right after its own subject: "… and Yoon added"
            found = _subject_ending_at(ctx, first.end(), cue.start(), anchor)
        else:
            found = None
        if found:
            return _explicit(found, cue.group())
    if first.group().lower() == "according to":
        x_start, x_end = _phrase_after_cue(masked, first.end(), end)
        return _explicit(_resolve(ctx, x_start, x_end, anchor), "according to")
    subject_start = _after_last_quote(masked, start, first.start())
    subject_start = _skip_opening_clause(masked, subject_start, first.start())
    x_start, x_end = _trim(masked, subject_start, first.start())
    return _explicit(_resolve(ctx, x_start, x_end, anchor, mode=_SUBJECT), first.group())


def _absolute_subject(
    ctx: _Context, start: int, end: int, anchor: int
) -> tuple[_Speaker, float] | None:
    """The subject of a participle in a "with X -ing" phrase, which is not the sentence's."""
    with_at = ctx.masked.rfind("with ", max(start, end - 120), end)
    if with_at < 0 or (with_at > 0 and ctx.masked[with_at - 1].isalnum()):
        return None
    x_start, x_end = _trim(ctx.masked, with_at + 5, end)
    return _resolve(ctx, x_start, x_end, anchor) if x_start < x_end else None


def _colon_attribution(ctx: _Context, start: int, end: int, anchor: int) -> _Attribution | None:
    """`Yoon had a clear message: "…"`: the sentence subject introduces the quotation."""
    head = ctx.masked[start:end].rstrip()
    if not head.endswith(":"):
        return None
    subject_start = _skip_opening_clause(ctx.masked, start, end)
    x_start, x_end = _trim(ctx.masked, subject_start, start + len(head) - 1)
    found = _resolve(ctx, x_start, x_end, anchor, mode=_SUBJECT)
    if found is None:
        return None
    return _Attribution(found[0], None, min(found[1], RESOLVED), explicit=True)


def _is_leading(masked: str, start: int, pos: int) -> bool:
    """A cue opening its sentence is a participle phrase ("Stressing that …"), not the verb."""
    return not masked[start:pos].strip(" \t\n\"\u201c\u2018'(\u2014\u2013-")


def _after_last_quote(masked: str, start: int, end: int) -> int:
    """Where the text after the last quotation before ``end`` begins (`"…," X said`)."""
    last = masked.rfind(_MASK, start, end)
    if last < 0:
        return start
    last += 1
    while last < end and (masked[last] in _TRAILING_PUNCT or masked[last] in _CLOSING_MARKS):
        last += 1
    return last


def _skip_opening_clause(masked: str, start: int, end: int) -> int:
    """Skip "In a separate briefing," / "Asked about it," before a sentence's subject."""
    for _ in range(4):
        segment = masked[start:end]
        comma = segment.find(",")
        if comma < 0:
            break
        first = _WORD.search(segment)
        if not first or first.start() > comma:
            break
        word = first.group().lower()
        if word in _CLAUSE_OPENERS or (word.endswith("ing") and len(word) > 5):
            start += comma + 1
        else:
            break
    return start


def _trim(masked: str, start: int, end: int) -> tuple[int, int]:
    """Trim punctuation, leading conjunctions and trailing fillers ("also", "was") off a phrase."""
    while True:
        while start < end and (masked[start].isspace() or masked[start] in ",;:\u2014\u2013-"):
            start += 1
        while end > start and (masked[end - 1].isspace() or masked[end - 1] in ",;:\u2014\u2013"):
            end -= 1
        if end > start and masked[end - 1] == "." and not _is_abbreviation(masked, end - 1):
            end -= 1  # the sentence's full stop after "said Minister Mary Okafor."
            continue
        first = _WORD.match(masked, start, end)
        if first and first.group().lower() in _LEADING_CONJUNCTIONS:
            start = first.end()
            continue
        cut = end
        while cut > start and (masked[cut - 1].isalpha()):
            cut -= 1
        if (
            cut < end
            and masked[cut:end].lower() in _FILLERS
            and (cut == start or masked[cut - 1] in " ,\t\n")
        ):
            end = cut
            continue
        return start, end


def _subject_ending_at(
    ctx: _Context, start: int, end: int, anchor: int
) -> tuple[_Speaker, float] | None:
    """A speaker phrase that ends right before a cue verb ("and Yoon", ", he")."""
    x_start, x_end = _trim(ctx.masked, max(start, end - 100), end)
    if x_start >= x_end:
        return None
    for candidate in _candidates(ctx, x_start, x_end):
        if candidate.end == x_end and (
            candidate.kind != "person" or _qualified(ctx, x_start, candidate.start, candidate.end)
        ):
            return _resolve_candidate(ctx, candidate, x_start, x_end, anchor)
    return None


# --- inference when the sentence has no attribution ------------------------------------------


def _infer(ctx: _Context, quote: _Quote, state: _State) -> _Attribution | None:
    """A speaker for a quotation whose sentence has no speech cue, from its surroundings."""
    sentence_start, _ = _sentence_of(ctx, quote.open)
    para_start = ctx.paras[quote.para][0]
    after_quote = _after_last_quote(ctx.masked, sentence_start, quote.open)
    subject = _skip_opening_clause(ctx.masked, after_quote, quote.open)
    x_start, x_end = _trim(ctx.masked, subject, quote.open)
    if x_start < x_end:  # `The treaty obliges each side to give "…"`: the sentence subject
        found = _resolve(ctx, x_start, x_end, quote.open, mode=_OPENING)
        if found is None and after_quote > sentence_start:
            # `The leaders voiced "…" about China's "…"`: the subject opens the sentence
            subject = _skip_opening_clause(ctx.masked, sentence_start, quote.open)
            x_start, x_end = _trim(ctx.masked, subject, quote.open)
            found = _resolve(ctx, x_start, x_end, quote.open, mode=_OPENING)
        if found is None:
            return None
        return _through_document(ctx, quote, _Attribution(found[0], None, INFERRED))
    # The previous sentence of the paragraph, when it has no quotation of its own.
    if sentence_start > para_start:
        prev_start, _ = _sentence_of(ctx, sentence_start - 1)
        if _MASK not in ctx.masked[prev_start:sentence_start]:
            found = _sentence_attribution(ctx, prev_start, sentence_start, quote.open)
            if found:
                return _Attribution(found.speaker, None, min(found.confidence, INFERRED))
    same_para = state.by_paragraph.get(quote.para)
    if same_para:  # `"…," he said. "…"`
        return _Attribution(same_para.speaker, None, SAME_PARAGRAPH)
    if state.previous:
        last_quote, last = state.previous
        if last and last_quote.end_para == quote.para - 1 and quote.open == para_start:
            return _Attribution(last.speaker, None, INFERRED)  # a quotation paragraph continues
    if ctx.history and _para_of(ctx, ctx.history[-1][0]) >= quote.para - 1:
        return _Attribution(ctx.history[-1][1], None, GUESS)
    return None


# --- speaker phrases -------------------------------------------------------------------------


def _candidates(ctx: _Context, start: int, end: int) -> list[_Candidate]:
    """Everything in ``masked[start:end]`` that could name a speaker, by position."""
    masked = ctx.masked
    found: list[_Candidate] = []
    slot = bisect.bisect_left(ctx.person_starts, start)
    while slot < len(ctx.person_spans) and ctx.person_spans[slot][0] < end:
        p_start, p_end, index = ctx.person_spans[slot]
        if p_end <= end and masked[p_start] != _MASK:
            found.append(_Candidate(p_start, p_end, "person", person=index))
        slot += 1
    slot = bisect.bisect_left(ctx.entity_starts, start)
    while slot < len(ctx.entity_spans) and ctx.entity_spans[slot][0] < end:
        e_start, e_end = ctx.entity_spans[slot]
        if e_end <= end and masked[e_start] != _MASK:
            found.append(_Candidate(e_start, e_end, "org"))
        slot += 1
    for kind, _, pattern in ctx.phrases:
        first_head = _first(ctx.heads[kind], start, end)
        if first_head is None:  # head nouns are rare; the full phrase regex is not cheap
            continue
        lo = max(start, first_head.start() - _MODS_REACH)
        for match in pattern.finditer(masked, lo, end):
            if kind == "doc" and not match.group("det") and not _capitalised(match.group("mods")):
                continue
            if kind == "np" and _NAME_FOLLOWS.match(masked, match.end()):
                continue  # "the official Korean Central News Agency": an adjective before a name
            found.append(_Candidate(match.start(), match.end(), kind, match=match))
    if ctx.entity_pattern is not None:
        for match in ctx.entity_pattern.finditer(masked, start, end):
            found.append(_Candidate(match.start(), match.end(), "org"))
    for match in _ACRONYM.finditer(masked, start, end):
        found.append(_Candidate(match.start(), match.end(), "org"))
    for match in _PRONOUN.finditer(masked, start, end):
        found.append(_Candidate(match.start(), match.end(), "pronoun", match=match))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    return found


def _capitalised(mods: str) -> bool:
    return any(word[:1].isupper() for word in mods.split())


def _resolve(
    ctx: _Context, start: int, end: int, anchor: int, mode: str = _PHRASE
) -> tuple[_Speaker, float] | None:
    """Who the phrase ``masked[start:end]`` names, and how sure that is.

    In ``_PHRASE`` and ``_INVERTED`` mode the phrase must be nothing but the speaker (give or take
    titles and an appositive), as between a quotation and its cue or after "said"; in
    ``_SUBJECT`` mode it is a sentence subject followed by more words; in ``_OPENING`` mode the
    speaker must open the phrase.
    """
    if start >= end:
        return None
    joint = _joint_speaker(ctx, start, end, mode)
    if joint:
        return joint, EXPLICIT
    candidates = _candidates(ctx, start, end)
    people = [
        c for c in candidates if c.kind == "person" and _qualified(ctx, start, c.start, c.end)
    ]
    if people and _title_run(ctx, start, people[0].start):
        chosen = people[0]
    else:
        named = _name_fallback(ctx, start, end, mode, candidates)
        if named:
            return named
        usable = [c for c in candidates if c.kind != "person" or c in people]
        chosen = usable[0] if usable else None
    if chosen is None or not _in_place(ctx, chosen.start, chosen.end, start, end, mode):
        return None
    return _resolve_candidate(ctx, chosen, start, end, anchor)


def _joint_speaker(ctx: _Context, start: int, end: int, mode: str) -> _Speaker | None:
    """A group speaking as one through a joint text: "the 11 countries", "NATO and Japan"."""
    masked = ctx.masked
    group = _COUNTRY_GROUP.match(masked, start, end)
    stop = group.end() if group else _coordinated_end(ctx, start, end)
    if stop is None:
        return None
    rest = masked[stop:end].strip(" \t\n.")
    fillers = all(w.lower() in _FILLERS for w in _WORD.findall(rest))
    if mode != _OPENING and rest and rest[0] not in ",(" and (mode != _SUBJECT or not fillers):
        return None  # "NATO and Japan (also) said", not "Japan and Korea signed …, and X said"
    return _Speaker(SpeakerKind.DOCUMENT, ctx.body[start:stop], plural=True)


def _coordinated_end(ctx: _Context, start: int, end: int) -> int | None:
    """Where a run of two or more countries or organisations joined by "and" or commas, opening
    the phrase at ``start``, ends; None unless the run is joined by "and" ("NATO and Japan")."""
    pos = start + 4 if ctx.masked.startswith(("the ", "The "), start) else start
    members, joined = 0, False
    while members < 12:
        member_end = _entity_ending(ctx, pos, end)
        if member_end is None or ctx.masked.startswith(("'s", "\u2019s"), member_end):
            break
        members, stop = members + 1, member_end
        glue = _COORDINATION.match(ctx.masked, stop, end)
        if glue is None:
            break
        joined = joined or "and" in glue.group() or "&" in glue.group()
        pos = glue.end()
    if members < 2 or not joined:
        return None
    return stop


def _entity_ending(ctx: _Context, pos: int, end: int) -> int | None:
    """The end of a country or organisation named at ``pos`` (by the names stage or the
    knowledge files), if one starts there."""
    slot = bisect.bisect_left(ctx.entity_starts, pos)
    if slot < len(ctx.entity_spans) and ctx.entity_spans[slot][0] == pos <= end:
        span_end = ctx.entity_spans[slot][1]
        if span_end <= end:
            return span_end
    match = ctx.entity_pattern.match(ctx.masked, pos, end) if ctx.entity_pattern else None
    return match.end() if match else None


def _in_place(ctx: _Context, c_start: int, c_end: int, start: int, end: int, mode: str) -> bool:
    """Whether a speaker found at ``[c_start, c_end)`` sits where ``mode`` wants it."""
    if mode == _SUBJECT:
        return True
    if mode == _OPENING:
        return _title_run(ctx, start, c_start)
    return _covers(ctx, c_start, c_end, start, end, fillers=mode == _PHRASE)


def _covers(
    ctx: _Context, c_start: int, c_end: int, start: int, end: int, fillers: bool = True
) -> bool:
    """The candidate is the whole phrase, give or take titles before and an appositive or an
    affiliation after ("Lim Soo-suk, spokesperson for …", "Prof. Baek of … University")."""
    if not _title_run(ctx, start, c_start):
        return False
    rest = ctx.masked[c_end:end].strip(" \t\n.")
    if not rest or rest[0] in ",(" or rest.startswith(("of ", "from ", "for ")):
        return True
    return fillers and all(word.lower() in _FILLERS for word in _WORD.findall(rest))


def _resolve_candidate(
    ctx: _Context, candidate: _Candidate, start: int, end: int, anchor: int
) -> tuple[_Speaker, float] | None:
    if candidate.kind == "person":
        label = _person_label(ctx, candidate, start)
        return _person_speaker(ctx, candidate.person, label), EXPLICIT
    if candidate.kind == "pronoun":
        return _pronoun(ctx, candidate.match.group(), anchor)
    if candidate.kind == "np":
        return _person_phrase(ctx, candidate.match, anchor)
    if candidate.kind == "doc":
        return _document(ctx, candidate.match, anchor)
    label = _org_label(ctx, candidate, end)
    if label.lower() in _FILLERS or label.lower() in _LEADING_CONJUNCTIONS:
        return None
    return _Speaker(SpeakerKind.ORGANIZATION, label), EXPLICIT


def _org_label(ctx: _Context, candidate: _Candidate, end: int) -> str:
    """The organisation as written: "the JCS", "Russia's Foreign Ministry" (a name extended to
    the institution after it)."""
    extended = _ORG_NP.match(ctx.masked, candidate.start, end)
    stop = max(candidate.end, extended.end()) if extended else candidate.end
    start = candidate.start
    if ctx.body[max(0, start - 4) : start].lower() == "the ":
        start -= 4
    return ctx.body[start:stop]


def _person_speaker(ctx: _Context, index: int, label: str) -> _Speaker:
    person = ctx.names.people[index]
    return _Speaker(
        SpeakerKind.PERSON, label, name=person.name, role=person.role, country=person.country
    )


def _person_label(ctx: _Context, candidate: _Candidate, start: int) -> str:
    """The person as written, with the titles before the name: "Defense Minister Shin"."""
    if _title_run(ctx, start, candidate.start):
        return ctx.body[start : candidate.end]
    return ctx.body[candidate.start : candidate.end]


def _qualified(ctx: _Context, region: int, start: int, end: int) -> bool:
    """A person mention at ``[start, end)`` of a phrase starting at ``region`` can be a speaker:
    not the object of a preposition ("talks with Prime Minister X"), not a possessive."""
    masked = ctx.masked
    if masked[end : end + 2] in ("'s", "\u2019s"):
        return False
    tokens = _TOKEN.findall(masked[max(region, start - 80) : start])
    for i in range(len(tokens) - 1, -1, -1):
        lower = tokens[i].lower()
        if lower in _PREPOSITIONS:  # unless inside a title: "Minister for Foreign Affairs X"
            if i > 0 and tokens[i - 1][0].isupper():
                continue
            return False
        if tokens[i][0].isupper() or lower in ctx.titles.words or lower.endswith(("'s", "\u2019s")):
            continue
        return True
    return True


def _title_run(ctx: _Context, start: int, pos: int) -> bool:
    """Only titles, capitalised words and commas stand between ``start`` and a name at ``pos``."""
    if pos - start > 160:
        return False
    for token in _TOKEN.findall(ctx.masked[start:pos]):
        lower = token.lower()
        if token[0].isupper() or lower in ctx.titles.words or token in ",-\u2014\u2013":
            continue
        if lower.endswith(("'s", "\u2019s")) or lower in _PEOPLE_MODS:
            continue
        return False
    return True


def _person_phrase(ctx: _Context, match: re.Match, anchor: int) -> tuple[_Speaker, float] | None:
    """ "a senior NATO official" (anonymous) or "the diplomat" (someone named before)."""
    det = (match.group("det") or "").lower()
    head = match.group("head").lower()
    mods = match.group("mods")
    label = ctx.body[match.start() : match.end()]
    plural = head in _ANON_PLURAL
    anaphoric = not plural and det in ("the", "this", "that") and "'" not in mods
    anaphoric = anaphoric and "\u2019" not in mods
    if not anaphoric and (det or plural or head in _ANON_SINGULAR):
        anonymous = _Speaker(SpeakerKind.ANONYMOUS, label, plural=plural, head=head)
        return anonymous, EXPLICIT
    found = _antecedent(ctx, anchor, head, mods)
    if found is None:
        return _Speaker(SpeakerKind.ANONYMOUS, label, plural=plural, head=head), RESOLVED
    if found.kind is SpeakerKind.PERSON:
        return replace(found, label=label), RESOLVED
    return found, RESOLVED


def _document(ctx: _Context, match: re.Match, anchor: int) -> tuple[_Speaker, float]:
    label = ctx.body[match.start() : match.end()]
    bare = (match.group("det") or "").lower() in ("the", "this", "that") and not match.group("mods")
    if bare:  # "the statement added": the document named just before
        for _, speaker in reversed(ctx.history):
            if speaker.kind is SpeakerKind.DOCUMENT:
                return speaker, RESOLVED
        named = _named_document_before(ctx, anchor)
        if named:
            return _Speaker(SpeakerKind.DOCUMENT, named), RESOLVED
    return _Speaker(SpeakerKind.DOCUMENT, label), EXPLICIT


def _named_document_before(ctx: _Context, anchor: int) -> str | None:
    start = ctx.paras[max(0, _para_of(ctx, anchor) - 1)][0]
    start = max(start, anchor - 1500)
    named = None
    for match in _DOC_NP.finditer(ctx.masked, start, anchor):
        if _capitalised(match.group("mods")) or match.group("head")[0].isupper():
            named = ctx.body[match.start() : match.end()]
    return named


def _pronoun(ctx: _Context, word: str, anchor: int) -> tuple[_Speaker, float] | None:
    lower = word.lower()
    if lower in ("he", "she"):
        found = _antecedent(ctx, anchor, pronoun=lower)
        if found is None:
            return None
        if found.kind is SpeakerKind.PERSON:
            return replace(found, label=word), RESOLVED
        return found, RESOLVED
    for _, speaker in reversed(ctx.history):  # "it said" / "they said"
        if speaker.kind in (SpeakerKind.ORGANIZATION, SpeakerKind.DOCUMENT) or (
            lower == "they" and speaker.kind is SpeakerKind.ANONYMOUS and speaker.plural
        ):
            return speaker, RESOLVED
        break
    kinds = ("org", "doc", "np") if lower == "they" else ("org", "doc")
    found = _recent_subject(ctx, anchor, kinds=kinds)
    if found:
        return found, RESOLVED
    if lower == "they":  # a group nobody named; "they said in a joint statement" still resolves
        return _Speaker(SpeakerKind.ANONYMOUS, word, plural=True), INFERRED
    return None


def _antecedent(
    ctx: _Context, anchor: int, head: str | None = None, mods: str = "", pronoun: str = ""
) -> _Speaker | None:
    """Who "he", "she" or "the <role>" refers to at ``anchor``.

    The latest sentence subject (person or anonymous source) introduced since the last attributed
    quotation wins over that quotation's speaker: a new paragraph about someone else is usually
    followed by their words.
    """
    last, last_end = None, -1
    for end, speaker in reversed(ctx.history):
        if speaker.kind in (SpeakerKind.PERSON, SpeakerKind.ANONYMOUS) and not speaker.plural:
            last, last_end = speaker, end
            break
    recent = _recent_subject(ctx, anchor, kinds=("person", "np"), after=last_end, pronoun=pronoun)
    if head is None:
        if last is not None and _conflicts(ctx, last, pronoun):
            last = None  # "she said" cannot go back to a Mr Teodoro
        return (
            recent
            or last
            or _recent_subject(ctx, anchor, kinds=("person",), strict=False, pronoun=pronoun)
        )
    nearby = [c for c in (recent, last) if c]
    exact = [c for c in nearby if _fits(ctx, c, head, mods, exact=True)]
    if exact:  # "the official" after "a senior NATO official"; "the minister" after a minister
        return exact[0]
    role_holders = [
        i
        for i, person in enumerate(ctx.names.people)
        if (
            _holds(ctx, person.role, head, mods)
            and _mods_fit(ctx, person.role, person.country, mods)
        )
        or _titled(ctx, i, f"{mods}{head}", anchor)
    ]
    mentioned = [i for i in role_holders if _last_mention_before(ctx, i, anchor) >= 0]
    if mentioned:  # "the prime minister": the holder of that role named most recently
        latest = max(mentioned, key=lambda i: _last_mention_before(ctx, i, anchor))
        return _person_speaker(ctx, latest, ctx.names.people[latest].name)
    generic = [c for c in nearby if _fits(ctx, c, head, mods, exact=False)]
    if generic:  # "the diplomat" after an assistant secretary of state
        return generic[0]
    if len(role_holders) == 1:
        return _person_speaker(ctx, role_holders[0], ctx.names.people[role_holders[0]].name)
    return None


def _titled(ctx: _Context, index: int, title: str, anchor: int) -> bool:
    """Whether the article named the person under ``title`` before ``anchor``: "the Deputy
    Prime Minister" after "the Deputy Prime Minister and Minister for Defence, Jane Roe MP"."""
    title = " ".join(title.lower().split())
    if len(title) < 4:
        return False
    for span in ctx.names.people[index].mentions[:10]:
        if span.start >= anchor:
            continue
        window = max(0, span.start - 160)
        at = ctx.masked[window : span.start].lower().rfind(title)
        if at < 0 or not _title_run(ctx, window + at, span.start):
            continue
        slot = bisect.bisect_right(ctx.person_starts, window + at)
        if slot < len(ctx.person_starts) and ctx.person_starts[slot] < span.start:
            continue  # the title belongs to someone named in between
        return True
    return False


def _fits(ctx: _Context, speaker: _Speaker, head: str, mods: str, exact: bool) -> bool:
    """Whether "the <mods> <head>" can refer to ``speaker``: exactly (same head noun, or a role
    that contains it) or generically ("the official" for anyone speaking officially)."""
    if speaker.kind is SpeakerKind.ANONYMOUS:
        if exact:
            return head == speaker.head
        return head in _ANON_SINGULAR or head in _GENERIC_ROLES
    if speaker.kind is not SpeakerKind.PERSON:
        return False
    if exact and not _holds(ctx, speaker.role, head, mods):
        return False
    if not exact and head not in _GENERIC_ROLES:
        return False
    return _mods_fit(ctx, speaker.role, speaker.country, mods)


def _holds(ctx: _Context, role: str | None, head: str, mods: str) -> bool:
    """Whether a person with ``role`` is "the <mods> <head>": "the foreign minister" for a
    Foreign Minister but not a Prime Minister; "the chief" for a Secretary General (a role alias
    of the title vocabulary)."""
    role = (role or "").lower()
    if not role or not (head in role or (head, role) in ctx.titles.aliases):
        return False
    narrowing = [w for w in mods.split() if w.islower() and w in ctx.titles.modifiers]
    return all(word in role.split() for word in narrowing)


def _mods_fit(ctx: _Context, role: str | None, country: str | None, mods: str) -> bool:
    """ "the NATO chief" fits a person of NATO; "the Japanese minister" does not fit a Korean."""
    capitals = " ".join(w for w in mods.split() if w[:1].isupper())
    if not capitals:
        return True
    known = f"{role or ''} {country or ''}".lower()
    if any(word.rstrip("'\u2019s").lower() in known.split() for word in capitals.split()):
        return True
    lowered = f" {capitals.lower()} "
    return any(
        f" {form} " in lowered and code == country for form, code in ctx.country_forms.items()
    )


def _last_mention_before(ctx: _Context, index: int, anchor: int) -> int:
    mentions = [m.start for m in ctx.names.people[index].mentions if m.start < anchor]
    return max(mentions, default=-1)


def _recent_subject(
    ctx: _Context,
    anchor: int,
    kinds: tuple[str, ...],
    after: int = -1,
    strict: bool = True,
    pronoun: str = "",
) -> _Speaker | None:
    """The latest sentence subject of the given kinds in this and the previous paragraph; with
    ``pronoun`` ("he", "she") not a person known to be of the other gender."""
    if ctx.lookbacks_left <= 0:  # a pathological document: stop looking back
        return None
    ctx.lookbacks_left -= 1
    para = _para_of(ctx, anchor)
    window_start = max(ctx.paras[max(0, para - 1)][0], after, anchor - 1500)
    slot = bisect.bisect_right(ctx.sentence_starts, anchor) - 1
    checked = 0
    while slot >= 0 and checked < 8:
        start = ctx.sentence_starts[slot]
        if start < window_start:
            break
        checked += 1
        slot -= 1
        _, end = _sentence_of(ctx, start)
        end = min(end, anchor)
        for candidate, subject in _subject_candidates(ctx, start, end):
            if candidate.kind not in kinds:
                continue
            if (
                strict
                and not _title_run(ctx, subject, candidate.start)
                and not _speaks(ctx, candidate)
            ):
                break
            if candidate.kind == "person" and not _qualified(
                ctx, subject, candidate.start, candidate.end
            ):
                continue
            if ctx.masked.startswith(" and ", candidate.end):
                break  # "Yoon and the leaders of …": a plural subject is not "he"
            speaker = _subject_speaker(ctx, candidate)
            if speaker and _conflicts(ctx, speaker, pronoun):
                break  # an earlier sentence may name the person meant
            if speaker:
                return speaker
            if candidate.kind != "np":
                break  # else a title ("German Chancellor") may precede the name
    return None


def _speaks(ctx: _Context, candidate: _Candidate) -> bool:
    """A person named right before a cue verb: "… lecturer Dr Jane Roe said"."""
    return candidate.kind == "person" and bool(_CUE_FOLLOWS.match(ctx.masked, candidate.end))


def _conflicts(ctx: _Context, speaker: _Speaker, pronoun: str) -> bool:
    """Whether "he" or "she" cannot refer to ``speaker``, a person of known gender."""
    if pronoun not in ("he", "she") or speaker.kind is not SpeakerKind.PERSON or not speaker.name:
        return False
    index = next((i for i, p in enumerate(ctx.names.people) if p.name == speaker.name), -1)
    gender = _gender(ctx, index) if index >= 0 else ""
    return bool(gender) and gender != ("f" if pronoun == "she" else "m")


def _gender(ctx: _Context, index: int) -> str:
    """ "f" or "m" when the article marks the person's gender ("Ms Collins", "spokeswoman")."""
    known = ctx.genders.get(index)
    if known is not None:
        return known
    person = ctx.names.people[index]
    words = [w.lower() for w in _WORD.findall(f"{person.role or ''} {' '.join(person.aliases)}")]
    body = ctx.body
    for span in person.mentions[:20]:
        before = [w.lower() for w in _WORD.findall(body[max(0, span.start - 40) : span.start])]
        if "of" not in before[-2:]:  # "the sister of Kim …" says nothing about Kim
            words.extend(before[-2:])
        words.extend(w.lower() for w in _WORD.findall(body[span.start : span.end])[:1])
    female = sum(w in _FEMALE_WORDS for w in words)
    male = sum(w in _MALE_WORDS for w in words)
    gender = "f" if female > male else "m" if male > female else ""
    ctx.genders[index] = gender
    return gender


def _subject_candidates(ctx: _Context, start: int, end: int) -> list[tuple[_Candidate, int]]:
    """Candidates at the start of a sentence's subject (memoised: many quotations look back)."""
    key = (start, end)
    cached = ctx.subjects.get(key)
    if cached is None:
        subject = _skip_opening_clause(ctx.masked, start, end)
        cached = [(c, subject) for c in _candidates(ctx, subject, min(end, subject + 160))]
        ctx.subjects[key] = cached
    return cached


def _subject_speaker(ctx: _Context, candidate: _Candidate) -> _Speaker | None:
    label = ctx.body[candidate.start : candidate.end]
    if candidate.kind == "person":
        return _person_speaker(ctx, candidate.person, label)
    if candidate.kind == "np":
        match = candidate.match
        det = (match.group("det") or "").lower()
        head = match.group("head").lower()
        if det in ("the", "this", "that") or head not in (*_ANON_SINGULAR, *_ANON_PLURAL):
            return None  # itself a reference back, or a role without a name
        return _Speaker(SpeakerKind.ANONYMOUS, label, plural=head in _ANON_PLURAL, head=head)
    if candidate.kind == "doc":
        return _Speaker(SpeakerKind.DOCUMENT, label)
    if candidate.kind == "org":
        return _Speaker(SpeakerKind.ORGANIZATION, _org_label(ctx, candidate, candidate.end + 60))
    return None


def _name_fallback(
    ctx: _Context, start: int, end: int, mode: str, candidates: list[_Candidate]
) -> tuple[_Speaker, float] | None:
    """A capitalised name the names stage did not report ("said Minister Mary Okafor", "White
    House press secretary Karine Lee said"): its surname may still point to a known person."""
    masked = ctx.masked
    for match in _NAME_SEQUENCE.finditer(masked, start, end):
        if not _title_run(ctx, start, match.start()):
            return None
        tokens = list(re.finditer(r"\S+", match.group()))
        while tokens and tokens[0].group().lower().rstrip(".") in ctx.titles.words:
            tokens.pop(0)  # "Minister", "Prof."
        if not tokens:
            continue
        words = [token.group() for token in tokens]
        name_start = match.start() + tokens[0].start()
        if any(c.start < match.end() and name_start < c.end for c in candidates):
            continue  # an organisation, a country or a role noun, not a name
        if not _in_place(ctx, match.start(), match.end(), start, end, mode):
            return None
        whole = mode in (_PHRASE, _INVERTED)
        label = ctx.body[start:end].strip() if whole else ctx.body[start : match.end()]
        for form in (" ".join(words), *reversed(words)):
            index = ctx.surname_index.get(form.lower())
            if index is not None:
                return _person_speaker(ctx, index, label), EXPLICIT
        if len(words) >= 2 and all(w[:1].isupper() and not w.isupper() for w in words):
            return _Speaker(SpeakerKind.PERSON, label, name=" ".join(words)), FALLBACK_NAME
        return None
    return None


# --- scare quotes and terms ------------------------------------------------------------------


def _is_term(ctx: _Context, quote: _Quote, attribution: _Attribution | None) -> bool:
    """A quoted name or term, not a quotation: `a "comprehensive strategic partnership" treaty`,
    `dubbed "Pacific Shield Twenty Four"`, `joined the "Partnership for Peace Programme"`."""
    if quote.words > 12 or quote.end_para != quote.para or quote.close is None:
        return False
    masked = ctx.masked
    para_start = ctx.paras[quote.para][0]
    before = _TOKEN.findall(masked[max(para_start, quote.open - 40) : quote.open])
    previous = before[-1].lower() if before else ""
    unpunctuated = quote.text[-1:] not in _TERMINAL and "," not in quote.text
    if previous in _NAMING_WORDS and unpunctuated:
        return True
    if before and unpunctuated and quote.words <= 8 and _title_case(quote.text):
        return True
    if quote.words > 4 or (attribution is not None and attribution.explicit):
        return False
    if previous not in _DETERMINERS:
        return False
    after = masked[quote.close + 1 : quote.close + 40]
    if re.match(r"[.;]?\s*$|[.;]\s", after):  # `what analysts call an "axis of upheaval".`
        return True
    following = re.match(r"\s+([a-z][\w-]*)", after)
    if not following:
        return False
    word = following.group(1)
    return word == "of" or (word not in _FUNCTION_WORDS and not word.endswith("ly"))


def _title_case(text: str) -> bool:
    """ "Partnership for Peace Programme": every word capitalised but the small ones."""
    words = _WORD.findall(text)
    significant = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return len(significant) >= 2 and all(w[0].isupper() or w[0].isdigit() for w in significant)
