"""FilterSets for quotes and articles; the filter state lives entirely in the query string."""

from __future__ import annotations

import django_filters as filters

from entities.filters import DATE_WIDGET, MATCH_CHOICES, ActorFilter, MatchRadioSelect, RangeForm
from entities.models import Country, Event, Organization, Person

from .models import Article, Quote, SpeakerKind


class QuoteFilter(filters.FilterSet):
    speaker = filters.ModelChoiceFilter(
        queryset=Person.objects.filter(quotes__isnull=False).distinct(),
        to_field_name="slug",
        empty_label="Anyone",
    )
    country = filters.ModelChoiceFilter(
        field_name="speaker__country",
        queryset=Country.objects.all(),
        to_field_name="code",
        empty_label="Any country",
        label="Speaker's country",
    )
    organization = filters.ModelChoiceFilter(
        field_name="speaker__organization",
        queryset=Organization.objects.all(),
        to_field_name="slug",
        empty_label="Any organisation",
        label="Speaker's organisation",
    )
    summit = filters.ModelChoiceFilter(
        queryset=Event.objects.summits().order_by("-start_date"),
        to_field_name="slug",
        method="filter_summit",
        empty_label="Any summit",
        label="Said at summit",
    )
    start = filters.DateFilter(method="filter_start", widget=DATE_WIDGET, label="From")
    end = filters.DateFilter(method="filter_end", widget=DATE_WIDGET, label="To")
    kind = filters.ChoiceFilter(
        field_name="speaker_kind",
        choices=SpeakerKind.choices,
        empty_label="Any kind",
        label="Speaker kind",
    )
    q = filters.CharFilter(
        field_name="text", lookup_expr="icontains", max_length=200, label="Words contain"
    )

    class Meta:
        model = Quote
        fields = ["speaker", "country", "organization", "summit", "start", "end", "kind", "q"]
        form = RangeForm

    def filter_summit(self, queryset, name, summit):
        return queryset.at_summit(summit)

    def filter_start(self, queryset, name, start):
        return queryset.said_between(start=start)

    def filter_end(self, queryset, name, end):
        return queryset.said_between(end=end)


class ArticleFilter(filters.FilterSet):
    publisher = filters.ChoiceFilter(
        choices=lambda: [(p, p) for p in Article.objects.publishers()], empty_label="Any publisher"
    )
    summit = filters.ModelChoiceFilter(
        queryset=Event.objects.summits().order_by("-start_date"),
        to_field_name="slug",
        method="filter_summit",
        empty_label="Any summit",
        label="About summit",
    )
    actor = ActorFilter(
        method="filter_actor", label="Mentions", help_text="A country code, organisation or person."
    )
    match = filters.ChoiceFilter(
        choices=MATCH_CHOICES,
        method="keep",
        empty_label=None,
        widget=MatchRadioSelect,
        initial="any",
        label="Articles mentioning",
    )
    start = filters.DateFilter(
        field_name="published", lookup_expr="gte", widget=DATE_WIDGET, label="Published from"
    )
    end = filters.DateFilter(
        field_name="published", lookup_expr="lte", widget=DATE_WIDGET, label="Published to"
    )
    q = filters.CharFilter(method="filter_text", max_length=200, label="Title contains")

    class Meta:
        model = Article
        fields = ["publisher", "summit", "actor", "match", "start", "end", "q"]
        form = RangeForm

    def keep(self, queryset, name, value):
        return queryset

    def filter_summit(self, queryset, name, summit):
        return queryset.about_summit(summit)

    def filter_actor(self, queryset, name, actors):
        match_all = self.form.cleaned_data.get("match") == "all"
        return queryset.with_actors(actors, match_all=match_all)

    def filter_text(self, queryset, name, text):
        return queryset.matching_text(text)
