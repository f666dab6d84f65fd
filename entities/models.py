"""Actors and events: countries, organisations, people, and what happened when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Func, IntegerField, Q, Subquery
from django.urls import reverse


class Precision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


def display_date(value, precision: str) -> str:
    """A date as precise as it is known: "June 2024", never "1 June 2024" for a month."""
    if value is None:
        return "date unknown"
    if precision == Precision.YEAR:
        return f"{value.year}"
    if precision == Precision.MONTH:
        return value.strftime("%B %Y")
    return f"{value.day} {value.strftime('%B %Y')}"


def row_count(queryset: models.QuerySet, of: str = "pk", distinct: bool = False) -> Subquery:
    """A correlated COUNT subquery: per-row counts that don't multiply each other's joins.

    ``queryset`` is filtered with ``OuterRef``; COUNT without GROUP BY always yields one row.
    """
    template = "COUNT(DISTINCT %(expressions)s)" if distinct else "COUNT(%(expressions)s)"
    counted = queryset.order_by().annotate(
        n=Func(F(of), template=template, output_field=IntegerField())
    )
    return Subquery(counted.values("n"), output_field=IntegerField())


# The organisation whose summits are the site's milestones (its code in organizations.json).
NATO = "NATO"


def _model(name: str):
    """A model of the articles app, which imports this module (so no import at the top)."""
    return apps.get_model("articles", name)


class CodeManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class CountryQuerySet(models.QuerySet):
    def with_counts(self):
        """People, events taken part in and quotes by its officials, per country."""
        outer = models.OuterRef("pk")
        return self.annotate(
            people_count=row_count(Person.objects.filter(country=outer)),
            event_count=row_count(Event.objects.filter(Event.actor_q(outer, Country))),
            quote_count=row_count(_model("Quote").objects.filter(speaker__country=outer)),
        )


class OrganizationQuerySet(models.QuerySet):
    def with_counts(self):
        outer = models.OuterRef("pk")
        return self.annotate(
            people_count=row_count(Person.objects.filter(organization=outer)),
            event_count=row_count(Event.objects.filter(Event.actor_q(outer, Organization))),
            article_count=row_count(_model("Mention").objects.filter(organization=outer)),
        )


class Country(models.Model):
    code = models.CharField("ISO 3166-1 alpha-2 code", max_length=2)
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    official_name = models.CharField(max_length=200, blank=True)
    aliases = models.JSONField(default=list, blank=True, help_text="Other names and abbreviations.")
    demonyms = models.JSONField(default=list, blank=True)
    capitals = models.JSONField(default=list, blank=True, help_text="Capitals used as metonyms.")
    nato_member_since = models.DateField(null=True, blank=True)
    indo_pacific_partner = models.BooleanField(default=False, help_text="One of the IP4.")
    region = models.CharField(max_length=50, blank=True)

    objects = CodeManager.from_queryset(CountryQuerySet)()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.UniqueConstraint(fields=["code"], name="country_code_unique"),
            models.UniqueConstraint(fields=["slug"], name="country_slug_unique"),
            models.CheckConstraint(condition=Q(code__regex=r"^[A-Z]{2}$"), name="country_code_iso"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("entities:country", kwargs={"code": self.code})

    def natural_key(self):
        return (self.code,)

    @property
    def is_nato_member(self) -> bool:
        return self.nato_member_since is not None

    @property
    def standing(self) -> str:
        """How the country stands towards NATO, as the lists group it."""
        if self.indo_pacific_partner:
            return "Indo-Pacific partner (IP4)"
        if self.is_nato_member:
            return "NATO member"
        return "Other"

    def quoted_names(self, other_names: list[str]) -> list[str]:
        """Names that denote this country inside a quote: its name, official name and aliases,
        minus short or ambiguous ones ("Korea" is inside "North Korea")."""
        names = [self.name, self.official_name, *self.aliases]
        return sorted(
            {n for n in names if n and len(n) >= 4 and not any(n in other for other in other_names)}
        )


class Organization(models.Model):
    code = models.CharField(
        max_length=20, help_text='Short code used as an actor key, e.g. "NATO".'
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100)
    kind = models.CharField(max_length=50, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )

    objects = CodeManager.from_queryset(OrganizationQuerySet)()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="organization_code_unique"),
            models.UniqueConstraint(fields=["slug"], name="organization_slug_unique"),
        ]

    def __str__(self):
        return self.code if self.code and self.code != self.name else self.name

    def get_absolute_url(self):
        return reverse("entities:organization", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.code,)


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class PersonQuerySet(models.QuerySet):
    def discovered(self):
        return self.filter(known=False)

    def with_counts(self):
        """Quotes, events and articles per person, as correlated counts."""
        outer = models.OuterRef("pk")
        return self.annotate(
            quote_count=row_count(_model("Quote").objects.filter(speaker=outer)),
            event_count=row_count(Event.people.through.objects.filter(person=outer)),
            article_count=row_count(_model("Mention").objects.filter(person=outer)),
        )

    def matching_text(self, text: str):
        return self.filter(Q(name__icontains=text) | Q(aliases__icontains=text))


class Person(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    aliases = models.JSONField(default=list, blank=True, help_text="Name variants seen or curated.")
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    known = models.BooleanField(
        default=False, help_text="Matched the knowledge base rather than discovered from text."
    )
    verified = models.BooleanField(default=False)

    objects = SlugManager.from_queryset(PersonQuerySet)()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [models.UniqueConstraint(fields=["slug"], name="person_slug_unique")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("entities:person", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def affiliation(self):
        return self.country or self.organization

    def role_on(self, day: dt.date | None) -> str:
        """The reported role closest to ``day``, from prefetched ``roles`` ("" when none)."""
        roles = list(self.roles.all())
        if not roles:
            return ""
        dated = [r for r in roles if r.reported_on]
        if day is None or not dated:
            return roles[-1].title
        return min(dated, key=lambda r: (abs((r.reported_on - day).days), -r.pk)).title

    def export_row(self) -> dict:
        affiliation = self.affiliation
        return {
            "name": self.name,
            "slug": self.slug,
            "country": self.country.name if self.country_id else "",
            "country_code": self.country.code if self.country_id else "",
            "organization": self.organization.name if self.organization_id else "",
            "affiliation": str(affiliation) if affiliation else "",
            "aliases": "; ".join(self.aliases),
            "quotes": getattr(self, "quote_count", None),
            "events": getattr(self, "event_count", None),
            "articles": getattr(self, "article_count", None),
            "url": self.get_absolute_url(),
        }


class EventType(models.TextChoices):
    SUMMIT = "summit", "Summit"
    MINISTERIAL = "ministerial", "Ministerial meeting"
    BILATERAL = "bilateral", "Bilateral meeting"
    BRIEFING = "briefing", "Briefing"
    VISIT = "visit", "Visit"
    STATEMENT = "statement", "Statement or declaration"
    SANCTION = "sanction", "Sanction"
    LAUNCH = "launch", "Launch"
    VOTE = "vote", "Vote or veto"
    AGREEMENT = "agreement", "Agreement"
    OTHER = "other", "Other"


class EventQuerySet(models.QuerySet):
    def summits(self):
        return self.filter(type=EventType.SUMMIT, reference=True)

    def involving(self, actor):
        field = {Person: "people", Country: "countries", Organization: "organizations"}[type(actor)]
        return self.filter(**{field: actor})

    def nato_summits(self):
        return self.summits().filter(organization__code=NATO)

    def covered(self):
        """Events the articles tell of: every extracted event, and the reference events (such as
        summits) that have side events, quotes or articles; not the bare reference calendar."""
        return self.filter(
            Q(reference=False)
            | Q(pk__in=Event.objects.filter(parent__isnull=False).values("parent_id"))
            | Q(pk__in=_model("Mention").objects.filter(event__isnull=False).values("event_id"))
            | Q(pk__in=_model("Quote").objects.filter(event__isnull=False).values("event_id"))
        )

    def of_summit(self, summit: Event):
        """The summit and what happened on its sidelines."""
        return self.filter(Q(pk=summit.pk) | Q(parent=summit))

    def with_actors(self, actors: list, match_all: bool = False):
        """Events any (or all) of ``actors`` took part in; see ``Event.actor_q``."""
        if not actors:
            return self
        conditions = [Event.actor_q(actor, type(actor)) for actor in actors]
        if match_all:
            return self.filter(*conditions)
        combined = Q()
        for condition in conditions:
            combined |= condition
        return self.filter(combined)

    def overlapping(self, start: dt.date | None = None, end: dt.date | None = None):
        """Events whose [start, end] overlaps the range; a month- or year-precise event
        covers its whole month or year."""
        qs = self
        if end:
            qs = qs.filter(start_date__lte=end)
        if start:
            qs = qs.filter(
                Q(start_date__gte=start)
                | Q(end_date__gte=start)
                | Q(start_precision=Precision.MONTH, start_date__gte=start.replace(day=1))
                | Q(start_precision=Precision.YEAR, start_date__gte=start.replace(month=1, day=1))
            )
        return qs

    def matching_text(self, text: str):
        return self.filter(Q(name__icontains=text) | Q(place__icontains=text))

    def with_counts(self):
        outer = models.OuterRef("pk")
        return self.annotate(
            quote_count=row_count(_model("Quote").objects.filter(event=outer)),
            article_count=row_count(_model("Mention").objects.filter(event=outer)),
        )

    def with_family_counts(self):
        """For summits: side events, and articles and quotes about the summit or its side events."""
        outer = models.OuterRef("pk")
        family = Q(event=outer) | Q(event__parent=outer)
        return self.annotate(
            child_count=row_count(Event.objects.filter(parent=outer)),
            article_count=row_count(
                _model("Mention").objects.filter(family), of="article", distinct=True
            ),
            quote_count=row_count(_model("Quote").objects.filter(family)),
        )

    def for_listing(self):
        """What an event row shows: its summit, host, participants and evidence counts."""
        return (
            self.select_related("parent", "host_country")
            .prefetch_related(
                models.Prefetch("people", queryset=Person.objects.select_related("country")),
                "countries",
                "organizations",
            )
            .with_counts()
        )


class Event(models.Model):
    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200)
    type = models.CharField(max_length=20, choices=EventType.choices, default=EventType.OTHER)
    start_date = models.DateField(null=True, blank=True)
    start_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    end_date = models.DateField(null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    host_country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="hosted_events"
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text="The organisation that convenes it (NATO for its summits).",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="The summit this happened at, e.g. a meeting on its sidelines.",
    )
    people = models.ManyToManyField(Person, blank=True, related_name="events")
    countries = models.ManyToManyField(Country, blank=True, related_name="events")
    organizations = models.ManyToManyField(
        Organization, blank=True, related_name="participated_events"
    )
    reference = models.BooleanField(
        default=False, help_text="Reference data (e.g. a NATO summit), not extracted from text."
    )
    date_reason = models.CharField(max_length=300, blank=True)
    verified = models.BooleanField(default=False)

    objects = SlugManager.from_queryset(EventQuerySet)()

    class Meta:
        ordering = ["start_date", "name"]
        indexes = [models.Index(fields=["start_date"], name="event_start_idx")]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="event_slug_unique"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=False, end_date__gte=F("start_date")),
                name="event_end_not_before_start",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        if self.type == EventType.SUMMIT and self.reference:
            return reverse("entities:summit", kwargs={"slug": self.slug})
        return reverse("entities:event", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if self.end_date and (self.start_date is None or self.end_date < self.start_date):
            raise ValidationError({"end_date": "The end date cannot be before the start date."})

    @staticmethod
    def actor_q(actor, kind: type) -> Q:
        """Events an actor took part in. ``actor`` is an instance or an ``OuterRef``; a country
        takes part when it participates, hosts or one of its people participates; an
        organisation likewise (or when it convenes the event)."""
        # Inside a subquery, a reference to the outer row is one level further out.
        inner = models.OuterRef(actor) if isinstance(actor, models.OuterRef) else actor
        people = Event.people.through.objects
        if kind is Person:
            return Q(pk__in=people.filter(person=inner).values("event_id"))
        if kind is Country:
            countries = Event.countries.through.objects
            return (
                Q(host_country=actor)
                | Q(pk__in=countries.filter(country=inner).values("event_id"))
                | Q(pk__in=people.filter(person__country=inner).values("event_id"))
            )
        organizations = Event.organizations.through.objects
        return (
            Q(organization=actor)
            | Q(pk__in=organizations.filter(organization=inner).values("event_id"))
            | Q(pk__in=people.filter(person__organization=inner).values("event_id"))
        )

    @property
    def is_summit(self) -> bool:
        return self.type == EventType.SUMMIT and self.reference

    @property
    def month_key(self) -> tuple[int, int] | None:
        """(year, month) the timeline files it under; month 0 when only the year is known."""
        if self.start_date is None:
            return None
        month = 0 if self.start_precision == Precision.YEAR else self.start_date.month
        return (self.start_date.year, month)

    def export_row(self) -> dict:
        return {
            "name": self.name,
            "slug": self.slug,
            "type": self.get_type_display(),
            "start_date": self.start_date.isoformat() if self.start_date else "",
            "end_date": self.end_date.isoformat() if self.end_date else "",
            "date_precision": self.start_precision,
            "date": self.date_display,
            "place": self.place,
            "host_country": self.host_country.name if self.host_country_id else "",
            "summit": self.parent.name if self.parent_id else "",
            "people": "; ".join(p.name for p in self.people.all()),
            "countries": "; ".join(c.name for c in self.countries.all()),
            "organizations": "; ".join(str(o) for o in self.organizations.all()),
            "articles": getattr(self, "article_count", None),
            "quotes": getattr(self, "quote_count", None),
            "url": self.get_absolute_url(),
        }

    @property
    def date_display(self) -> str:
        start = display_date(self.start_date, self.start_precision)
        if not self.end_date or self.end_date == self.start_date:
            return start
        if self.start_precision == Precision.DAY and self.start_date.month == self.end_date.month:
            return f"{self.start_date.day}–{self.end_date.day} {self.end_date.strftime('%B %Y')}"
        return f"{start} – {display_date(self.end_date, Precision.DAY)}"


@dataclass
class Delegate:
    person: Person
    role: str  # the role reported closest to the summit, "" when none was reported
    took_part: bool  # a participant of the summit or a side event, not only named in coverage


@dataclass
class Delegation:
    """Who came from one country (or organisation) to a summit, as the data records it."""

    country: Country | None = None
    organization: Organization | None = None
    delegates: list[Delegate] = dataclass_field(default_factory=list)

    @property
    def actor(self):
        return self.country or self.organization

    @property
    def is_ip4(self) -> bool:
        return bool(self.country and self.country.indo_pacific_partner)

    @property
    def sort_key(self) -> tuple:
        country = self.country
        rank = 0 if self.is_ip4 else 1 if country and country.is_nato_member else 2
        return (rank if country else 3, str(self.actor))


@dataclass
class Attendance:
    delegations: list[Delegation] = dataclass_field(default_factory=list)

    @property
    def ip4(self) -> list[Delegation]:
        return [d for d in self.delegations if d.is_ip4]

    @property
    def others(self) -> list[Delegation]:
        return [d for d in self.delegations if not d.is_ip4]


def summit_attendance(summits: list[Event]) -> dict[int, Attendance]:
    """Attendance per summit pk: the countries and people taking part in the summit or its side
    events, plus IP4 people named in articles about its side events. A fixed number of queries
    however many summits."""
    Mention = _model("Mention")
    summit_of = {s.pk: s.pk for s in summits}
    for pk, parent in Event.objects.filter(parent__in=summits).values_list("pk", "parent_id"):
        summit_of[pk] = parent
    family = list(summit_of)
    took_part = {
        (summit_of[e], p)
        for e, p in Event.people.through.objects.filter(event_id__in=family).values_list(
            "event_id", "person_id"
        )
    }
    countries = {
        (summit_of[e], c)
        for e, c in Event.countries.through.objects.filter(event_id__in=family).values_list(
            "event_id", "country_id"
        )
    }
    side_events = [pk for pk, summit in summit_of.items() if pk != summit]
    articles: dict[int, set[int]] = {}
    for article, event in Mention.objects.filter(event_id__in=side_events).values_list(
        "article_id", "event_id"
    ):
        articles.setdefault(article, set()).add(summit_of[event])
    named = {
        (summit, p)
        for a, p in Mention.objects.filter(
            article_id__in=articles, person__country__indo_pacific_partner=True
        ).values_list("article_id", "person_id")
        for summit in articles[a]
    }
    people = Person.objects.select_related("country", "organization").prefetch_related("roles")
    people = {p.pk: p for p in people.filter(pk__in={p for _, p in took_part | named})}
    country_rows = {c.pk: c for c in Country.objects.filter(pk__in={c for _, c in countries})}
    result = {}
    for summit in summits:
        delegations: dict[tuple, Delegation] = {}
        for key in sorted((k for k in took_part | named if k[0] == summit.pk), key=lambda k: k[1]):
            person = people[key[1]]
            _delegation(delegations, person.country, person.organization).delegates.append(
                Delegate(person, person.role_on(summit.start_date), key in took_part)
            )
        for _, country in sorted(k for k in countries if k[0] == summit.pk):
            _delegation(delegations, country_rows[country])
        result[summit.pk] = Attendance(sorted(delegations.values(), key=lambda d: d.sort_key))
    return result


def _delegation(delegations: dict, country=None, organization=None) -> Delegation:
    key = ("c", country.pk) if country else ("o", organization.pk if organization else 0)
    return delegations.setdefault(key, Delegation(country, organization))


class RedirectManager(models.Manager):
    def get_by_natural_key(self, kind, old_slug):
        return self.get(kind=kind, old_slug=old_slug)


class SlugRedirect(models.Model):
    """An old URL left behind by a merge: the merged-away slug points at the record kept."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        EVENT = "event", "Event"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    old_slug = models.SlugField(max_length=200)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="redirects"
    )
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="redirects"
    )

    objects = RedirectManager()

    class Meta:
        ordering = ["kind", "old_slug"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "old_slug"], name="redirect_kind_slug_unique"),
            models.CheckConstraint(
                condition=Q(kind="person", person__isnull=False, event__isnull=True)
                | Q(kind="event", person__isnull=True, event__isnull=False),
                name="redirect_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.old_slug} → {self.target}"

    def natural_key(self):
        return (self.kind, self.old_slug)

    @property
    def target(self):
        return self.person or self.event
