"""A deterministic, realistic synthetic corpus for measuring pages and queries at scale.

Everything is drawn from one seeded ``random.Random``; the same (articles, seed) gives the same
rows. Rows are written with ``bulk_create`` in batches so 100,000 articles take minutes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from entities.models import Country, Event, EventType, Organization, Person, Precision

from .models import Article, Mention, MentionKind, Quote, Role, SpeakerKind

PUBLISHERS = [
    "Northern Wire",
    "Harbour Times",
    "Capital Ledger",
    "Pacific Dispatch",
    "Atlantic Review",
    "Morning Herald East",
    "Continental Post",
    "Strait Observer",
    "Peninsula Daily",
    "Island Chronicle",
    "Frontier News Agency",
    "Summit Monitor",
    "Alliance Weekly",
    "Southern Cross Report",
    "Kiwi Ledger",
    "Rising Sun Journal",
    "Danube Tribune",
    "Baltic Bulletin",
    "Defence Digest",
    "Policy Brief Online",
]
SYLLABLES = [
    "han",
    "min",
    "jo",
    "lee",
    "park",
    "kim",
    "sato",
    "ito",
    "ken",
    "ji",
    "soo",
    "won",
    "ami",
    "lar",
    "sen",
    "vik",
    "tor",
    "ol",
    "ana",
    "mar",
    "rik",
    "dan",
    "el",
    "zu",
    "ka",
    "ren",
    "yu",
    "na",
    "bo",
    "li",
    "sta",
    "fen",
    "gra",
    "hol",
    "ivo",
    "jas",
]
TITLES = [
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Defence Minister",
    "Ambassador",
    "spokesperson for the Foreign Ministry",
    "Secretary General",
    "Deputy Secretary General",
    "national security adviser",
    "Chief of Staff",
    "senior fellow",
]
ACTOR_COUNTRIES = [
    "KR",
    "JP",
    "AU",
    "NZ",
    "US",
    "GB",
    "DE",
    "FR",
    "NL",
    "PL",
    "CA",
    "IT",
    "SE",
    "FI",
    "NO",
    "RU",
    "KP",
    "CN",
    "IR",
    "UA",
]
TOPICS = [
    "missile launches",
    "arms transfers",
    "cyber defence",
    "maritime security",
    "sanctions enforcement",
    "defence industry cooperation",
    "hybrid threats",
    "the war in Ukraine",
    "nuclear deterrence",
    "disinformation",
    "space security",
    "supply chains",
    "interoperability",
    "counterterrorism",
]
VERBS = ["said", "told reporters", "added", "noted", "stressed", "warned"]
START = dt.date(2019, 1, 1)
DAYS = (dt.date(2026, 10, 31) - START).days


@dataclass
class Counts:
    articles: int = 0
    people: int = 0
    events: int = 0
    quotes: int = 0
    mentions: int = 0


def _name(rng: random.Random) -> str:
    def word(parts: int) -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()

    return (
        f"{word(1)} {word(2)}-{rng.choice(SYLLABLES)}"
        if rng.random() < 0.4
        else (f"{word(2)} {word(2)}")
    )


def _zipf_index(rng: random.Random, n: int) -> int:
    """An index in [0, n) where low indexes are far more frequent (a few people speak a lot)."""
    return min(int(n * rng.random() ** 3), n - 1)


class Generator:
    def __init__(self, articles: int, seed: int, batch: int = 2000):
        self.n = articles
        self.rng = random.Random(seed)
        self.seed = seed
        self.batch = batch
        self.counts = Counts()

    def run(self) -> Counts:
        countries = {c.code: c for c in Country.objects.filter(code__in=ACTOR_COUNTRIES)}
        self.countries = [countries[c] for c in ACTOR_COUNTRIES if c in countries]
        self.nato = Organization.objects.filter(code="NATO").first()
        self.summits = list(Event.objects.summits().order_by("start_date"))
        with transaction.atomic():
            self.people = self._people(max(50, self.n // 5))
        with transaction.atomic():
            self.events = self._events(max(30, self.n * 3 // 10))
        for first in range(0, self.n, self.batch):
            with transaction.atomic():
                self._articles(first, min(first + self.batch, self.n))
        return self.counts

    def _people(self, count: int) -> list[Person]:
        rng, seen, people = self.rng, set(), []
        while len(people) < count:
            name = _name(rng)
            slug = f"{slugify(name)}-s{self.seed}"
            if slug in seen:
                continue
            seen.add(slug)
            country = rng.choice(self.countries) if self.countries else None
            people.append(
                Person(
                    name=name,
                    slug=slug,
                    aliases=[name.replace("-", " ")] if "-" in name else [],
                    country=country if rng.random() > 0.08 else None,
                    organization=self.nato if country is None else None,
                )
            )
        Person.objects.bulk_create(people, batch_size=self.batch)
        self.counts.people = len(people)
        return list(Person.objects.filter(slug__endswith=f"-s{self.seed}").order_by("pk"))

    def _events(self, count: int) -> list[Event]:
        rng, events = self.rng, []
        types = [t for t in EventType if t != EventType.SUMMIT] + [EventType.SUMMIT]
        for i in range(count):
            start = START + dt.timedelta(days=rng.randrange(DAYS))
            kind = rng.choice(types)
            precision = rng.choices([Precision.DAY, Precision.MONTH, Precision.YEAR], [85, 12, 3])[
                0
            ]
            if precision == Precision.MONTH:
                start = start.replace(day=1)
            elif precision == Precision.YEAR:
                start = start.replace(month=1, day=1)
            parent = next((s for s in self.summits if abs((s.start_date - start).days) <= 3), None)
            host = rng.choice(self.countries) if self.countries else None
            place = host.name if host else "Europe"
            events.append(
                Event(
                    name=f"{kind.label} on {rng.choice(TOPICS)} in {place}",
                    slug=f"synth-{self.seed}-event-{i}",
                    type=kind,
                    start_date=start,
                    start_precision=precision,
                    end_date=start + dt.timedelta(days=rng.choice([0, 0, 1, 2]))
                    if precision == "day"
                    else None,
                    place=place,
                    host_country=host,
                    parent=parent,
                    organization=self.nato
                    if kind in (EventType.SUMMIT, EventType.MINISTERIAL)
                    else None,
                )
            )
        Event.objects.bulk_create(events, batch_size=self.batch)
        events = list(
            Event.objects.filter(slug__startswith=f"synth-{self.seed}-event-").order_by("pk")
        )
        people_links, country_links = [], []
        PeopleLink, CountryLink = Event.people.through, Event.countries.through
        for event in events:
            for person in {self.people[_zipf_index(rng, len(self.people))] for _ in range(2)}:
                people_links.append(PeopleLink(event_id=event.pk, person_id=person.pk))
            for country in set(rng.sample(self.countries, k=min(2, len(self.countries)))):
                country_links.append(CountryLink(event_id=event.pk, country_id=country.pk))
        PeopleLink.objects.bulk_create(people_links, batch_size=self.batch * 5)
        CountryLink.objects.bulk_create(country_links, batch_size=self.batch * 5)
        self.counts.events = len(events)
        return events

    def _articles(self, first: int, last: int) -> None:
        rng = self.rng
        drafts = [self._draft(i) for i in range(first, last)]
        Article.objects.bulk_create([d[0] for d in drafts], batch_size=self.batch)
        stored = {
            a.content_hash: a
            for a in Article.objects.filter(content_hash__in=[d[0].content_hash for d in drafts])
        }
        quotes, mentions, roles = [], [], []
        for article_draft, quote_drafts, event in drafts:
            article = stored[article_draft.content_hash]
            speakers = {}
            for quote in quote_drafts:
                quote.article = article
                quotes.append(quote)
                if quote.speaker is not None:
                    speakers.setdefault(quote.speaker.pk, [quote.speaker, []])[1].append(quote)
            for person, said in speakers.values():
                mentions.append(
                    Mention(
                        article=article,
                        kind=MentionKind.PERSON,
                        person=person,
                        first_start=said[0].start,
                        first_end=said[0].end,
                        count=len(said),
                    )
                )
                roles.append(
                    Role(
                        person=person,
                        title=said[0].role,
                        article=article,
                        country=person.country,
                        reported_on=article.published,
                    )
                )
            for country in set(rng.sample(self.countries, k=min(3, len(self.countries)))):
                mentions.append(
                    Mention(
                        article=article,
                        kind=MentionKind.COUNTRY,
                        country=country,
                        first_start=0,
                        first_end=5,
                        count=rng.randint(1, 4),
                    )
                )
            if event is not None:
                mentions.append(
                    Mention(
                        article=article,
                        kind=MentionKind.EVENT,
                        event=event,
                        first_start=0,
                        first_end=5,
                        count=1,
                    )
                )
            if self.nato and rng.random() < 0.7:
                mentions.append(
                    Mention(
                        article=article,
                        kind=MentionKind.ORGANIZATION,
                        organization=self.nato,
                        first_start=0,
                        first_end=5,
                        count=2,
                    )
                )
        Quote.objects.bulk_create(quotes, batch_size=self.batch * 2)
        Mention.objects.bulk_create(mentions, batch_size=self.batch * 2)
        Role.objects.bulk_create(roles, batch_size=self.batch * 2, ignore_conflicts=True)
        self.counts.articles += len(drafts)
        self.counts.quotes += len(quotes)
        self.counts.mentions += len(mentions)

    def _draft(self, i: int) -> tuple[Article, list[Quote], Event | None]:
        rng = self.rng
        published = START + dt.timedelta(days=int(DAYS * i / max(self.n, 1)))
        topic = rng.choice(TOPICS)
        event = self.events[rng.randrange(len(self.events))] if self.events else None
        paragraphs, quotes = [], []
        offset = 0
        intro = (
            f"Officials from {', '.join(c.name for c in rng.sample(self.countries, 3))} "
            f"discussed {topic} on {published:%A}, according to people briefed on the talks."
        )
        paragraphs.append(intro)
        offset += len(intro) + 2
        for _ in range(rng.choice([4, 5, 5, 6])):
            person = self.people[_zipf_index(rng, len(self.people))]
            role = rng.choice(TITLES)
            words = (
                f"We will keep working with our partners on {topic} and on "
                f"{rng.choice(TOPICS)}, because the threat is real"
            )
            paragraph = f"\u201c{words},\u201d {person.name}, {role}, {rng.choice(VERBS)}."
            start = offset + 1  # after the opening quotation mark
            quotes.append(
                Quote(
                    text=words,
                    start=start,
                    end=start + len(words),
                    speaker=person,
                    speaker_label=person.name,
                    speaker_kind=SpeakerKind.PERSON,
                    role=role,
                    cue="said",
                    said_on=published,
                    event=event if rng.random() < 0.3 else None,
                    confidence=round(rng.uniform(0.5, 0.95), 2),
                )
            )
            paragraphs.append(paragraph)
            offset += len(paragraph) + 2
        content_hash = hashlib.sha256(f"synth-{self.seed}-{i}".encode()).hexdigest()
        title = f"{rng.choice(['Allies', 'Partners', 'Officials', 'Ministers'])} weigh {topic}"
        article = Article(
            title=title,
            slug=f"{slugify(title)}-{content_hash[:10]}",
            publisher=rng.choice(PUBLISHERS),
            authors=[_name(rng)],
            published=published,
            published_precision=Precision.DAY,
            published_basis="stated",
            body="\n\n".join(paragraphs),
            source_file=f"synthetic/{i}.txt",
            content_hash=content_hash,
        )
        return article, quotes, event
