"""Write one pipeline result to the database, in one transaction, idempotently.

Re-storing the same document (same content hash) is skipped unless ``replace=True``, which
rewrites what the pipeline owns (quotes, mentions, roles) and keeps curated people and events.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.db import transaction

from entities.models import Country, Event, Organization, Person
from entities.reference import unique_slug

from .models import Article, Mention, MentionKind, Quote, Role
from .pipeline.result import ActorKind, ArticleResult, EventResult, FuzzyDate, PersonResult


def name_key(name: str) -> str:
    """Spelling-insensitive key for a name: case, diacritics, hyphens and word order folded."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    tokens = (
        "".join(ch if ch.isalnum() or ch == "'" else " " for ch in folded).replace("'", "").split()
    )
    return " ".join(sorted(tokens))


NAME_PARTICLES = {"al", "bin", "da", "de", "del", "der", "di", "du", "la", "le", "van", "von"}


def name_variants(person: PersonResult) -> set[str]:
    """The surface forms worth keeping as the person's aliases: names, not role references.

    "the NATO chief" names whoever holds the post at the time; stored as an alias it would send
    next year's articles about a successor to this person."""

    def is_name(text: str) -> bool:
        words = text.replace("-", " ").split()
        return (
            bool(words)
            and "(" not in text
            and all(w[0].isupper() or w.casefold() in NAME_PARTICLES for w in words)
            and words[0].casefold() not in {"the", "a", "an"}
        )

    return {alias for alias in person.aliases if is_name(alias)}


class PersonIndex:
    """Finds existing people by slug or by any name variant (built once per ingest run)."""

    def __init__(self):
        self.by_key: dict[str, int] = {}
        for pk, name, aliases in Person.objects.values_list("pk", "name", "aliases"):
            for variant in [name, *aliases]:
                self.by_key.setdefault(name_key(variant), pk)

    def find(self, person: PersonResult) -> Person | None:
        found = Person.objects.filter(slug=person.slug).first()
        if found:
            return found
        for variant in [person.name, *person.aliases]:
            pk = self.by_key.get(name_key(variant))
            # a curator's merge may have removed the person since the index was built
            found = Person.objects.filter(pk=pk).first() if pk else None
            if found:
                return found
        return None

    def add(self, person: Person) -> None:
        for variant in [person.name, *person.aliases]:
            self.by_key.setdefault(name_key(variant), person.pk)


@dataclass
class Outcome:
    status: str  # "created", "updated" or "skipped"
    article: Article


def store(
    result: ArticleResult, index: PersonIndex | None = None, replace: bool = False
) -> Outcome:
    index = index or PersonIndex()
    with transaction.atomic():
        article = Article.objects.filter(content_hash=result.content_hash).first()
        if article and not replace:
            return Outcome("skipped", article)
        status = "updated" if article else "created"
        article = _write_article(result, article)
        countries = {c.code: c for c in Country.objects.filter(code__in=_country_codes(result))}
        organizations = {
            o.code: o for o in Organization.objects.filter(code__in=_organization_codes(result))
        }
        people = {p.name: _write_person(p, countries, organizations, index) for p in result.people}
        _write_roles(result, article, people, countries, organizations)
        events = {
            e.key: _write_event(e, result, people, countries, organizations) for e in result.events
        }
        _write_mentions(result, article, people, countries, organizations, events)
        _write_quotes(result, article, people, events)
    return Outcome(status, article)


def _country_codes(result: ArticleResult) -> set[str]:
    codes = {c.code for c in result.countries} | {p.country for p in result.people if p.country}
    for e in result.events:
        codes |= {a.key for a in e.participants if a.kind is ActorKind.COUNTRY}
        if e.host_country:
            codes.add(e.host_country)
    return codes


def _organization_codes(result: ArticleResult) -> set[str]:
    codes = {o.code for o in result.organizations} | {p.country for p in result.people if p.country}
    for e in result.events:
        codes |= {a.key for a in e.participants if a.kind is ActorKind.ORGANIZATION}
    return codes


def _date(value: FuzzyDate | None):
    return (value.value, value.precision.value) if value else (None, "day")


def web_address(url: str | None) -> str:
    """The page's address if it is one a link may point to: a page's metadata is its author's
    to write, and a ``javascript:`` URL shown as a link would run when clicked."""
    url = (url or "").strip()
    if len(url) > 1000 or not url.lower().startswith(("https://", "http://")):
        return ""
    return url


def _write_article(result: ArticleResult, article: Article | None) -> Article:
    meta = result.meta
    published, precision = _date(meta.published)
    values = {
        "title": meta.title[:500],
        "subtitle": (meta.subtitle or "")[:500],
        "publisher": (meta.publisher or "")[:200],
        "authors": list(meta.authors),
        "published": published,
        "published_precision": precision,
        "published_basis": meta.published_basis.value if meta.published_basis else "",
        "published_reason": meta.published_reason[:500],
        "dateline": (meta.dateline or "")[:100],
        "body": result.body,
        "source_file": result.source[:255],
        "url": web_address(meta.url),
    }
    if article is None:
        slug = unique_slug(
            meta.title, lambda s: Article.objects.filter(slug=s).exists(), result.content_hash[:8]
        )
        return Article.objects.create(content_hash=result.content_hash, slug=slug, **values)
    for field, value in values.items():
        setattr(article, field, value)
    article.save()
    # What the pipeline owns is rewritten; verified quotes are a curator's and stay.
    article.mentions.all().delete()
    article.roles.all().delete()
    article.quotes.filter(verified=False).delete()
    return article


def _write_person(p: PersonResult, countries, organizations, index: PersonIndex) -> Person:
    person = index.find(p)
    if person is None:
        slug = unique_slug(p.slug or p.name, lambda s: Person.objects.filter(slug=s).exists(), "2")
        person = Person.objects.create(
            name=p.name[:200],
            slug=slug,
            aliases=sorted(name_variants(p) - {p.name}),
            country=countries.get(p.country),
            organization=organizations.get(p.country),
            known=p.known,
        )
    else:
        aliases = sorted((set(person.aliases) | name_variants(p) | {p.name}) - {person.name})
        changed = aliases != person.aliases
        person.aliases = aliases
        if person.country_id is None and person.organization_id is None and p.country:
            person.country = countries.get(p.country)
            person.organization = organizations.get(p.country)
            changed = True
        if changed:
            person.save()
    index.add(person)
    return person


def _write_roles(result, article, people, countries, organizations) -> None:
    published = result.meta.published.value if result.meta.published else None
    Role.objects.bulk_create(
        [
            Role(
                person=people[p.name],
                title=p.role[:300],
                country=countries.get(p.country),
                organization=organizations.get(p.country),
                article=article,
                reported_on=published,
            )
            for p in result.people
            if p.role
        ],
        ignore_conflicts=True,
    )


def _write_event(e: EventResult, result, people, countries, organizations) -> Event:
    slug = (e.reference or e.key)[:200]
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        start, precision = _date(e.date)
        end = e.end_date.value if e.end_date else None
        event = Event.objects.create(
            slug=slug,
            name=e.name[:300],
            type=e.type.value,
            start_date=start,
            start_precision=precision,
            end_date=end if end and start and end >= start else None,
            place=(e.place or "")[:200],
            host_country=countries.get(e.host_country),
            parent=Event.objects.filter(slug=e.parent).first() if e.parent else None,
            date_reason=e.date_reason[:300],
        )
    event.people.add(
        *[people[a.key] for a in e.participants if a.kind is ActorKind.PERSON and a.key in people]
    )
    event.countries.add(
        *[
            countries[a.key]
            for a in e.participants
            if a.kind is ActorKind.COUNTRY and a.key in countries
        ]
    )
    event.organizations.add(
        *[
            organizations[a.key]
            for a in e.participants
            if a.kind is ActorKind.ORGANIZATION and a.key in organizations
        ]
    )
    return event


def _write_mentions(result, article, people, countries, organizations, events) -> None:
    mentions = []

    def add(kind, spans, **target):
        if spans:
            first = min(spans)
            mentions.append(
                Mention(
                    article=article,
                    kind=kind,
                    first_start=first.start,
                    first_end=first.end,
                    count=len(spans),
                    **target,
                )
            )

    merged: dict[int, list] = {}
    for p in result.people:  # two results may land on one person (name variants)
        merged.setdefault(people[p.name].pk, [people[p.name], []])[1].extend(p.mentions)
    for person, spans in merged.values():
        add(MentionKind.PERSON, spans, person=person)
    for c in result.countries:
        if c.code in countries:
            add(MentionKind.COUNTRY, c.mentions, country=countries[c.code])
    for o in result.organizations:
        if o.code in organizations:
            add(MentionKind.ORGANIZATION, o.mentions, organization=organizations[o.code])
    seen_events = set()
    for e in result.events:
        event = events[e.key]
        if e.evidence and event.pk not in seen_events:
            seen_events.add(event.pk)
            add(MentionKind.EVENT, [e.evidence], event=event)
    Mention.objects.bulk_create(mentions)


def _write_quotes(result, article, people, events) -> None:
    kept = set(article.quotes.values_list("start", "end"))
    Quote.objects.bulk_create(
        [
            Quote(
                article=article,
                text=q.text,
                start=q.start,
                end=q.end,
                speaker=people.get(q.speaker) if q.speaker else None,
                speaker_label=(q.speaker_label or "")[:300],
                speaker_kind=q.speaker_kind.value,
                role=(q.role or "")[:300],
                cue=(q.cue or "")[:50],
                said_on=q.said_on.value if q.said_on else None,
                said_on_precision=q.said_on.precision.value if q.said_on else "day",
                event=events.get(q.event) if q.event else None,
                confidence=min(max(q.confidence, 0.0), 1.0),
            )
            for q in result.quotes
            if (q.start, q.end) not in kept
        ]
    )
