"""A small, named world for the browsing pages: three NATO summits, IP4 leaders, side meetings,
articles with quotes and mentions. Made-up people and outlets; spans are found in the text.

``make_world()`` builds it; ``add_coverage(world, n)`` adds ``n`` more articles, events, people
and quotes of the same shape, for query-count tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from types import SimpleNamespace

from articles.models import Article, Mention, MentionKind, Quote, Role, SpeakerKind
from entities.models import Country, Event, EventType, Organization, Person, Precision

COUNTRIES = [
    # code, name, slug, aliases, NATO since, IP4
    ("KR", "South Korea", "south-korea", ["Republic of Korea", "Korea", "ROK"], None, True),
    ("JP", "Japan", "japan", [], None, True),
    ("AU", "Australia", "australia", [], None, True),
    ("NZ", "New Zealand", "new-zealand", [], None, True),
    ("US", "United States", "united-states", ["U.S."], dt.date(1949, 8, 24), False),
    ("LT", "Lithuania", "lithuania", [], dt.date(2004, 3, 29), False),
    ("ES", "Spain", "spain", [], dt.date(1982, 5, 30), False),
    ("RU", "Russia", "russia", [], None, False),
    ("KP", "North Korea", "north-korea", ["DPRK"], None, False),
]

SUMMITS = [
    (
        "nato-summit-2022-madrid",
        "NATO Summit 2022 (Madrid)",
        (2022, 6, 28),
        (2022, 6, 30),
        "Madrid",
        "ES",
    ),
    (
        "nato-summit-2023-vilnius",
        "NATO Summit 2023 (Vilnius)",
        (2023, 7, 11),
        (2023, 7, 12),
        "Vilnius",
        "LT",
    ),
    (
        "nato-summit-2024-washington",
        "NATO Summit 2024 (Washington)",
        (2024, 7, 9),
        (2024, 7, 11),
        "Washington",
        "US",
    ),
]

HARBOUR_BODY = (
    "WASHINGTON, July 10 (Harbour Wire) -- President Min Ha-eun of South Korea and Prime "
    "Minister Sato Kenji of Japan met on the sidelines of the NATO summit on Wednesday.\n\n"
    '"Our partnership with NATO has never mattered more," Min said after the talks.\n\n'
    '"Japan stands with its partners in Europe and Asia," Sato told reporters, adding that '
    "the allies would watch North Korea closely.\n\n"
    "The allies later adopted the Washington declaration."
)
BRIEFING_BODY = (
    "WASHINGTON, June 24 (Capital Daily) -- Assistant Secretary Dana Cole previewed the "
    "summit at a briefing on Monday.\n\n"
    '"The Indo-Pacific partners are welcome at the table," Cole said.'
)
VILNIUS_BODY = (
    "VILNIUS, July 12 (Baltic Ledger) -- Min Ha-eun met Lithuanian leaders during the NATO "
    "summit.\n\n"
    '"Security in Europe and security in Asia cannot be separated," Min said.'
)
ENVOYS_BODY = (
    "Defense Minister Park Joon received NATO envoys in Seoul this month.\n\n"
    '"We welcome closer work with the alliance," Park said.\n\n'
    '"The talks went well," a senior official said, asking not to be named.'
)


def make_world() -> SimpleNamespace:
    w = SimpleNamespace()
    w.countries = {
        code: Country.objects.create(
            code=code,
            name=name,
            slug=slug,
            aliases=aliases,
            nato_member_since=since,
            indo_pacific_partner=ip4,
        )
        for code, name, slug, aliases, since, ip4 in COUNTRIES
    }
    w.nato = Organization.objects.create(
        code="NATO", name="North Atlantic Treaty Organization", slug="nato", kind="alliance"
    )
    w.unsc = Organization.objects.create(
        code="UNSC", name="UN Security Council", slug="un-security-council"
    )
    w.summits = {}
    for slug, name, start, end, city, country in SUMMITS:
        w.summits[city.lower()] = Event.objects.create(
            slug=slug,
            name=name,
            type=EventType.SUMMIT,
            start_date=dt.date(*start),
            end_date=dt.date(*end),
            place=city,
            host_country=w.countries[country],
            organization=w.nato,
            reference=True,
            date_reason="reference data",
        )
    w.madrid, w.vilnius, w.washington = (w.summits[c] for c in ("madrid", "vilnius", "washington"))

    w.min = person("Min Ha-eun", "KR", aliases=["Min"])
    w.sato = person("Sato Kenji", "JP", aliases=["Sato"])
    w.cole = person("Dana Cole", "US", aliases=["Cole"])
    w.park = person("Park Joon", "KR", aliases=["Park"])
    w.lind = Person.objects.create(name="Erik Lind", slug="erik-lind", organization=w.nato)

    w.meeting = event(
        "Min Ha-eun meets Sato Kenji",
        EventType.BILATERAL,
        dt.date(2024, 7, 10),
        parent=w.washington,
        place="Washington",
        people=[w.min, w.sato],
        countries=[w.countries["KR"], w.countries["JP"]],
    )
    w.declaration = event(
        "Washington Summit Declaration",
        EventType.STATEMENT,
        dt.date(2024, 7, 10),
        parent=w.washington,
        organizations=[w.nato],
    )
    w.vilnius_talks = event(
        "Min Ha-eun meets Lithuanian leaders",
        EventType.BILATERAL,
        dt.date(2023, 7, 12),
        parent=w.vilnius,
        place="Vilnius",
        people=[w.min],
        countries=[w.countries["LT"]],
    )
    w.briefing = event(
        "Press briefing previewing the summit",
        EventType.BRIEFING,
        dt.date(2024, 6, 24),
        place="Washington",
        people=[w.cole],
    )
    w.envoys = event(
        "Park Joon receives NATO envoys",
        EventType.VISIT,
        dt.date(2024, 3, 1),
        precision=Precision.MONTH,
        place="Seoul",
        host=w.countries["KR"],
        people=[w.park],
        organizations=[w.nato],
    )

    w.harbour = article(
        "Leaders of South Korea and Japan meet at NATO summit",
        "Harbour Wire",
        dt.date(2024, 7, 10),
        HARBOUR_BODY,
    )
    mention(w.harbour, w.min, "President Min Ha-eun", count=2)
    mention(w.harbour, w.sato, "Sato Kenji", count=2)
    mention(w.harbour, w.countries["KR"], "South Korea")
    mention(w.harbour, w.countries["JP"], "Japan")
    mention(w.harbour, w.countries["KP"], "North Korea")
    mention(w.harbour, w.nato, "NATO")
    mention(w.harbour, w.meeting, "President Min Ha-eun of South Korea")
    mention(w.harbour, w.declaration, "the Washington declaration")
    role(w.min, "President", w.harbour)
    role(w.sato, "Prime Minister", w.harbour)
    w.min_quote = quote(
        w.harbour,
        "Our partnership with NATO has never mattered more",
        w.min,
        role="President",
        said_on=dt.date(2024, 7, 10),
        event=w.meeting,
    )
    w.sato_quote = quote(
        w.harbour,
        "Japan stands with its partners in Europe and Asia",
        w.sato,
        role="Prime Minister",
        said_on=dt.date(2024, 7, 10),
        event=w.meeting,
    )

    w.capital = article(
        "Official previews the summit", "Capital Daily", dt.date(2024, 6, 24), BRIEFING_BODY
    )
    mention(w.capital, w.cole, "Dana Cole", count=2)
    mention(w.capital, w.washington, "the summit")
    mention(w.capital, w.briefing, "previewed the summit at a briefing")
    role(w.cole, "Assistant Secretary", w.capital)
    w.cole_quote = quote(
        w.capital,
        "The Indo-Pacific partners are welcome at the table",
        w.cole,
        role="Assistant Secretary",
        said_on=dt.date(2024, 6, 24),
        event=w.briefing,
    )

    w.ledger = article("Min in Vilnius", "Baltic Ledger", dt.date(2023, 7, 12), VILNIUS_BODY)
    mention(w.ledger, w.min, "Min Ha-eun", count=2)
    mention(w.ledger, w.countries["LT"], "Lithuanian")
    mention(w.ledger, w.vilnius_talks, "Min Ha-eun met Lithuanian leaders")
    role(w.min, "President", w.ledger)
    w.vilnius_quote = quote(
        w.ledger,
        "Security in Europe and security in Asia cannot be separated",
        w.min,
        role="President",
        said_on=dt.date(2023, 7, 12),
        event=w.vilnius_talks,
    )

    w.envoys_article = article(
        "Seoul hosts NATO envoys",
        "Harbour Wire",
        dt.date(2024, 3, 1),
        ENVOYS_BODY,
        precision=Precision.MONTH,
    )
    mention(w.envoys_article, w.park, "Park Joon", count=2)
    mention(w.envoys_article, w.nato, "NATO")
    mention(w.envoys_article, w.envoys, "Park Joon received NATO envoys")
    role(w.park, "Defense Minister", w.envoys_article)
    w.park_quote = quote(
        w.envoys_article,
        "We welcome closer work with the alliance",
        w.park,
        role="Defense Minister",
    )
    w.anonymous_quote = quote(
        w.envoys_article,
        "The talks went well",
        None,
        label="a senior official",
        kind=SpeakerKind.ANONYMOUS,
    )
    return w


def person(name: str, country: str, aliases=()) -> Person:
    slug = name.lower().replace(" ", "-")
    return Person.objects.create(
        name=name, slug=slug, aliases=list(aliases), country=Country.objects.get(code=country)
    )


def event(
    name,
    type_,
    start,
    *,
    parent=None,
    place="",
    host=None,
    people=(),
    countries=(),
    organizations=(),
    precision=Precision.DAY,
) -> Event:
    slug = f"{type_}-{start:%Y-%m-%d}-{name.lower().replace(' ', '-')}"[:200]
    made = Event.objects.create(
        name=name,
        slug=slug,
        type=type_,
        start_date=start,
        start_precision=precision,
        place=place,
        host_country=host,
        parent=parent,
    )
    made.people.add(*people)
    made.countries.add(*countries)
    made.organizations.add(*organizations)
    return made


def article(title, publisher, published, body, precision=Precision.DAY) -> Article:
    digest = hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()
    return Article.objects.create(
        title=title,
        slug=title.lower().replace(" ", "-")[:100],
        publisher=publisher,
        authors=["Staff reporter"],
        published=published,
        published_precision=precision,
        body=body,
        content_hash=digest,
        source_file=f"{digest[:8]}.txt",
    )


def mention(art: Article, target, text: str, count: int = 1) -> Mention:
    start = art.body.index(text)
    kind = {
        Person: MentionKind.PERSON,
        Country: MentionKind.COUNTRY,
        Organization: MentionKind.ORGANIZATION,
        Event: MentionKind.EVENT,
    }[type(target)]
    return Mention.objects.create(
        article=art,
        kind=kind,
        first_start=start,
        first_end=start + len(text),
        count=count,
        **{kind: target},
    )


def role(who: Person, title: str, art: Article) -> Role:
    return Role.objects.create(
        person=who, title=title, country=who.country, article=art, reported_on=art.published
    )


def quote(
    art: Article,
    text: str,
    speaker: Person | None,
    *,
    role="",
    said_on=None,
    event=None,
    label="",
    kind=SpeakerKind.PERSON,
) -> Quote:
    start = art.body.index(text)
    return Quote.objects.create(
        article=art,
        text=text,
        start=start,
        end=start + len(text),
        speaker=speaker,
        speaker_label=label or (speaker.name if speaker else ""),
        speaker_kind=kind,
        role=role,
        cue="said",
        said_on=said_on,
        event=event,
        confidence=0.9,
    )


def add_coverage(w: SimpleNamespace, n: int) -> None:
    """``n`` more side meetings at the Washington summit, each with a new KR or JP official,
    an article that covers it, a role and a quote."""
    for i in range(n):
        country = "KR" if i % 2 else "JP"
        official = person(f"Official Number{i}", country, aliases=[f"Number{i}"])
        day = dt.date(2024, 7, 9 + i % 3)
        meeting = event(
            f"Meeting {i} at the summit",
            EventType.BILATERAL,
            day,
            parent=w.washington,
            place="Washington",
            people=[official, w.min],
            countries=[w.countries[country], w.countries["US"]],
            organizations=[w.nato],
        )
        body = (
            f"Official Number{i} met allies at the NATO summit in Washington.\n\n"
            f'"Partnership number {i} is strong," Number{i} said.'
        )
        art = article(f"Coverage {i} of the summit", "Harbour Wire", day, body)
        mention(art, official, f"Official Number{i}", count=2)
        mention(art, w.nato, "NATO")
        mention(art, meeting, f"Official Number{i} met allies")
        role(official, "Vice Minister", art)
        quote(
            art,
            f"Partnership number {i} is strong",
            official,
            role="Vice Minister",
            said_on=day,
            event=meeting,
        )
