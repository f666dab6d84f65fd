"""FilterSets for events and people; the filter state lives entirely in the query string."""

from __future__ import annotations

import re

import django_filters as filters
from django import forms
from django.db.models import Q
from django.utils.html import format_html, format_html_join

from articles.models import Article, Quote

from .models import (
    Country,
    Event,
    EventType,
    Organization,
    Person,
    Precision,
    display_date,
)

MAX_ACTORS = 10
MAX_KEY_LENGTH = 100
ACTOR_KEY = re.compile(r"[\w.-]+")  # codes and slugs; anything else names no actor
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MATCH_CHOICES = [("any", "any of them"), ("all", "all of them")]
INCLUDE_CHOICES = [("articles", "Article publications"), ("quotes", "Quotes")]


def resolve_actors(keys: list[str]) -> tuple[list, list[str]]:
    """Actors named by URL keys — a country code or slug ("KR"), an organisation code or slug
    ("NATO"), a person's slug — in the order given, and the keys that named nothing.
    Three queries however many keys."""
    lowered = {k.lower() for k in keys}
    upper = {k.upper() for k in keys}
    found: dict[str, object] = {}
    for person in Person.objects.filter(slug__in=lowered).select_related("country"):
        found[person.slug] = person
    for org in Organization.objects.filter(Q(code__in=upper) | Q(slug__in=lowered)):
        found[org.slug] = found[org.code.lower()] = org
    for country in Country.objects.filter(Q(code__in=upper) | Q(slug__in=lowered)):
        found[country.slug] = found[country.code.lower()] = country
    actors, unknown = [], []
    for key in keys:
        actor = found.get(key.lower())
        if actor is None:
            unknown.append(key)
        elif actor not in actors:
            actors.append(actor)
    return actors, unknown


def actor_key(actor) -> str:
    """The key an actor goes by in URLs: ISO code, organisation code, person slug."""
    return actor.slug if isinstance(actor, Person) else actor.code


class RepeatedTextInput(forms.Widget):
    """One text box per value already in the URL plus an empty one, all with the same name:
    ``?actor=KR&actor=NATO`` without JavaScript. Suggestions come from a ``<datalist>``."""

    def __init__(self, attrs=None, options=None):
        super().__init__(attrs)
        self.options = options or (lambda: [])

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def format_value(self, value) -> list[str]:
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        keys = [v if isinstance(v, str) else actor_key(v) for v in values]
        return [k for k in keys if k.strip()]  # the empty box comes back empty

    def render(self, name, value, attrs=None, renderer=None):
        attrs = attrs or {}
        base_id = attrs.get("id") or f"id_{name}"
        described = attrs.get("aria-describedby", "")
        datalist = f"{base_id}-options"
        values = [*self.format_value(value), ""]
        boxes = []
        for number, text in enumerate(values):
            box_id = base_id if number == 0 else f"{base_id}_{number}"
            label = (
                ""
                if number == 0  # the field's own <label> names the first box
                else format_html(
                    '<label class="visually-hidden" for="{}">Actor {}</label>', box_id, number + 1
                )
            )
            boxes.append(
                format_html(
                    '{}<input type="text" name="{}" id="{}" value="{}" list="{}" maxlength="{}"'
                    ' autocomplete="off" spellcheck="false"{}>',
                    label,
                    name,
                    box_id,
                    text,
                    datalist,
                    MAX_KEY_LENGTH,
                    format_html(' aria-describedby="{}"', described) if described else "",
                )
            )
        options = format_html_join(
            "", '<option value="{}">{}</option>', ((k, label) for k, label in self.options())
        )
        return format_html(
            '<span class="repeated">{}</span><datalist id="{}">{}</datalist>',
            format_html_join("", "{}", ((b,) for b in boxes)),
            datalist,
            options,
        )


def actor_options() -> list[tuple[str, str]]:
    """Suggestions for the actor boxes: countries, organisations, then people (three queries)."""
    countries = [(c.code, f"{c.name} ({c.code})") for c in Country.objects.only("code", "name")]
    organizations = [(o.code, o.name) for o in Organization.objects.only("code", "name", "slug")]
    people = [(p.slug, p.name) for p in Person.objects.only("slug", "name")]
    return countries + organizations + people


class MatchRadioSelect(forms.RadioSelect):
    """ "any" is checked when the URL doesn't say, so the form shows what is applied."""

    def value_from_datadict(self, data, files, name):
        return data.get(name) or MATCH_CHOICES[0][0]


class ActorField(forms.Field):
    """Cleans repeated actor keys into Person, Country and Organization instances."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", RepeatedTextInput(options=actor_options))
        super().__init__(**kwargs)

    def to_python(self, value) -> list[str]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        keys = [v.strip() for v in values if isinstance(v, str) and v.strip()]
        if len(keys) > MAX_ACTORS:
            raise forms.ValidationError(f"Choose at most {MAX_ACTORS} actors.")
        if any(len(k) > MAX_KEY_LENGTH for k in keys):
            raise forms.ValidationError("That actor key is too long.")
        malformed = [k for k in keys if not ACTOR_KEY.fullmatch(k)]
        if malformed:
            raise forms.ValidationError(
                "Unknown actor: %(keys)s.", params={"keys": ", ".join(map(repr, malformed))}
            )
        return keys

    def clean(self, value):
        keys = self.to_python(value)
        if not keys:
            return []
        actors, unknown = resolve_actors(keys)
        if unknown:
            raise forms.ValidationError(
                "Unknown actor: %(keys)s. Use a country code (KR), an organisation (NATO) "
                "or a person's slug.",
                params={"keys": ", ".join(unknown)},
            )
        return actors


class ActorFilter(filters.Filter):
    field_class = ActorField


class RangeForm(forms.Form):
    """A filter form with a date range: a start after the end is an error, not an empty list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "The end date is before the start date.")
        return data


class TimelineFilter(filters.FilterSet):
    """Events by summit, actor, type, date range and text. The same criteria select the
    article publications and quotes the timeline can include (``articles()``, ``quotes()``)."""

    summit = filters.ModelChoiceFilter(
        queryset=Event.objects.summits().order_by("-start_date"),
        to_field_name="slug",
        method="filter_summit",
        empty_label="Any summit",
        label="Summit",
    )
    actor = ActorFilter(
        method="filter_actor",
        label="Actors",
        help_text="A country code (KR), an organisation (NATO) or a person; add more in the "
        "next box.",
    )
    match = filters.ChoiceFilter(
        choices=MATCH_CHOICES,
        method="keep",
        empty_label=None,
        widget=MatchRadioSelect,
        initial="any",
        label="Events with",
    )
    type = filters.MultipleChoiceFilter(
        choices=EventType.choices, widget=forms.CheckboxSelectMultiple, label="Event types"
    )
    start = filters.DateFilter(method="filter_start", widget=DATE_WIDGET, label="From")
    end = filters.DateFilter(method="filter_end", widget=DATE_WIDGET, label="To")
    q = filters.CharFilter(method="filter_text", max_length=200, label="Name or place contains")
    include = filters.MultipleChoiceFilter(
        choices=INCLUDE_CHOICES,
        method="keep",
        widget=forms.CheckboxSelectMultiple,
        label="Also show",
    )

    class Meta:
        model = Event
        fields = ["summit", "actor", "match", "type", "start", "end", "q", "include"]
        form = RangeForm

    def keep(self, queryset, name, value):
        """For fields that shape other filters or the page rather than the events."""
        return queryset

    def filter_summit(self, queryset, name, summit):
        return queryset.of_summit(summit)

    def filter_actor(self, queryset, name, actors):
        return queryset.with_actors(actors, match_all=self.match_all)

    def filter_start(self, queryset, name, start):
        return queryset.overlapping(start=start)

    def filter_end(self, queryset, name, end):
        return queryset.overlapping(end=end)

    def filter_text(self, queryset, name, text):
        return queryset.matching_text(text)

    @property
    def criteria(self) -> dict:
        """Cleaned values when the form is valid, else nothing (no filtering on bad input)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "", [])}

    @property
    def match_all(self) -> bool:
        return self.criteria.get("match") == "all"

    def includes(self, kind: str) -> bool:
        return kind in self.criteria.get("include", [])

    def articles(self):
        """Article publications meeting the same summit, actor, date and text criteria."""
        data = self.criteria
        qs = Article.objects.all()
        if "summit" in data:
            qs = qs.about_summit(data["summit"])
        qs = qs.with_actors(data.get("actor", []), match_all=self.match_all)
        qs = qs.published_between(data.get("start"), data.get("end"))
        if "q" in data:
            qs = qs.matching_text(data["q"])
        return qs

    def quotes(self):
        """Quotes meeting the same criteria: said at the summit, by the actors, in the range."""
        data = self.criteria
        qs = Quote.objects.all()
        if "summit" in data:
            qs = qs.at_summit(data["summit"])
        qs = qs.by_actors(data.get("actor", []), match_all=self.match_all)
        if "start" in data or "end" in data:
            qs = qs.said_between(data.get("start"), data.get("end"))
        if "q" in data:
            qs = qs.filter(text__icontains=data["q"])
        return qs

    def summary(self) -> list[str]:
        """The active criteria in words, for headings and feed titles."""
        data = self.criteria
        words = []
        if "summit" in data:
            words.append(data["summit"].name)
        if data.get("actor"):
            joiner = " and " if self.match_all else " or "
            words.append(joiner.join(str(a) for a in data["actor"]))
        if data.get("type"):
            labels = dict(EventType.choices)
            words.append(", ".join(labels[t] for t in data["type"]))
        if "start" in data:
            words.append(f"from {display_date(data['start'], Precision.DAY)}")
        if "end" in data:
            words.append(f"to {display_date(data['end'], Precision.DAY)}")
        if "q" in data:
            words.append(f"“{data['q']}”")
        return words


class PersonFilter(filters.FilterSet):
    country = filters.ModelChoiceFilter(
        queryset=Country.objects.all(), to_field_name="code", empty_label="Any country"
    )
    organization = filters.ModelChoiceFilter(
        queryset=Organization.objects.all(), to_field_name="slug", empty_label="Any organisation"
    )
    q = filters.CharFilter(method="filter_text", max_length=200, label="Name contains")

    class Meta:
        model = Person
        fields = ["country", "organization", "q"]
        form = RangeForm

    def filter_text(self, queryset, name, text):
        return queryset.matching_text(text)
