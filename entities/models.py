"""Actors and events: countries, organisations, people, and what happened when."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
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


class CodeManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


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

    objects = CodeManager()

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

    def natural_key(self):
        return (self.code,)

    def get_absolute_url(self):
        return reverse("entities:country", kwargs={"code": self.code})

    @property
    def is_nato_member(self) -> bool:
        return self.nato_member_since is not None


class Organization(models.Model):
    code = models.CharField(max_length=20, help_text='Short code used as an actor key, e.g. "NATO".')
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100)
    kind = models.CharField(max_length=50, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )

    objects = CodeManager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="organization_code_unique"),
            models.UniqueConstraint(fields=["slug"], name="organization_slug_unique"),
        ]

    def __str__(self):
        return self.code if self.code and self.code != self.name else self.name

    def natural_key(self):
        return (self.code,)

    def get_absolute_url(self):
        return reverse("entities:organization", kwargs={"slug": self.slug})


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class PersonQuerySet(models.QuerySet):
    def discovered(self):
        return self.filter(known=False)


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

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("entities:person", kwargs={"slug": self.slug})

    @property
    def affiliation(self):
        return self.country or self.organization


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
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="events",
        help_text="The organisation that convenes it (NATO for its summits).",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children",
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
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=False, end_date__gte=F("start_date")),
                name="event_end_not_before_start",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        if self.type == EventType.SUMMIT and self.reference:
            return reverse("entities:summit", kwargs={"slug": self.slug})
        return reverse("entities:event", kwargs={"slug": self.slug})

    def clean(self):
        if self.end_date and (self.start_date is None or self.end_date < self.start_date):
            raise ValidationError({"end_date": "The end date cannot be before the start date."})

    @property
    def date_display(self) -> str:
        start = display_date(self.start_date, self.start_precision)
        if not self.end_date or self.end_date == self.start_date:
            return start
        if self.start_precision == Precision.DAY and self.start_date.month == self.end_date.month:
            return f"{self.start_date.day}–{self.end_date.day} {self.end_date.strftime('%B %Y')}"
        return f"{start} – {display_date(self.end_date, Precision.DAY)}"
