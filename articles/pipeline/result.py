"""Typed results of the document pipeline.

Every stage returns plain dataclasses defined here; nothing in the pipeline imports Django.
Spans are character offsets into ``ArticleResult.body`` (the cleaned body text), end exclusive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class DateBasis(StrEnum):
    STATED = "stated"  # the page says when it was published
    DATELINE = "dateline"  # from the dateline ("WASHINGTON, June 24 (Yonhap) --")
    INFERRED = "inferred"  # worked out from what the text refers to


class SpeakerKind(StrEnum):
    PERSON = "person"
    ANONYMOUS = "anonymous"
    DOCUMENT = "document"
    ORGANIZATION = "organization"


class EventType(StrEnum):
    SUMMIT = "summit"
    MINISTERIAL = "ministerial"
    BILATERAL = "bilateral"
    BRIEFING = "briefing"
    VISIT = "visit"
    STATEMENT = "statement"
    SANCTION = "sanction"
    LAUNCH = "launch"
    VOTE = "vote"
    AGREEMENT = "agreement"
    OTHER = "other"


class ActorKind(StrEnum):
    PERSON = "person"
    COUNTRY = "country"
    ORGANIZATION = "organization"


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class FuzzyDate:
    """A date known to a precision: month precision keeps day=1, year precision month=day=1."""

    value: dt.date
    precision: Precision

    def iso(self) -> str:
        return self.value.isoformat()

    def __str__(self) -> str:
        if self.precision is Precision.YEAR:
            return f"{self.value.year}"
        if self.precision is Precision.MONTH:
            return self.value.strftime("%B %Y")
        return f"{self.value.day} {self.value.strftime('%B %Y')}"


@dataclass(frozen=True)
class ActorRef:
    """A participant: a person by canonical name, a country by ISO code, an organisation by code."""

    kind: ActorKind
    key: str


@dataclass
class ArticleMeta:
    title: str
    subtitle: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    published: FuzzyDate | None = None
    published_basis: DateBasis | None = None
    published_reason: str = ""
    dateline: str | None = None  # the place, e.g. "WASHINGTON"
    url: str | None = None


@dataclass
class PersonResult:
    name: str  # canonical full name
    slug: str
    role: str | None = None  # as the article gives it, e.g. "Prime Minister"
    country: str | None = None  # ISO alpha-2 code, or an organisation code such as "NATO"
    aliases: list[str] = field(default_factory=list)  # other surface forms seen in this article
    mentions: list[Span] = field(default_factory=list)
    known: bool = False  # matched the knowledge base rather than discovered from the text


@dataclass
class CountryResult:
    code: str
    name: str
    mentions: list[Span] = field(default_factory=list)


@dataclass
class OrganizationResult:
    code: str  # e.g. "NATO", "UNSC", "EU"
    name: str
    mentions: list[Span] = field(default_factory=list)


@dataclass
class NamesResult:
    people: list[PersonResult] = field(default_factory=list)
    countries: list[CountryResult] = field(default_factory=list)
    organizations: list[OrganizationResult] = field(default_factory=list)


@dataclass
class QuoteResult:
    text: str
    start: int
    end: int
    speaker: str | None  # canonical person name when the speaker is a known person
    speaker_label: str | None  # the speaker as written: "he", "a senior NATO official", ...
    speaker_kind: SpeakerKind
    role: str | None = None  # the speaker's role at the time, when the article gives it
    cue: str | None = None  # the cue verb: "said", "added", "read", ...
    confidence: float = 0.5
    said_on: FuzzyDate | None = None
    event: str | None = None  # key of an EventResult of the same article


@dataclass
class EventResult:
    key: str  # slug, unique within the article (a reference summit keeps its reference slug)
    name: str
    type: EventType
    date: FuzzyDate | None = None
    end_date: FuzzyDate | None = None
    place: str | None = None
    host_country: str | None = None
    parent: str | None = None  # slug of the reference summit this event happened at
    reference: str | None = None  # slug of the reference event this *is*, when it is one
    participants: list[ActorRef] = field(default_factory=list)
    evidence: Span | None = None
    date_reason: str = ""


@dataclass
class ArticleResult:
    source: str
    content_hash: str
    meta: ArticleMeta
    body: str
    people: list[PersonResult] = field(default_factory=list)
    countries: list[CountryResult] = field(default_factory=list)
    organizations: list[OrganizationResult] = field(default_factory=list)
    quotes: list[QuoteResult] = field(default_factory=list)
    events: list[EventResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # one-line notes for the user

    def to_json(self) -> dict:
        """The JSON contract printed by ``ingest --dry-run --format json``."""

        def spans(items: list[Span]) -> list[list[int]]:
            return [[s.start, s.end] for s in items]

        def date(value: FuzzyDate | None) -> str | None:
            return value.iso() if value else None

        meta = self.meta
        return {
            "source": self.source,
            "warnings": list(self.warnings),
            "content_hash": self.content_hash,
            "article": {
                "title": meta.title,
                "subtitle": meta.subtitle,
                "publisher": meta.publisher,
                "authors": list(meta.authors),
                "published": date(meta.published),
                "published_precision": meta.published.precision.value if meta.published else None,
                "published_basis": meta.published_basis.value if meta.published_basis else None,
                "published_reason": meta.published_reason,
                "dateline": meta.dateline,
                "url": meta.url,
                "body": self.body,
            },
            "people": [
                {
                    "name": p.name,
                    "role": p.role,
                    "country": p.country,
                    "aliases": list(p.aliases),
                    "mentions": spans(p.mentions),
                }
                for p in self.people
            ],
            "countries": [
                {"code": c.code, "name": c.name, "mentions": spans(c.mentions)}
                for c in self.countries
            ],
            "organizations": [
                {"code": o.code, "name": o.name, "mentions": spans(o.mentions)}
                for o in self.organizations
            ],
            "quotes": [
                {
                    "text": q.text,
                    "speaker": q.speaker,
                    "speaker_label": q.speaker_label,
                    "speaker_kind": q.speaker_kind.value,
                    "role": q.role,
                    "cue": q.cue,
                    "confidence": round(q.confidence, 2),
                    "said_on": date(q.said_on),
                    "event": q.event,
                    "start": q.start,
                    "end": q.end,
                }
                for q in self.quotes
            ],
            "events": [
                {
                    "key": e.key,
                    "name": e.name,
                    "type": e.type.value,
                    "date": date(e.date),
                    "date_precision": e.date.precision.value if e.date else None,
                    "end_date": date(e.end_date),
                    "place": e.place,
                    "host_country": e.host_country,
                    "parent": e.parent,
                    "reference": e.reference,
                    "participants": [a.key for a in e.participants],
                }
                for e in self.events
            ],
        }
