"""Stage 6b — events: summits, meetings, briefings, visits, declarations, sanctions, ...

Events come from trigger words in sentences ("met with", "press briefing", "slapped sanctions",
"vetoed"). References to known summits become one event each, keyed by the summit's slug.
Definite mentions ("the briefing", "their tour", "at the summit") refer back to an event already
found instead of creating a new one, and repeated mentions of the same meeting are merged.
Dates come from the event's own sentence, else from the event it took place at, else from the
article's lead when the sentence reports the lead's remarks, else from the summit the article
is covering.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from . import dates
from .dates import DateMention, SummitMention
from .knowledge import Knowledge, SummitInfo
from .result import (
    ActorKind,
    ActorRef,
    ArticleMeta,
    EventResult,
    EventType,
    FuzzyDate,
    NamesResult,
    PersonResult,
    Precision,
    QuoteResult,
    Span,
)

# --- triggers -----------------------------------------------------------------------------------

_MINISTERS = r"(?:foreign|defen[cs]e|finance|trade|economy|economic)\s+ministers"


@dataclass(frozen=True)
class _Spec:
    type: EventType
    noun: str  # what a definite mention of the event would call it
    keywords: tuple[str, ...]  # lower-case words the pattern cannot match without
    regex: re.Pattern
    needs_date: bool = False  # common words that name an occurrence only when it is dated


def _spec(
    kind: EventType,
    noun: str,
    keywords: tuple[str, ...],
    *parts: str,
    case: bool = False,
    needs_date: bool = False,
) -> _Spec:
    flags = 0 if case else re.I
    return _Spec(kind, noun, keywords, re.compile("".join(parts), flags), needs_date)


_TRIGGERS: list[_Spec] = [
    _spec(
        EventType.MINISTERIAL,
        "meeting",
        ("ministers",),
        rf"\bmeeting\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?{_MINISTERS}\b",
    ),
    _spec(
        EventType.MINISTERIAL,
        "meeting",
        ("ministers",),
        rf"\b{_MINISTERS}(?:'|’)?\s+(?:meeting|talks|gathering|conference)\b",
    ),
    _spec(
        EventType.MINISTERIAL,
        "meeting",
        ("ministers",),
        rf"\b{_MINISTERS}\s+(?:of\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){{0,3}}\s+)?",
        r"(?:met|gathered|convened)\b",
    ),
    _spec(
        EventType.MINISTERIAL,
        "meeting",
        ("ministerial",),
        r"\bministerial(?:\s+(?:meeting|talks))?\b",
    ),
    _spec(
        EventType.BILATERAL,
        "meeting",
        ("bilateral", "one-on-one"),
        r"\b(?:bilateral|one-on-one)\s+(?:meetings?|talks|summit)\b",
    ),
    _spec(
        EventType.BILATERAL,
        "meeting",
        ("met", "meet"),
        r"\b(?:met|meets|meet|meeting|meetings)\s+with\b",
    ),
    _spec(
        EventType.BILATERAL,
        "meeting",
        ("met",),
        r"\b(?i:met)\s+(?=(?:the\s+|his\s+|her\s+)?[A-Z])",
        case=True,
    ),
    _spec(
        EventType.BILATERAL,
        "meeting",
        ("talks",),
        r"\b(?:held|hold|holds|holding)\s+(?:[\w-]+\s+){0,2}?talks\s+with\b",
    ),
    _spec(EventType.BILATERAL, "meeting", ("talks",), r"\btalks\s+with\b"),
    _spec(EventType.BILATERAL, "meeting", ("meeting",), r"\bmeetings?\s+between\b"),
    _spec(EventType.BILATERAL, "summit", ("summit",), r"\bsummit\s+(?:with|between)\b"),
    _spec(
        EventType.BILATERAL,
        "meeting",
        ("call", "talks", "conversation"),
        r"\b(?:phone|telephone|video)\s+(?:call|talks|conversation)\s+with\b",
    ),
    _spec(EventType.SUMMIT, "summit", ("summit",), r"\bsummits?\b"),
    _spec(
        EventType.SUMMIT,
        "meeting",
        ("talks", "meeting", "gathering"),
        r"\b(?:talks|meeting|meetings|gathering)\b",
    ),
    _spec(
        EventType.BRIEFING,
        "briefing",
        ("briefing", "conference"),
        r"\b(?:(?:joint\s+)?(?:press|news|media)\s+(?:briefing|conference)|briefing)\b",
    ),
    _spec(
        EventType.VISIT,
        "visit",
        ("visit", "tour", "trip", "arrived"),
        r"\b(?:visit|visits|visited|visiting|toured|tour|trip\s+to|arrived\s+in)\b",
    ),
    _spec(
        EventType.STATEMENT,
        "statement",
        ("statement", "declaration", "communiq"),
        r"\b(?:joint\s+)?(?:statement|declaration|communiqu[eé])\b",
    ),
    _spec(
        EventType.STATEMENT,
        "statement",
        ("critici", "condemn", "denounc", "slammed", "protested"),
        r"\b(?:Ministry|Office|Kremlin|Pentagon|spokesperson|spokesman|spokeswoman)\b",
        r"[^.;\"“”]{0,40}?\b(?:criticized|criticised|condemned|denounced|slammed|protested)\b",
        case=True,
    ),
    _spec(
        EventType.SANCTION,
        "sanction",
        ("sanctions",),
        r"\b(?:impos\w*|slap\w*|announc\w*|levied|levy|plac\w*|unveil\w*|introduc\w*",
        r"|expand\w*|adopt\w*)\s+(?:[\w-]+\s+){0,3}?sanctions\b",
    ),
    _spec(
        EventType.SANCTION,
        "sanction",
        ("sanction", "blacklisted"),
        r"\b(?:new|fresh|additional|unilateral|independent)\s+sanctions\b|\bsanctioned\b",
        r"|\bblacklisted\b",
    ),
    _spec(
        EventType.LAUNCH,
        "launch",
        ("launch", "fire", "test"),
        r"\b(?:launch(?:ed|es|ing)?|test-fir(?:ed|es|e|ing)|fired|test(?:ed|s)?)\b",
    ),
    _spec(
        EventType.VOTE,
        "vote",
        ("veto", "vot", "resolution"),
        r"\bveto(?:ed|es)?\b|\bvot(?:ed|es|e|ing)\s+(?:on|for|against|to)\b",
        r"|\b(?:adopted|passed|rejected)\s+(?:a\s+|the\s+)?(?:[\w-]+\s+){0,4}?resolution\b",
    ),
    _spec(
        EventType.AGREEMENT,
        "agreement",
        ("sign",),
        r"\bsign(?:ed|s|ing)?\s+(?:a|an|the|their)?\s*[^.;]{0,60}?",
        r"\b(?:treaty|agreement|pact|accord|memorandum|MOU|deal)\b",
    ),
    _spec(
        EventType.AGREEMENT,
        "agreement",
        ("establishment",),
        r"\bestablishment\s+of\s+(?:a|an|the)\s+[^.;,]{0,50}?",
        r"\b(?:program|programme|partnership|framework|mechanism)\b",
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("establishment", "opening", "launch of"),
        r"\b(?:establishment|opening|launch)\s+of\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?",
        r"(?:mission|embassy|office|liaison\s+office|consulate|hotline)\b",
    ),
    _spec(
        EventType.BILATERAL,
        "meeting",
        ("met", "meet", "talked", "spoke", "sat down"),
        r"\b(?:met|talked|spoke|sat\s+down)\b(?!\s+(?:with|to)\s+(?:reporters|journalists|media))",
    ),
    _spec(
        EventType.BILATERAL,
        "meeting",
        ("meet",),
        r"\b(?i:meets?)\s+(?=(?:the\s+|his\s+|her\s+)?[A-Z])",
        case=True,
    ),
    _spec(EventType.BRIEFING, "briefing", ("briefed",), r"\bbriefed\b"),
    _spec(
        EventType.VOTE,
        "vote",
        ("approved", "passed", "adopted", "ratified", "voted"),
        r"\b(?:parliament|lower\s+house|upper\s+house|national\s+assembly|assembly|senate",
        r"|congress|duma|legislature|lawmakers)\b[^.;]{0,40}?\b(?:approved|passed|adopted",
        r"|ratified|voted)\b",
        needs_date=True,
    ),
    _spec(
        EventType.VOTE,
        "vote",
        ("election",),
        r"\b(?:presidential|parliamentary|general|legislative|snap|local|upper\s+house)\s+",
        r"elections?\b",
        needs_date=True,
    ),
    _spec(
        EventType.AGREEMENT,
        "agreement",
        ("agree", "deal"),
        r"\b(?:agreed\s+(?:to|on)|agree\s+on|reached\s+(?:an?\s+)?(?:agreement|deal)",
        r"|struck\s+(?:an?\s+)?(?:agreement|deal))\b",
        needs_date=True,
    ),
    _spec(
        EventType.AGREEMENT,
        "agreement",
        ("signed",),
        r"\b(?:treaty|agreement|pact|accord|deal),?\s+(?:that\s+|which\s+)?(?:[\w'’-]+\s+){0,6}?",
        r"signed\b",
    ),
    _spec(
        EventType.OTHER,
        "other",
        ("drill", "exercise", "patrol", "manoeuvre", "maneuver", "war game"),
        r"\b(?:drills?|exercises?|patrols?|manoeuvres|maneuvers|war\s+games)\b",
        needs_date=True,
    ),
]

_LAUNCH_OBJECT_RE = re.compile(
    r"\b(?:missiles?|rockets?|satellites?|ICBMs?|SLBMs?|projectiles?|warheads?|Hwasong[\w-]*)\b",
    re.I,
)
_HYPOTHETICAL_RE = re.compile(
    r"\b(?:would|could|might|may|should|must|if|whether|unless|never)\s+(?:[\w-]+\s+){0,1}$",
    re.I,
)
# Not an occurrence: negated, merely considered or planned, habitual.
_UNREAL_RE = re.compile(
    r"\b(?:not|no|never|without|absence\s+of|considering|considered|planned|planning|hopes?\s+to"
    r"|hoping|proposed|possible|potential|continues?\s+to|keeps?|repeatedly|regularly|every"
    r"|annual|yearly|routine)\s+"
    r"(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
# Definite mentions refer back only through nouns ("the briefing"), not verbs ("the North fired").
_NOUN_STARTS = frozenset(
    re.findall(
        r"\S+",
        "summit summits meeting meetings talks gathering briefing press news media joint visit "
        "tour trip statement declaration communique communiqué bilateral ministerial launch vote "
        "resolution establishment drill drills exercise exercises patrol patrols",
    )
)
_DEFINITE_RE = re.compile(
    r"\b(?:the|this|that|these|those|their|his|her|its|such)\s+(?:[\w'’-]+\s+){0,3}$", re.I
)
# "a separate briefing", "the first Freedom Edge exercise": not the event already named
_SEPARATE_RE = re.compile(
    r"\b(?:separate|another|other|new|fresh|earlier|previous|first|second|third|fourth|fifth"
    r"|last|next)\s+(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
_GENERIC_SUMMIT_BEFORE_RE = re.compile(r"\b(?:previous|past|future|next|annual|all)\s+$", re.I)
_SPEECH_RE = re.compile(
    r"\b(?:said|says|told|spoke|remarks?|added|stressed|noted|highlighted|shared|expressed"
    r"|emphasi[sz]ed|described|urged|called|comments?|announced|praised|welcomed|warned"
    r"|pledged|vowed|reiterated|underscored|raised|discussed)\b",
    re.I,
)
_AFTERWARD_RE = re.compile(r"\b(?:afterward|afterwards|after that|subsequently|then)\b", re.I)
_VISITING_ADJECTIVE_RE = re.compile(r"^visiting\s+[a-z]")
_TITLE_RE = re.compile(
    r"\b(?:[A-Z][\w'’-]*\s+){1,5}(?:Declaration|Statement|Communiqu[eé]|Program(?:me)?|Treaty)\b"
)
_GROUP_RE = re.compile(
    r"\b(?P<who>[A-Z][\w.]*)\s+(?P<group>ambassadors|envoys|officials|delegation|lawmakers"
    r"|ministers|leaders|diplomats)\b"
)
_ANONYMOUS_RE = re.compile(
    r"\b(?:[Aa]n?|[Aa]nother)\s+(?:[\w.-]+\s+){0,3}?"
    r"(?:official|spokesperson|spokesman|spokeswoman|diplomat)\b"
)
_QUOTED_NAME_RE = re.compile(r"[\"“]([^\"“”]{3,60})[\"”]")
_PARTNERS_RE = re.compile(
    r"\b(?:Indo-Pacific|Asia[- ]Pacific)\s+(?:partners|Partners\s+4|Four)\b|\b(?:IP4|AP4)\b"
)
_PLACE_AFTER_RE = re.compile(
    r"\b(?:in|at)\s+(?:the\s+)?(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}"
    r"(?:,\s+D\.C\.)?)"
)
_DESTINATION_RE = re.compile(
    r"\b(?:visit(?:s|ed|ing)?|trip|tour(?:ed)?|travel(?:l?ed)?|arrived)\s+(?:to\s+|of\s+|in\s+)?"
    r"(?:the\s+)?$"
)

# Nouns that definite mentions use, and the event types they can refer back to.
_NOUN_TYPES: dict[str, set[EventType]] = {
    "meeting": {EventType.BILATERAL, EventType.MINISTERIAL, EventType.SUMMIT, EventType.OTHER},
    "summit": {EventType.SUMMIT, EventType.BILATERAL},
    "briefing": {EventType.BRIEFING},
    "visit": {EventType.VISIT},
    "statement": {EventType.STATEMENT},
    "sanction": {EventType.SANCTION},
    "launch": {EventType.LAUNCH},
    "vote": {EventType.VOTE},
    "agreement": {EventType.AGREEMENT},
    "other": {EventType.OTHER},
}
_SIDELINES_RE = re.compile(
    r"\bon the (?:sidelines|margins) of\s+(?:the\s+)?(?:[\w'’-]+\s+)?$", re.I
)
_MEETING_LIKE = {EventType.BILATERAL, EventType.MINISTERIAL, EventType.SUMMIT, EventType.OTHER}
_LONG_QUOTE = 60  # shorter quoted phrases are names or scare quotes, not speech
_LOOK_BACK = 40  # earlier events a mention may refer to; keeps hostile input linear
_MAX_TRIGGERS = 600  # far more than any article has
_MAX_SENTENCES = 12  # sentences kept per event for its place, name and setting


@dataclass(frozen=True)
class _Trigger:
    type: EventType
    noun: str
    span: Span
    text: str
    needs_date: bool = False


@dataclass(frozen=True)
class _Actor:
    span: Span
    ref: ActorRef
    label: str  # display form
    person: PersonResult | None = None


@dataclass
class _Draft:
    type: EventType
    trigger: _Trigger
    sentence: Span
    participants: list[ActorRef] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    date: FuzzyDate | None = None
    end_date: FuzzyDate | None = None
    date_reason: str = ""
    place: str | None = None
    host_country: str | None = None
    parent: str | None = None
    reference: str | None = None
    name: str = ""
    sentences: list[Span] = field(default_factory=list)
    future: bool = False
    separate: bool = False  # "a separate briefing": not the occasion of the lead


# --- the document context -----------------------------------------------------------------------


class _Document:
    """Everything the stage needs about one article, computed once."""

    def __init__(self, body: str, meta: ArticleMeta, names: NamesResult, knowledge: Knowledge):
        self.body = body
        self.meta = meta
        self.names = names
        self.knowledge = knowledge
        self.anchor = meta.published
        self.sentences = dates.sentence_spans(body)
        self.paragraphs = dates.paragraph_spans(body)
        self.quotes = [q for q in dates.quote_regions(body) if q.end - q.start > _LONG_QUOTE]
        self.expressions = dates.scan_dates(body)
        self.dates = dates.resolve_all(self.expressions, self.anchor)
        self.actors = _actors(names)
        self.places = _place_gazetteer(knowledge)
        mentions = dates.find_summit_mentions(body, knowledge, self.expressions)
        self.references: list[tuple[SummitMention, SummitInfo]] = [
            (m, s) for m in mentions if (s := dates.choose_summit(m, self.anchor))
        ]
        self.used_times = {t.span for m, _ in self.references for t in m.times}
        self.reference_spans = _union(m.span for m, _ in self.references)
        self.reference_words = _union(m.trigger for m, _ in self.references)

    def text(self, span: Span) -> str:
        return self.body[span.start : span.end]

    def in_quote(self, position: int) -> bool:
        return dates.inside(position, self.quotes) is not None

    def in_reference(self, position: int) -> bool:
        return dates.inside(position, self.reference_spans) is not None

    def in_reference_word(self, position: int) -> bool:
        return dates.inside(position, self.reference_words) is not None

    def paragraph_index(self, position: int) -> int:
        return bisect_right(self.paragraphs, position, key=_span_start) - 1

    def sentence_of(self, position: int) -> Span:
        return dates.containing(self.sentences, position) or Span(position, position)

    def clause(self, trigger: _Trigger, sentence: Span) -> Span:
        """The part of the sentence an event's participants are looked for in."""
        start = max(sentence.start, trigger.span.start - 90)
        end = min(sentence.end, trigger.span.end + 110)
        before = self.body[start : trigger.span.start]
        if ";" in before:
            start += before.rindex(";") + 1
        after = self.body[trigger.span.end : end]
        if ";" in after:
            end = trigger.span.end + after.index(";")
        return Span(start, end)

    def actors_in(self, span: Span, *, skip_references: bool = True) -> list[_Actor]:
        return [
            a
            for a in dates.between(self.actors, span.start, span.end, key=_actor_start)
            if not self.in_quote(a.span.start)
            and not (skip_references and self.in_reference(a.span.start))
        ]


def _actor_start(actor: _Actor) -> int:
    return actor.span.start


def _mention_start(mention: DateMention) -> int:
    return mention.span.start


def _union(spans) -> list[Span]:
    """Overlapping spans merged, sorted: for fast "is this position inside one" lookups."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


def _actors(names: NamesResult) -> list[_Actor]:
    actors: list[_Actor] = []
    for person in names.people:
        ref = ActorRef(ActorKind.PERSON, person.name)
        actors += [_Actor(span, ref, person.name, person) for span in person.mentions]
    for country in names.countries:
        ref = ActorRef(ActorKind.COUNTRY, country.code)
        actors += [_Actor(span, ref, country.name) for span in country.mentions]
    for org in names.organizations:
        ref = ActorRef(ActorKind.ORGANIZATION, org.code)
        actors += [_Actor(span, ref, org.code) for span in org.mentions]
    return sorted(actors, key=lambda a: a.span)


def _place_gazetteer(knowledge: Knowledge) -> dict[str, str | None]:
    """Known place names (capitals, summit cities) -> ISO code of their country."""
    places: dict[str, str | None] = {}
    for country in knowledge.countries:
        for capital in country.capitals:
            places[capital] = country.code
    for summit in knowledge.summits:
        places.setdefault(summit.city, summit.country)
    return places


# --- finding events -----------------------------------------------------------------------------


def find_events(
    body: str, meta: ArticleMeta, names: NamesResult, knowledge: Knowledge
) -> list[EventResult]:
    """Events the article reports or refers to, one per occurrence, in order of first mention."""
    doc = _Document(body, meta, names, knowledge)
    finder = _Finder(doc)
    finder.run()
    return finder.results()


class _Finder:
    def __init__(self, doc: _Document):
        self.doc = doc
        self.drafts: list[_Draft] = []
        self.by_reference: dict[str, _Draft] = {}
        # (position, draft) of every mention so far, for definite mentions to refer back to.
        self.history: list[tuple[int, _Draft, str]] = []
        # sentence -> (event it says it took place at or right after, "at" or "after")
        self.settings: dict[Span, tuple[_Draft, str]] = {}

    def run(self) -> None:
        items: list[tuple[int, object]] = [
            (m.trigger.start, (m, s)) for m, s in self.doc.references
        ]
        items += [(t.span.start, t) for t in _triggers(self.doc)]
        for _, item in sorted(items, key=lambda i: i[0]):
            if isinstance(item, _Trigger):
                self._trigger(item)
            else:
                self._reference(*item)
        for draft in self.drafts:
            self._complete(draft)

    # references to known summits

    def _reference(self, mention: SummitMention, summit: SummitInfo) -> None:
        draft = self.by_reference.get(summit.slug)
        participants = [ActorRef(ActorKind.ORGANIZATION, summit.organization)]
        participants += [
            a.ref
            for a in self.doc.actors_in(mention.sentence, skip_references=False)
            if a.ref.kind is ActorKind.PERSON
        ]
        if draft is None:
            draft = _Draft(
                type=EventType.SUMMIT,
                trigger=_Trigger(EventType.SUMMIT, "summit", mention.trigger, "summit"),
                sentence=mention.sentence,
                reference=summit.slug,
                name=summit.name,
                date=dates.day_date(summit.start),
                end_date=dates.day_date(summit.end) if summit.end != summit.start else None,
                date_reason=f"reference dates of {summit.name}",
                place=summit.city,
                host_country=summit.country,
            )
            self.by_reference[summit.slug] = draft
            self.drafts.append(draft)
        _add_participants(draft, participants)
        self.history.append((mention.trigger.start, draft, "summit"))
        if mention.at:
            self.settings.setdefault(mention.sentence, (draft, "at"))

    # trigger words

    def _trigger(self, trigger: _Trigger) -> None:
        doc = self.doc
        sentence = doc.sentence_of(trigger.span.start)
        before = doc.body[max(sentence.start, trigger.span.start - 40) : trigger.span.start]
        first_word = trigger.text.split()[0].lower()
        definite = first_word in _NOUN_STARTS and (
            bool(_DEFINITE_RE.search(before))
            and not _SEPARATE_RE.search(before)
            or bool(re.search(r"\bsuch\s+$", before))  # "the first such visit"
        )
        if definite and trigger.noun in _NOUN_TYPES:
            target = self._antecedent(trigger, sentence, before)
            if target is not None:
                self._refer(target, trigger, sentence, before)
                return
        draft = self._draft(trigger, sentence)
        if draft is None:
            return
        merged = self._merge_target(draft, before)
        if merged is not None:
            self._absorb(merged, draft)
            self.history.append((trigger.span.start, merged, trigger.noun))
            return
        self.drafts.append(draft)
        self.history.append((trigger.span.start, draft, trigger.noun))

    def _antecedent(self, trigger: _Trigger, sentence: Span, before: str) -> _Draft | None:
        """The event a definite mention ("the meeting", "their tour") refers back to: one
        named in an earlier sentence; "on the sidelines of" it, a summit."""
        types = _NOUN_TYPES[trigger.noun]
        if _SIDELINES_RE.search(before):
            types = {EventType.SUMMIT}
        summits = []
        for position, draft, noun in reversed(self.history[-_LOOK_BACK:]):
            if position >= sentence.start and draft.reference is None:
                continue
            if trigger.noun == "summit" and noun != "summit":
                continue
            if draft.type not in types:
                continue
            if trigger.noun == "meeting" and draft.reference is not None:
                summits.append(draft)  # "the two-day meeting" may be the summit itself
                continue
            return draft
        return summits[0] if summits else None

    def _refer(self, target: _Draft, trigger: _Trigger, sentence: Span, before: str) -> None:
        placement = _placement(before)
        if placement:
            self.settings.setdefault(sentence, (target, placement))
        if target.reference is None:
            actors = self.doc.actors_in(self.doc.clause(trigger, sentence))
            _add_participants(target, [a.ref for a in actors if a.ref.kind is ActorKind.PERSON])
            own = self._own_date(trigger, sentence)
            if own:
                _date_into(target, *own)
            if len(target.sentences) < _MAX_SENTENCES:
                target.sentences.append(sentence)
        self.history.append((trigger.span.start, target, trigger.noun))

    def _draft(self, trigger: _Trigger, sentence: Span) -> _Draft | None:
        doc = self.doc
        clause = doc.clause(trigger, sentence)
        actors = doc.actors_in(clause)
        kind = trigger.type
        if trigger.noun == "summit" and kind is EventType.SUMMIT or trigger.noun == "meeting":
            kind = _meeting_type(doc, trigger, sentence, actors, kind)
            if kind is None:
                return None
        future = dates.is_future(doc.body, trigger.span.start, sentence.start)
        draft = _Draft(kind, trigger, sentence, sentences=[sentence], future=future)
        before = doc.body[max(sentence.start, trigger.span.start - 40) : trigger.span.start]
        draft.separate = bool(_SEPARATE_RE.search(before))
        if trigger.type is EventType.BILATERAL:
            actors = _bilateral_actors(doc, trigger, sentence, actors)
            if actors is None:
                return None
        elif kind is EventType.VISIT and not _visit_has_subject(doc, trigger, actors):
            return None
        elif kind is EventType.VISIT and _to_summit(doc, trigger, sentence):
            return None  # "arrived in Washington for the summit": attending it
        if kind is EventType.LAUNCH:  # who launched (named first), not who reacted
            countries = [a for a in actors if a.ref.kind is ActorKind.COUNTRY]
            launcher = [a for a in countries if a.span.end <= trigger.span.start][-1:]
            actors = launcher or countries[:1]
        _add_participants(draft, [a.ref for a in actors])
        if _PARTNERS_RE.search(doc.text(clause)):
            _add_participants(draft, _partner_countries(doc.knowledge))
        draft.persons = [a.ref.key for a in actors if a.ref.kind is ActorKind.PERSON]
        own = self._own_date(trigger, sentence, tight=trigger.text.lower().startswith("agree"))
        if own:
            draft.date, draft.end_date, draft.date_reason = own
        elif trigger.needs_date:
            return None  # "agreed to", "elections", "drills" without a date: no occurrence
        return draft

    def _own_date(
        self, trigger: _Trigger, sentence: Span, *, tight: bool = False
    ) -> tuple[FuzzyDate, FuzzyDate | None, str] | None:
        """The date nearest the trigger in its sentence; ``tight``: in the same clause."""
        doc = self.doc
        options = [
            d
            for d in dates.between(doc.dates, sentence.start, sentence.end, key=_mention_start)
            if d.span not in doc.used_times
            and not doc.in_quote(d.span.start)
            and d.expression.prefix not in dates.BOUND_PREFIXES
        ]
        if tight:
            options = [d for d in options if _same_clause(doc.body, d.span, trigger.span)]
        if not options:
            return None
        best = min(options, key=lambda d: (_distance(d.span, trigger.span), -_rank(d.start)))
        return best.start, best.end, f"'{best.text}' in the same sentence"

    def _merge_target(self, draft: _Draft, before: str) -> _Draft | None:
        if _SEPARATE_RE.search(before):
            return None
        for other in reversed(self.drafts[-_LOOK_BACK:]):
            if other.reference is None and _same_occurrence(other, draft):
                return other
        return None

    def _absorb(self, target: _Draft, draft: _Draft) -> None:
        _add_participants(target, draft.participants)
        target.persons += [p for p in draft.persons if p not in target.persons]
        if draft.date is not None:
            _date_into(target, draft.date, draft.end_date, draft.date_reason)
        if len(target.sentences) < _MAX_SENTENCES:
            target.sentences.append(draft.sentence)

    # dates, places, parents and names once every mention is known

    def _complete(self, draft: _Draft) -> None:
        if draft.reference:
            return
        found = next((self.settings[s] for s in draft.sentences if s in self.settings), None)
        setting, how = found if found and found[0] is not draft else (None, None)
        if draft.date is None:
            self._borrow_date(draft, setting)
        if how == "after":
            setting = None  # dated by it, but not part of it
        if setting is not None and not draft.participants and setting.reference is None:
            _add_participants(draft, setting.participants)  # "at the summit, the two sides ..."
        draft.place, draft.host_country = _place(self.doc, draft)
        self._parent(draft, setting)
        if draft.parent and draft.date is None:
            summit = self.doc.knowledge.summit(draft.parent)
            if summit:
                draft.date = _summit_month(summit)
                draft.date_reason = f"during {summit.name}"
        if draft.parent and draft.place is None:
            summit = self.doc.knowledge.summit(draft.parent)
            if summit:
                draft.place, draft.host_country = summit.city, summit.country
        draft.name = _name(self.doc, draft)

    def _borrow_date(self, draft: _Draft, setting: _Draft | None) -> None:
        doc = self.doc
        if setting is not None and setting.date is not None:
            if setting.reference:
                summit = doc.knowledge.summit(setting.reference)
                draft.date = _summit_month(summit) if summit else setting.date
            else:
                draft.date, draft.end_date = setting.date, setting.end_date
            draft.date_reason = f"at {setting.name or 'the event'} referred to in the sentence"
            return
        text = doc.text(draft.sentence)
        previous = self._previous_dated(draft)
        if _AFTERWARD_RE.search(text) and previous is not None:
            draft.date = dates.year_date(previous.date.value.year)
            draft.date_reason = "after an event of the same year"
            return
        lead = _lead_date(doc)
        paragraph = doc.paragraph_index(draft.trigger.span.start)
        if (
            lead is not None
            and paragraph < 4
            and not draft.future
            and not draft.separate
            and _SPEECH_RE.search(text)
            and draft.type in (_MEETING_LIKE | {EventType.BRIEFING, EventType.STATEMENT})
        ):
            draft.date = lead.start
            draft.date_reason = f"the remarks of the lead, '{lead.text}'"
            if draft.place is None and doc.meta.dateline:
                draft.place = _title(doc.meta.dateline)

    def _previous_dated(self, draft: _Draft) -> _Draft | None:
        earlier = [
            d
            for d in self.drafts[-_LOOK_BACK:]
            if d.date is not None and d.trigger.span.start < draft.trigger.span.start
        ]
        return max(earlier, key=lambda d: d.trigger.span.start, default=None)

    def _parent(self, draft: _Draft, setting: _Draft | None) -> None:
        if setting is not None:
            draft.parent = setting.reference or setting.parent
            if draft.parent:
                return
        for mention, summit in self.doc.references:
            if mention.sentence not in draft.sentences:
                continue
            adjacent = 0 <= draft.trigger.span.start - mention.span.end <= 2
            if adjacent or (mention.at and _within(draft.date, summit, slack=1)):
                draft.parent = summit.slug
                return
        for summit in self._referenced_summits():
            dated = draft.date is not None and draft.date.precision is Precision.DAY
            if dated and _within(draft.date, summit) and _place_fits(draft.place, summit):
                draft.parent = summit.slug
                return
        if (
            draft.date is None
            and not draft.future
            and draft.type in _MEETING_LIKE | {EventType.STATEMENT}
        ):
            covering = self._covered_summit()
            if covering is not None:
                draft.parent = covering.slug

    def _referenced_summits(self) -> list[SummitInfo]:
        seen: dict[str, SummitInfo] = {}
        for _, summit in self.doc.references:
            seen.setdefault(summit.slug, summit)
        return list(seen.values())

    def _covered_summit(self) -> SummitInfo | None:
        """The summit the article reports from: it is dated during (or a day after) it."""
        anchor = self.doc.anchor
        if anchor is None or anchor.precision is not Precision.DAY:
            return None
        for summit in self._referenced_summits():
            if summit.start <= anchor.value <= summit.end + dt.timedelta(days=1):
                return summit
        return None

    def results(self) -> list[EventResult]:
        keys: set[str] = set()
        out = []
        for draft in self.drafts:
            if draft.future and not draft.reference and not _firm_future(draft):
                continue  # plans without a date are not occurrences
            key = draft.reference or _unique(_key(draft), keys)
            keys.add(key)
            out.append(
                EventResult(
                    key=key,
                    name=draft.name,
                    type=draft.type,
                    date=draft.date,
                    end_date=draft.end_date,
                    place=draft.place,
                    host_country=draft.host_country,
                    parent=draft.parent if draft.parent != draft.reference else None,
                    reference=draft.reference,
                    participants=list(draft.participants),
                    evidence=draft.sentence,
                    date_reason=draft.date_reason,
                )
            )
        return out


# --- trigger scanning ---------------------------------------------------------------------------


def _triggers(doc: _Document) -> list[_Trigger]:
    """Trigger matches outside long quotations and summit references, without overlaps."""
    found: list[_Trigger] = []
    for spec in _TRIGGERS:
        for match in dates.near(spec.regex, doc.body, spec.keywords, back=80, ahead=140):
            span = Span(match.start(), match.end())
            found.append(_Trigger(spec.type, spec.noun, span, match.group(), spec.needs_date))
    found.sort(key=lambda t: (t.span.start, -(t.span.end - t.span.start)))
    chosen: list[_Trigger] = []
    covered = -1  # a rejected longer trigger also rules out the shorter ones inside it
    for trigger in found:
        if trigger.span.start < covered:
            continue
        covered = trigger.span.end
        if _keep(doc, trigger):
            chosen.append(trigger)
        if len(chosen) >= _MAX_TRIGGERS:
            break
    return chosen


def _keep(doc: _Document, trigger: _Trigger) -> bool:
    start = trigger.span.start
    if doc.in_quote(start):
        return False
    if doc.in_reference_word(start):
        return False
    sentence = doc.sentence_of(start)
    before = doc.body[max(sentence.start, start - 30) : start]
    if _HYPOTHETICAL_RE.search(before) and trigger.type is not EventType.STATEMENT:
        return False
    if _UNREAL_RE.search(before):
        return False
    if trigger.type is EventType.BILATERAL and _after_visit(doc, trigger, sentence):
        return False  # "arrived in Pyongyang for talks with ...": the talks are the visit's
    if trigger.type is EventType.LAUNCH:
        window = doc.body[max(sentence.start, start - 50) : min(sentence.end, start + 60)]
        return bool(_LAUNCH_OBJECT_RE.search(window))
    # "visiting heads of state" describes people, not a visit
    return not (trigger.type is EventType.VISIT and _VISITING_ADJECTIVE_RE.match(trigger.text))


_VISIT_IN_SENTENCE_RE = re.compile(r"\b(?:visit(?:s|ed|ing)?|trip|tour(?:ed)?|arrived)\b", re.I)


def _after_visit(doc: _Document, trigger: _Trigger, sentence: Span) -> bool:
    before = doc.body[sentence.start : trigger.span.start]
    return bool(_VISIT_IN_SENTENCE_RE.search(before)) and bool(
        re.search(r"\b(?:to|for)\s+$", before)
    )


def _placement(before: str) -> str | None:
    """Whether the words before a mention place events at it ("during the briefing", "on the
    sidelines of") or just after it ("after the meeting"); None when they do neither."""
    match = _PLACEMENT_BEFORE_RE.search(before)
    if not match:
        return None
    return "after" if match.group(1).lower() in ("after", "following") else "at"


_PLACEMENT_BEFORE_RE = re.compile(
    r"\b(during|at|in|on the (?:sidelines|margins) of|present at|after|following)\s+"
    r"(?:(?:the|a|an|his|her|their|its|this|that)\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.I,
)


def _meeting_type(
    doc: _Document, trigger: _Trigger, sentence: Span, actors: list[_Actor], kind: EventType
) -> EventType | None:
    """What a bare "summit"/"talks"/"meeting" is, or None when it is no occurrence."""
    text = doc.text(sentence)
    before = doc.body[max(sentence.start, trigger.span.start - 30) : trigger.span.start]
    if kind is EventType.MINISTERIAL or kind is EventType.BILATERAL:
        return kind
    if trigger.noun == "summit" and _GENERIC_SUMMIT_BEFORE_RE.search(before):
        return None
    if trigger.text.lower() in ("summits", "meetings", "gatherings"):
        return None  # summits and meetings in general
    near = Span(trigger.span.start - 75, trigger.span.end + 60)
    persons = {
        a.ref.key
        for a in actors
        if a.ref.kind is ActorKind.PERSON and near.start <= a.span.start < near.end
    }
    if trigger.noun == "summit" and len(persons) == 2:
        return EventType.BILATERAL  # two leaders meeting is bilateral whatever it is called
    has_date = any(
        d.span not in doc.used_times and d.expression.prefix not in dates.BOUND_PREFIXES
        for d in dates.between(doc.dates, sentence.start, sentence.end, key=_mention_start)
    )
    if not has_date:
        return None  # "military talks", "the meeting" with nothing saying when: no occurrence
    if re.search(r"\b(?:two|both)\s+(?:leaders|sides|presidents)\b", text, re.I):
        return EventType.BILATERAL
    if re.search(r"\bministers\b", text, re.I):
        return EventType.MINISTERIAL
    if re.search(r"\bleaders\b|\bheads of state\b", text, re.I) or trigger.noun == "summit":
        return EventType.SUMMIT
    return EventType.BILATERAL if len(persons) == 2 else EventType.OTHER


_BARE_MEETING_VERBS = frozenset(["met", "talked", "spoke", "sat down"])


def _bilateral_actors(
    doc: _Document, trigger: _Trigger, sentence: Span, actors: list[_Actor]
) -> list[_Actor] | None:
    """Subject and counterparts of a meeting; None when no counterpart is named."""
    after = doc.body[trigger.span.end : min(sentence.end, trigger.span.end + 160)]
    persons_in_clause = [a for a in actors if a.ref.kind is ActorKind.PERSON]
    bare_verb = trigger.text.lower() in _BARE_MEETING_VERBS
    if bare_verb and not re.match(r"\s+(?:with|to)\b", after):
        # "Iwaya and Rutte met for 30 minutes": the two named just before the verb
        before = [a for a in persons_in_clause if a.span.end <= trigger.span.start]
        joined = before[-2:] if len(before) >= 2 else []
        gap = doc.body[joined[0].span.end : joined[1].span.start] if joined else ""
        return joined if joined and re.fullmatch(r"\s+and\s+", gap) else None
    counterparts = _listed_after(doc, trigger.span.end, after)
    if not counterparts:
        unique = {a.ref for a in persons_in_clause}
        if len(unique) >= 2 and re.search(r"\bbetween\b|\bsummit\b", trigger.text, re.I):
            return persons_in_clause
        return None
    counter_refs = {a.ref for a in counterparts}
    subject = next(
        (a for a in persons_in_clause if a.ref not in counter_refs),
        _recent_person(doc, sentence.start),
    )
    if subject is None or subject.ref in counter_refs:
        return counterparts
    return [subject, *counterparts]


def _listed_after(doc: _Document, start: int, after: str) -> list[_Actor]:
    """Actors named as a list right after "with"/"between" (titles and "and" allowed)."""
    items: list[_Actor] = []
    last_gap = ""
    position = start
    end = start + len(after)
    for actor in dates.between(doc.actors, start, end, key=_actor_start):
        if doc.in_quote(actor.span.start) or doc.in_reference(actor.span.start):
            continue
        gap = doc.body[position : actor.span.start]
        limit, words = (60, 9) if not items else (40, 6)
        if len(gap) > limit or re.search(r"[;:\"“”]|\.\s", gap) or len(gap.split()) > words:
            break
        if any(i.ref == actor.ref for i in items):
            position = actor.span.end
            continue
        items.append(actor)
        last_gap = gap
        position = actor.span.end
    if len(items) > 1 and re.fullmatch(r",\s*", last_gap):
        items.pop()  # "with Rutte and Scholz, Yoon stressed": Yoon is the subject
    return items


def _recent_person(doc: _Document, before: int) -> _Actor | None:
    earlier = dates.between(doc.actors, 0, before, key=_actor_start)
    return next(
        (
            a
            for a in reversed(earlier)
            if a.ref.kind is ActorKind.PERSON and not doc.in_quote(a.span.start)
        ),
        None,
    )


def _visit_has_subject(doc: _Document, trigger: _Trigger, actors: list[_Actor]) -> bool:
    return bool(actors) or bool(_destination(doc, trigger))


def _to_summit(doc: _Document, trigger: _Trigger, sentence: Span) -> bool:
    return any(
        m.sentence == sentence and m.trigger.start > trigger.span.start for m, _ in doc.references
    )


def _firm_future(draft: _Draft) -> bool:
    return draft.date is not None and draft.date.precision is not Precision.YEAR


def _same_occurrence(a: _Draft, b: _Draft) -> bool:
    """Two mentions of one meeting: same type, dates that can agree, the same people."""
    if a.type is not b.type or not _dates_compatible(a.date, b.date):
        return False
    if a.type is EventType.BILATERAL or (a.type is EventType.SUMMIT and a.persons):
        return bool(a.persons) and set(a.persons) == set(b.persons)
    if a.type is EventType.VISIT and (a.persons or b.persons):
        return set(a.persons) == set(b.persons)  # a visit is the visitor's
    if a.type is EventType.BRIEFING:  # one briefing per speaker unless called "separate"
        return set(a.persons) == set(b.persons)
    shared = set(a.participants) & set(b.participants)
    if a.type is EventType.STATEMENT:  # an unattributed declaration is the one already named
        return bool(shared) or not a.participants or not b.participants
    return bool(shared) or (not a.participants and not b.participants)


def _dates_compatible(a: FuzzyDate | None, b: FuzzyDate | None) -> bool:
    if a is None or b is None:
        return True
    (a1, a2), (b1, b2) = dates.period(a), dates.period(b)
    return a1 <= b2 and b1 <= a2


def _date_into(draft: _Draft, date: FuzzyDate, end: FuzzyDate | None, reason: str) -> None:
    """Give a merged event the date of another mention; two days of one event make a range
    ("the drills began Wednesday" ... "finished on Friday")."""
    if draft.date is None:
        draft.date, draft.end_date, draft.date_reason = date, end, reason
        return
    days = [d for d in (draft.date, draft.end_date, date, end) if d is not None]
    if any(d.precision is not Precision.DAY for d in days):
        return
    first, last = min(d.value for d in days), max(d.value for d in days)
    if first != last and (last - first).days <= 14:
        draft.date, draft.end_date = dates.day_date(first), dates.day_date(last)
        draft.date_reason = f"{draft.date_reason}; {reason}"


def _same_clause(body: str, a: Span, b: Span) -> bool:
    between = body[min(a.end, b.end) : max(a.start, b.start)]
    return len(between) < 60 and not re.search(r"[,;:]", between)


def _distance(a: Span, b: Span) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def _rank(value: FuzzyDate) -> int:
    return {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}[value.precision]


def _add_participants(draft: _Draft, refs: list[ActorRef]) -> None:
    for ref in refs:
        if ref not in draft.participants:
            draft.participants.append(ref)


def _partner_countries(knowledge: Knowledge) -> list[ActorRef]:
    return [
        ActorRef(ActorKind.COUNTRY, c.code) for c in knowledge.countries if c.indo_pacific_partner
    ]


def _lead_date(doc: _Document) -> DateMention | None:
    """The date of the news: the first past date of the first two paragraphs."""
    if not doc.paragraphs:
        return None
    limit = doc.paragraphs[min(1, len(doc.paragraphs) - 1)].end
    for mention in doc.dates:
        if mention.span.start >= limit:
            break
        if mention.span in doc.used_times or mention.expression.future:
            continue
        if mention.expression.kind in ("weekday", "day", "date"):
            return mention
    return None


def _summit_month(summit: SummitInfo) -> FuzzyDate:
    if (summit.start.year, summit.start.month) == (summit.end.year, summit.end.month):
        return dates.month_date(summit.start.year, summit.start.month)
    return dates.year_date(summit.start.year)


def _within(value: FuzzyDate | None, summit: SummitInfo, slack: int = 0) -> bool:
    if value is None:
        return True
    first, last = dates.period(value)
    return summit.start - dt.timedelta(days=slack) <= first and last <= summit.end + dt.timedelta(
        days=slack
    )


def _place_fits(place: str | None, summit: SummitInfo) -> bool:
    return place is None or place.split(",")[0] in summit.city or summit.city in place


# --- places -------------------------------------------------------------------------------------


def _place(doc: _Document, draft: _Draft) -> tuple[str | None, str | None]:
    """A city in the event's sentences ("in Brussels", "in Washington, D.C."), and its country."""
    if draft.type is EventType.VISIT:
        destination = _destination(doc, draft.trigger)
        if destination:
            return destination
    for sentence in draft.sentences:
        found = _place_in(doc, sentence, draft.trigger.span if sentence == draft.sentence else None)
        if found:
            return found
    return draft.place, _host(doc, draft.place)


def _place_in(
    doc: _Document, sentence: Span, trigger: Span | None
) -> tuple[str, str | None] | None:
    text = doc.text(sentence)
    options = []
    for match in _PLACE_AFTER_RE.finditer(text):
        start = sentence.start + match.start("place")
        name = match["place"].rstrip(".") if not match["place"].endswith("D.C.") else match["place"]
        if doc.in_quote(start):
            continue
        known = _known_place(doc, name)
        if known is None:
            continue
        distance = _distance(Span(start, start + len(name)), trigger) if trigger else 0
        options.append((distance, known))
    if not options:
        return None
    return min(options, key=lambda o: o[0])[1]


def _known_place(doc: _Document, name: str) -> tuple[str, str | None] | None:
    """A capital or summit city, possibly with ", D.C."; countries are not places."""
    head = name.split(",")[0].strip()
    for candidate in (name, head, " ".join(head.split()[:2]), head.split()[0]):
        if candidate in doc.places:
            return (name if candidate == head else candidate), doc.places[candidate]
    return None


def _destination(doc: _Document, trigger: _Trigger) -> tuple[str | None, str | None] | None:
    """Where a visit goes: "visit to Korea", "visited Ukraine", "arrived in Pyongyang"."""
    sentence = doc.sentence_of(trigger.span.start)
    end = min(sentence.end, trigger.span.end + 40)
    for actor in dates.between(doc.actors, trigger.span.start + 1, end, key=_actor_start):
        if doc.in_quote(actor.span.start):
            continue
        if not _DESTINATION_RE.search(doc.body[trigger.span.start : actor.span.start]):
            continue
        if actor.ref.kind is ActorKind.COUNTRY:
            text = doc.body[actor.span.start : actor.span.end]
            if text in doc.places:
                return text, actor.ref.key
            return None, actor.ref.key
    named = _NAMED_AFTER_RE.match(doc.body, trigger.span.end, end)
    if named:  # "visited Seoul", "a trip to Canberra"
        known = _known_place(doc, named.group(1))
        if known:
            return known
    return _place_in(doc, Span(trigger.span.start, end), trigger.span)


_NAMED_AFTER_RE = re.compile(
    r"\s*(?:to\s+|of\s+|in\s+)?(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})"
)


def _host(doc: _Document, place: str | None) -> str | None:
    if not place:
        return None
    known = _known_place(doc, place)
    return known[1] if known else None


def _title(text: str) -> str:
    return text.title() if text.isupper() else text


# --- names and keys -----------------------------------------------------------------------------


def _name(doc: _Document, draft: _Draft) -> str:
    namer = _NAMERS.get(draft.type, _name_other)
    return namer(doc, draft)


def _labels(doc: _Document, draft: _Draft, kinds: tuple[ActorKind, ...]) -> list[str]:
    people = {p.name: p for p in doc.names.people}
    countries = {c.code: c.name for c in doc.names.countries}
    out = []
    for ref in draft.participants:
        if ref.kind not in kinds:
            continue
        if ref.kind is ActorKind.PERSON:
            out.append(short_name(people[ref.key]) if ref.key in people else ref.key)
        elif ref.kind is ActorKind.COUNTRY:
            out.append(countries.get(ref.key, ref.key))
        else:
            out.append(ref.key)
    return out


def _join(labels: list[str]) -> str:
    if len(labels) <= 2:
        return " and ".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _group(doc: _Document, draft: _Draft) -> str | None:
    """A named group the event's sentences speak of: "NATO ambassadors", "EU envoys"."""
    for sentence in draft.sentences:
        for match in _GROUP_RE.finditer(doc.text(sentence)):
            if match["who"] not in _DETERMINERS:
                return f"{match['who']} {match['group']}"
    return None


_DETERMINERS = frozenset(["The", "A", "An", "Their", "His", "Her", "Its", "Our", "These", "Those"])


def _name_bilateral(doc: _Document, draft: _Draft) -> str:
    persons = _labels(doc, draft, (ActorKind.PERSON,))
    others = _labels(doc, draft, (ActorKind.COUNTRY, ActorKind.ORGANIZATION))
    if len(persons) == 2:
        noun = "summit" if draft.trigger.noun == "summit" else "bilateral meeting"
        return f"{'–'.join(persons)} {noun}"
    if len(persons) > 2:  # one leader's round of meetings
        return f"{persons[0]}'s bilateral meetings with {_join(others[:6] or persons[1:])}"
    counterpart = _group(doc, draft) or _join(others[:6])
    if persons and counterpart:
        return f"{persons[0]}'s meeting with {counterpart}"
    if counterpart:
        return f"Meeting with {counterpart}"
    noun = "summit" if draft.trigger.noun == "summit" else "meeting"
    return f"Bilateral {noun} in {draft.place}" if draft.place else f"Bilateral {noun}"


def _name_summit(doc: _Document, draft: _Draft) -> str:
    persons = _labels(doc, draft, (ActorKind.PERSON,))
    if len(persons) >= 2:
        return f"{'–'.join(persons[:3])} summit"
    text = doc.text(draft.sentence)
    leaders = re.search(
        r"\bleaders\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?(?:partners|countries|nations|allies)\b",
        text,
    )
    noun = "Talks" if "talks" in draft.trigger.text.lower() else "Summit"
    if leaders:
        return f"{noun} of the {leaders.group()}"
    return f"{noun} in {draft.place}" if draft.place else noun


def _name_ministerial(doc: _Document, draft: _Draft) -> str:
    kind = re.search(
        r"(foreign|defen[cs]e|finance|trade|economy|economic)", draft.trigger.text, re.I
    )
    orgs = _labels(doc, draft, (ActorKind.ORGANIZATION,))
    who = f"{orgs[0]} " if orgs else ""
    ministers = f"{kind.group(1).lower()} ministers" if kind else "ministers"
    where = f" in {draft.place}" if draft.place else ""
    return f"Meeting of {who}{ministers}{where}"


def _name_briefing(doc: _Document, draft: _Draft) -> str:
    if draft.trigger.text.lower() == "briefed":  # "a delegation briefed the council"
        after = doc.actors_in(Span(draft.trigger.span.end, draft.sentence.end))
        return f"Briefing of {after[0].label}" if after else "Briefing"
    noun = re.sub(r"\s+", " ", draft.trigger.text.lower())
    noun = noun[0].upper() + noun[1:]
    persons = [p for p in draft.participants if p.kind is ActorKind.PERSON]
    if persons:
        return f"{noun} by {persons[0].key}"
    for sentence in [*draft.sentences, *doc.sentences[:1]]:
        anonymous = _ANONYMOUS_RE.search(doc.text(sentence))
        if anonymous:
            label = anonymous.group()
            return f"{noun} by {label[0].lower()}{label[1:]}"
    orgs = _labels(doc, draft, (ActorKind.ORGANIZATION, ActorKind.COUNTRY))
    return f"{orgs[0]} {noun.lower()}" if orgs else noun


def _name_visit(doc: _Document, draft: _Draft) -> str:
    destination = _destination(doc, draft.trigger)
    where = None
    if destination:
        place, code = destination
        countries = {c.code: c.name for c in doc.names.countries}
        where = place or countries.get(code or "", code)
    persons = _labels(doc, draft, (ActorKind.PERSON,))
    visitor = _group(doc, draft)
    if persons and not visitor:
        return f"{persons[0]}'s visit to {where}" if where else f"{persons[0]}'s visit"
    visitor = visitor or _join(_labels(doc, draft, (ActorKind.ORGANIZATION,))[:1])
    text = f"Visit to {where}" if where else "Visit"
    return f"{text} by {visitor}" if visitor else text


def _name_statement(doc: _Document, draft: _Draft) -> str:
    for sentence in draft.sentences:
        title = _TITLE_RE.search(doc.text(sentence))
        if title and not title.group().startswith(("The ", "A ")):
            return title.group()
    actors = _labels(doc, draft, (ActorKind.PERSON,)) or _labels(
        doc, draft, (ActorKind.ORGANIZATION, ActorKind.COUNTRY)
    )
    joint = "Joint statement" if "joint" in draft.trigger.text.lower() else "Statement"
    return f"{joint} by {_join(actors[:2])}" if actors else joint


def _name_sanction(doc: _Document, draft: _Draft) -> str:
    """Name like "South Korea sanctions on Russia": the imposer is named before the trigger."""
    actors = [
        a
        for a in doc.actors_in(draft.sentence)
        if a.ref.kind in (ActorKind.COUNTRY, ActorKind.ORGANIZATION)
    ]
    before = [a for a in actors if a.span.end <= draft.trigger.span.start]
    after = [a for a in actors if a.span.start >= draft.trigger.span.end]
    imposers = before[-1:]
    for actor in reversed(before[:-1]):  # "Britain, France and Germany imposed ..."
        gap = doc.body[actor.span.end : imposers[0].span.start]
        if not re.fullmatch(r",\s*(?:and\s+)?|\s+and\s+", gap):
            break
        imposers.insert(0, actor)
    refs = {a.ref for a in imposers}
    target = next((a for a in after if a.ref not in refs), None)
    who = _join([a.label for a in imposers])
    if not who:
        return f"Sanctions on {target.label}" if target else "Sanctions"
    return f"{who} sanctions on {target.label}" if target else f"{who} sanctions"


def _name_launch(doc: _Document, draft: _Draft) -> str:
    """Like "North Korea ballistic missile launch": who, the kind of weapon, "launch"."""
    kind = _WEAPON_RE.search(doc.text(draft.sentence))
    what = kind.group().lower().rstrip("s") if kind else ""
    actors = _labels(doc, draft, (ActorKind.COUNTRY,))
    name = " ".join(filter(None, [actors[0] if actors else "", what, "launch"]))
    return _sentence_case(name)


# The object launched, with the adjective that says what kind it is.
_WEAPON_RE = re.compile(
    r"\b(?:(?:spy|ballistic|cruise|hypersonic|reconnaissance|intercontinental ballistic)\s+)?"
    r"(?:missiles?|rockets?|satellites?|ICBMs?|SLBMs?|projectiles?|warheads?)\b",
    re.I,
)


def _name_vote(doc: _Document, draft: _Draft) -> str:
    countries = _labels(doc, draft, (ActorKind.COUNTRY,))
    orgs = _labels(doc, draft, (ActorKind.ORGANIZATION,))
    text = draft.trigger.text.lower()
    if "election" in text:  # "the U.S. presidential election"
        start = draft.trigger.span.start
        near = [
            a
            for a in doc.actors_in(Span(max(draft.sentence.start, start - 12), start))
            if a.ref.kind is ActorKind.COUNTRY
        ]
        place = f"{near[-1].label} " if near else ""
        return _sentence_case(place + " ".join(draft.trigger.text.split()))
    chamber = _CHAMBER_RE.search(draft.trigger.text)
    if chamber:  # "the lower house of Russia's parliament approved it"
        where = f"{countries[0]}'s " if countries else ""
        return _sentence_case(f"{where}{chamber.group().lower()} vote")
    body = f"{orgs[0]} resolution" if orgs else "resolution"
    if text.startswith("veto") and countries:
        return f"{countries[0]} vetoes {body}"
    return f"{orgs[0]} vote" if orgs else "Vote"


_CHAMBER_RE = re.compile(
    r"lower\s+house|upper\s+house|national\s+assembly|parliament|assembly|senate|congress"
    r"|duma|legislature",
    re.I,
)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _name_agreement(doc: _Document, draft: _Draft) -> str:
    agreed = _AGREED_RE.match(doc.body, draft.trigger.span.start)
    if agreed:  # "agreed to raise defence spending to 5% of GDP"
        rest = doc.body[agreed.end() : draft.sentence.end]
        words = re.split(r"[,;]|\.\s", rest, maxsplit=1)[0].split()[:12]
        return f"Agreement {agreed.group(1).lower()} {' '.join(words)}".strip()
    signers = _signers(doc, draft)
    text = " ".join(draft.trigger.text.split())
    verb = "sign" if len(signers) > 1 else "signs"
    if signers and text.lower().startswith("sign"):
        thing = re.sub(r"^sign\w*\s+", "", text, flags=re.I)
        thing = thing.replace('"', "").replace("“", "").replace("”", "")
        return f"{_join(signers)} {verb} {thing}"
    noun = re.match(r"(?i)(treaty|agreement|pact|accord|deal)\b", text)
    if noun:  # "the treaty that Putin and Kim signed"
        who = _join(signers)
        return (
            f"{who} {verb} the {noun.group(1).lower()}"
            if who
            else f"Signing of the {noun.group(1)}"
        )
    parties = _labels(doc, draft, (ActorKind.COUNTRY, ActorKind.ORGANIZATION))
    parties = parties or _labels(doc, draft, (ActorKind.PERSON,))
    text = doc.text(draft.sentence)
    title = _TITLE_RE.search(text)
    if title and not title.group().startswith(("The ", "A ")):
        return f"Establishment of the {title.group()}"
    noun = re.search(r"(treaty|agreement|pact|accord|memorandum|program\w*|partnership|framework)$",
                     draft.trigger.text, re.I)  # fmt: skip
    quoted = _QUOTED_NAME_RE.search(doc.text(draft.trigger.span))
    what = noun.group(1).lower() if noun else "agreement"
    if quoted:
        what = f"{quoted.group(1)} {what}"
    who = "–".join(parties[:2])
    return f"{who} {what}".strip() if who else what.capitalize()


_AGREED_RE = re.compile(r"(?i)agreed?\s+(to|on)\s+")


def _signers(doc: _Document, draft: _Draft) -> list[str]:
    """Who signed: the people named just before "signed" (or within "the treaty X signed")."""
    start = max(draft.sentence.start, draft.trigger.span.start - 80)
    people = {p.name: p for p in doc.names.people}
    found = [
        a
        for a in doc.actors_in(Span(start, draft.trigger.span.end))
        if a.ref.kind is ActorKind.PERSON
    ]
    labels: list[str] = []
    for actor in found[-2:]:
        label = short_name(people[actor.ref.key]) if actor.ref.key in people else actor.label
        if label not in labels:
            labels.append(label)
    return labels


def _name_other(doc: _Document, draft: _Draft) -> str:
    text = re.sub(r"\s+", " ", draft.trigger.text)
    return text[0].upper() + text[1:]


_NAMERS = {
    EventType.BILATERAL: _name_bilateral,
    EventType.SUMMIT: _name_summit,
    EventType.MINISTERIAL: _name_ministerial,
    EventType.BRIEFING: _name_briefing,
    EventType.VISIT: _name_visit,
    EventType.STATEMENT: _name_statement,
    EventType.SANCTION: _name_sanction,
    EventType.LAUNCH: _name_launch,
    EventType.VOTE: _name_vote,
    EventType.AGREEMENT: _name_agreement,
}

_FAMILY_NAME_FIRST = {"KR", "KP", "CN", "TW", "VN"}


def short_name(person: PersonResult) -> str:
    """The name an article uses on second reference: "Yoon", "Kishida", "Kim"."""
    tokens = person.name.split()
    for alias in sorted(person.aliases, key=len):
        if alias in tokens:
            return alias
    if len(tokens) < 2:
        return person.name
    if person.country in _FAMILY_NAME_FIRST or "-" in tokens[-1]:
        return tokens[0]
    return tokens[-1]


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _key(draft: _Draft) -> str:
    parts = [draft.type.value]
    if draft.date is not None:
        iso = draft.date.iso()
        parts.append(
            {Precision.YEAR: iso[:4], Precision.MONTH: iso[:7]}.get(draft.date.precision, iso)
        )
    main = next((p for p in draft.participants if p.kind is ActorKind.PERSON), None)
    main = main or next(iter(draft.participants), None)
    parts.append(main.key if main else draft.name or "event")
    return slugify("-".join(parts))


def _unique(key: str, taken: set[str]) -> str:
    if key not in taken:
        return key
    n = 2
    while f"{key}-{n}" in taken:
        n += 1
    return f"{key}-{n}"


# --- quotes -------------------------------------------------------------------------------------

_PLACEMENT_RE = re.compile(
    r"\b(?:during|in|at|on the (?:sidelines|margins) of|after|following|used|throughout|as|when"
    r"|while|issu(?:ing|ed|es)|told|addressed)\s+(?:(?:a|an|the|his|her|their|its|this|that|[A-Z][\w'’]*'s)\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?(?P<noun>briefing|conference|meeting|meetings|summit|talks|session"
    r"|statement|declaration|communiqu[eé]|visit|trip|tour)\b",
    re.I,
)
_DOCUMENT_SUBJECT_RE = re.compile(
    r"\b(?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?(?P<noun>statement|declaration|communiqu[eé])\s+"
    r"(?:read|reads|added|said|says|stated|noted|continued)\b",
    re.I,
)
_MINISTERS_MET_RE = re.compile(
    r"\b(?:as|when|while)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?ministers\b[^.;]{0,60}?"
    r"\b(?:met|gathered|convened)\b",
    re.I,
)
_QUOTE_NOUNS: dict[str, set[EventType]] = {
    "briefing": {EventType.BRIEFING},
    "conference": {EventType.BRIEFING, EventType.MINISTERIAL},
    "meeting": _MEETING_LIKE,
    "meetings": _MEETING_LIKE,
    "session": _MEETING_LIKE,
    "talks": _MEETING_LIKE,
    "summit": {EventType.SUMMIT, EventType.BILATERAL},
    "statement": {EventType.STATEMENT},
    "declaration": {EventType.STATEMENT},
    "communique": {EventType.STATEMENT},
    "communiqué": {EventType.STATEMENT},
    "visit": {EventType.VISIT},
    "trip": {EventType.VISIT},
    "tour": {EventType.VISIT},
    "ministers": {EventType.MINISTERIAL},
}
_PRONOUNS = {"he", "she", "they", "it"}


def link_quotes(
    body: str, quotes: list[QuoteResult], events: list[EventResult], meta: ArticleMeta
) -> None:
    """Set ``said_on`` and ``event`` on quotes whose context places them at an event."""
    if not quotes:
        return
    sentences = dates.sentence_spans(body)
    paragraphs = dates.paragraph_spans(body)
    regions = dates.quote_regions(body)
    mentions = dates.find_dates(body, meta.published)
    previous: QuoteResult | None = None
    for quote in sorted(quotes, key=lambda q: q.start):
        contexts = _quote_contexts(body, quote, sentences, paragraphs)
        event = None
        for context in contexts:
            event = _event_placed(body, context, regions, events, meta.published)
            if event:
                break
        if event is None and _continues(previous, quote, body):
            event = next((e for e in events if e.key == previous.event), None)
        if event is not None:
            quote.event = event.key
            quote.said_on = event.date
        if quote.said_on is None:
            quote.said_on = _attribution_date(quote, contexts[0], regions, mentions)
        previous = quote


def _quote_contexts(
    body: str, quote: QuoteResult, sentences: list[Span], paragraphs: list[Span]
) -> list[Span]:
    """The attribution sentence(s), the paragraph, then the sentence before the quote."""
    first_index = bisect_right(sentences, quote.start, key=_span_start) - 1
    if first_index < 0 or sentences[first_index].end < quote.start:
        first_index += 1  # the quote starts between sentences
    around = sentences[first_index : bisect_right(sentences, quote.end, key=_span_start)]
    first = around[0] if around else Span(quote.start, quote.end)
    attribution = _capped(Span(first.start, around[-1].end if around else quote.end), quote)
    paragraph = _capped(dates.containing(paragraphs, quote.start) or attribution, quote)
    contexts = [attribution, paragraph]
    if first_index > 0:
        contexts.append(_capped(sentences[first_index - 1], quote))
    return contexts


def _capped(span: Span, quote: QuoteResult, reach: int = 800) -> Span:
    """Context no further than ``reach`` characters from the quote (run-on text stays cheap)."""
    return Span(max(span.start, quote.start - reach), min(span.end, quote.end + reach))


def _span_start(span: Span) -> int:
    return span.start


def _masked(body: str, span: Span, regions: list[Span]) -> str:
    chars = list(body[span.start : span.end])
    overlapping = dates.between(regions, span.start, span.end)
    first = dates.inside(span.start, regions)
    for region in ([first] if first else []) + overlapping:
        for i in range(max(region.start, span.start), min(region.end, span.end)):
            chars[i - span.start] = " "
    return "".join(chars)


def _event_placed(
    body: str,
    context: Span,
    regions: list[Span],
    events: list[EventResult],
    anchor: FuzzyDate | None,
) -> EventResult | None:
    text = _masked(body, context, regions)
    nouns = [(m.start(), m.group("noun").lower()) for m in _PLACEMENT_RE.finditer(text)]
    nouns += [(m.start(), m.group("noun").lower()) for m in _DOCUMENT_SUBJECT_RE.finditer(text)]
    nouns += [(m.start(), "ministers") for m in _MINISTERS_MET_RE.finditer(text)]
    for offset, noun in sorted(nouns):
        event = _event_for(noun, context.start + offset, events, anchor)
        if event is not None:
            return event
    return None


def _event_for(
    noun: str, position: int, events: list[EventResult], anchor: FuzzyDate | None
) -> EventResult | None:
    types = _QUOTE_NOUNS.get(noun, set())
    candidates = [e for e in events if e.type in types and not _is_future(e, anchor)]
    if noun == "summit":
        candidates.sort(key=lambda e: e.reference is None)  # a named summit beats a bilateral one
    before = [e for e in candidates if e.evidence and e.evidence.start <= position]
    if before:
        return max(before, key=lambda e: e.evidence.start)
    return candidates[0] if candidates else None


def _is_future(event: EventResult, anchor: FuzzyDate | None) -> bool:
    if event.date is None or anchor is None:
        return False
    return dates.period(event.date)[0] > dates.period(anchor)[1]


def _continues(previous: QuoteResult | None, quote: QuoteResult, body: str) -> bool:
    """A quote that carries on the previous one ("he added") shares its occasion."""
    if previous is None or previous.event is None:
        return False
    same = quote.speaker is not None and quote.speaker == previous.speaker
    label = (quote.speaker_label or "").lower()
    same = same or (quote.speaker is None and previous.speaker is None and label in _PRONOUNS)
    same = same or (label in _PRONOUNS and quote.speaker == previous.speaker)
    gap = body[previous.end : quote.start]
    return same and gap.count("\n\n") <= 2 and len(gap) < 600


def _attribution_date(
    quote: QuoteResult, attribution: Span, regions: list[Span], mentions: list[DateMention]
) -> FuzzyDate | None:
    """A date in the attribution ("said Tuesday"), outside any quotation."""
    options = [
        m
        for m in dates.between(mentions, attribution.start, attribution.end, key=_mention_start)
        if dates.inside(m.span.start, regions) is None
        and m.expression.kind in ("weekday", "day", "date", "chain")
    ]
    if not options:
        return None
    return min(options, key=lambda m: _distance(m.span, Span(quote.start, quote.end))).start
