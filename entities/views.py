"""Pages for the timeline, summits, people, countries, organisations and events."""

from __future__ import annotations

import re

from django.db.models import F, Prefetch, Value
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import DetailView, ListView

from articles.models import Article, Quote, Role, co_mentioned
from articles.views import FilteredListView, SectionMixin

from .charts import TimelineItem, events_per_month, group_by_month
from .filters import PersonFilter, TimelineFilter
from .models import (
    NATO,
    Country,
    Event,
    EventType,
    Organization,
    Person,
    SlugRedirect,
    summit_attendance,
)

COUNTRY_CODE = re.compile(r"[A-Za-z0-9]{1,8}")  # what a country code in a URL can look like
KINDS = ("event", "article", "quote")  # also the order of same-day items on the timeline
DETAIL_ROWS = 50  # rows per section of a detail page; the full list is a filtered list away


def timeline_keys(filterset: TimelineFilter):
    """(kind, pk, day) of every event, article and quote the filters select, in date order:
    one UNION query that the paginator can count and slice."""

    def keyed(qs, kind: str, day: str):
        rank = Value(KINDS.index(kind))
        return qs.order_by().annotate(kind=rank, day=F(day)).values_list("kind", "pk", "day")

    parts = [keyed(filterset.qs.exclude(start_date=None), "event", "start_date")]
    if filterset.includes("articles"):
        parts.append(keyed(filterset.articles().exclude(published=None), "article", "published"))
    if filterset.includes("quotes"):
        quotes = filterset.quotes().with_date().exclude(when=None)
        parts.append(keyed(quotes, "quote", "when"))
    keys = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return keys.order_by("day", "kind", "pk")


def timeline_items(keys) -> list[TimelineItem]:
    """The objects behind a page of keys, with what their rows show: a query per kind present."""
    keys = list(keys)
    wanted = {kind: [pk for k, pk, _ in keys if KINDS[k] == kind] for kind in KINDS}
    loaded = {
        "event": Event.objects.for_listing().in_bulk(wanted["event"]) if wanted["event"] else {},
        "article": Article.objects.for_listing().in_bulk(wanted["article"])
        if wanted["article"]
        else {},
        "quote": Quote.objects.for_cards().defer("article__body").in_bulk(wanted["quote"])
        if wanted["quote"]
        else {},
    }
    return [
        TimelineItem(KINDS[k], loaded[KINDS[k]][pk], day)
        for k, pk, day in keys
        if pk in loaded[KINDS[k]]
    ]


class TimelineView(FilteredListView):
    filterset_class = TimelineFilter
    template_name = "entities/timeline.html"
    section = "timeline"
    export_name = "timeline"
    paginate_by = 60

    def get_queryset(self):
        return Event.objects.covered()

    def listed(self, filterset):
        return timeline_keys(filterset)

    def nothing(self):
        return []

    def export_rows(self, filterset):
        return (timeline_row(item) for item in timeline_items(timeline_keys(filterset)))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        valid = not self.filterset.is_bound or self.filterset.is_valid()
        items = timeline_items(context["object_list"])
        summits = list(Event.objects.nato_summits().order_by("start_date"))
        context.update(
            groups=group_by_month(items, summits),
            chart=events_per_month(self.filterset.qs if valid else Event.objects.none()),
            summary=self.filterset.summary() if valid else [],
        )
        return context


def timeline_row(item: TimelineItem) -> dict:
    """One exported timeline row, whatever its kind: the same columns for all three."""
    obj = item.object
    row = {"kind": item.kind, "date": item.day.isoformat()}
    if item.kind == "event":
        row |= {
            "date_display": obj.date_display,
            "precision": obj.start_precision,
            "title": obj.name,
            "type": obj.get_type_display(),
            "place": obj.place,
            "summit": obj.parent.name if obj.parent_id else "",
            "actors": "; ".join(
                [p.name for p in obj.people.all()] + [c.name for c in obj.countries.all()]
            ),
            "source": "",
        }
    elif item.kind == "article":
        row |= {
            "date_display": obj.published_display,
            "precision": obj.published_precision,
            "title": obj.title,
            "type": "article",
            "place": obj.dateline,
            "summit": "",
            "actors": "",
            "source": obj.publisher,
        }
    else:
        row |= {
            "date_display": obj.date_display,
            "precision": obj.said_on_precision if obj.said_on else obj.article.published_precision,
            "title": obj.text,
            "type": "quote",
            "place": "",
            "summit": obj.event.name if obj.event_id else "",
            "actors": obj.speaker_display,
            "source": obj.article.title,
        }
    return row | {"url": obj.get_absolute_url()}


class SummitListView(SectionMixin, ListView):
    template_name = "entities/summit_list.html"
    context_object_name = "summits"
    section = "summits"

    def get_queryset(self):
        return (
            Event.objects.summits()
            .with_family_counts()
            .select_related("host_country", "organization")
            .order_by("-start_date")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summits = list(context["summits"])
        attendance = summit_attendance(summits)
        rows = [(summit, attendance[summit.pk]) for summit in summits]
        nato = [row for row in rows if row[0].organization and row[0].organization.code == NATO]
        context["groups"] = [
            ("NATO summits", nato),
            ("Other summits", [row for row in rows if row not in nato]),
        ]
        return context


class SummitDetailView(SectionMixin, DetailView):
    template_name = "entities/summit_detail.html"
    context_object_name = "summit"
    section = "summits"

    def get_queryset(self):
        return Event.objects.summits().select_related("host_country", "organization")

    def get_context_data(self, **kwargs):
        summit = self.object
        children = list(Event.objects.filter(parent=summit).for_listing().order_by("start_date"))
        return super().get_context_data(
            attendance=summit_attendance([summit])[summit.pk],
            side_events=[e for e in children if e.type != EventType.STATEMENT],
            declarations=[e for e in children if e.type == EventType.STATEMENT],
            quotes=Quote.objects.for_cards().at_summit(summit).order_by("when", "pk"),
            articles=Article.objects.about_summit(summit).for_listing(),
            **kwargs,
        )


class PersonListView(FilteredListView):
    filterset_class = PersonFilter
    template_name = "entities/person_list.html"
    context_object_name = "people"
    section = "people"
    export_name = "people"
    paginate_by = 50

    def get_queryset(self):
        return Person.objects.select_related("country", "organization").with_counts()


class MergedRedirectMixin:
    """A slug merged away by a curator redirects, permanently, to the record that was kept."""

    redirect_kind: str

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except Http404:
            moved = SlugRedirect.objects.filter(
                kind=self.redirect_kind, old_slug=kwargs.get("slug")
            ).first()
            if moved is None:
                raise
            return redirect(moved.target.get_absolute_url(), permanent=True)


class PersonDetailView(MergedRedirectMixin, SectionMixin, DetailView):
    redirect_kind = SlugRedirect.Kind.PERSON
    template_name = "entities/person_detail.html"
    context_object_name = "person"
    section = "people"

    def get_queryset(self):
        return Person.objects.select_related("country", "organization").prefetch_related(
            Prefetch(
                "roles", queryset=Role.objects.select_related("article").defer("article__body")
            )
        )

    def get_context_data(self, **kwargs):
        person = self.object
        # pk breaks ties between quotes of one day: the same order on every database and after
        # a restore
        quotes = (
            Quote.objects.for_cards().by(person).order_by(F("when").desc(nulls_last=True), "pk")
        )
        return super().get_context_data(
            quotes=quotes[:DETAIL_ROWS],
            quote_count=quotes.count(),
            events=person.events.for_listing().order_by("-start_date")[:DETAIL_ROWS],
            articles=Article.objects.with_actors([person]).for_listing()[:DETAIL_ROWS],
            co_mentioned=co_mentioned(person),
            **kwargs,
        )


class CountryListView(SectionMixin, ListView):
    template_name = "entities/country_list.html"
    context_object_name = "countries"
    section = "countries"

    def get_queryset(self):
        return Country.objects.with_counts()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups: dict[str, list[Country]] = {}
        for country in context["countries"]:
            groups.setdefault(country.standing, []).append(country)
        order = ["Indo-Pacific partner (IP4)", "NATO member", "Other"]
        context["groups"] = [(name, groups[name]) for name in order if name in groups]
        return context


class CountryDetailView(SectionMixin, DetailView):
    template_name = "entities/country_detail.html"
    context_object_name = "country"
    slug_field = slug_url_kwarg = "code"
    section = "countries"

    def get(self, request, *args, **kwargs):
        code = kwargs["code"]
        if not COUNTRY_CODE.fullmatch(code):  # e.g. a NUL, which PostgreSQL refuses outright
            raise Http404("No country has that code.")
        if code != code.upper():
            return redirect("entities:country", code=code.upper(), permanent=True)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return Country.objects.all()

    def get_context_data(self, **kwargs):
        country = self.object
        others = Country.objects.exclude(pk=country.pk).values_list("name", "aliases")
        other_names = [n for name, aliases in others for n in [name, *aliases]]
        names = country.quoted_names(other_names)
        cards = Quote.objects.for_cards().order_by(F("when").desc(nulls_last=True), "pk")
        return super().get_context_data(
            people=country.people.with_counts().order_by("name"),
            events=Event.objects.with_actors([country])
            .for_listing()
            .order_by("-start_date")[:DETAIL_ROWS],
            quotes=cards.filter(speaker__country=country)[:DETAIL_ROWS],
            quoted_names=names,
            naming_quotes=cards.naming_any(names).exclude(speaker__country=country)[:DETAIL_ROWS],
            articles=Article.objects.with_actors([country]).for_listing()[:DETAIL_ROWS],
            co_mentioned=co_mentioned(country),
            **kwargs,
        )


class OrganizationListView(SectionMixin, ListView):
    template_name = "entities/organization_list.html"
    context_object_name = "organizations"
    section = "organizations"

    def get_queryset(self):
        return Organization.objects.select_related("parent").with_counts()


class OrganizationDetailView(SectionMixin, DetailView):
    template_name = "entities/organization_detail.html"
    context_object_name = "organization"
    section = "organizations"

    def get_queryset(self):
        return Organization.objects.select_related("parent")

    def get_context_data(self, **kwargs):
        org = self.object
        cards = Quote.objects.for_cards().order_by(F("when").desc(nulls_last=True), "pk")
        return super().get_context_data(
            people=org.people.with_counts().select_related("country").order_by("name"),
            events=Event.objects.with_actors([org])
            .for_listing()
            .order_by("-start_date")[:DETAIL_ROWS],
            quotes=cards.filter(speaker__organization=org)[:DETAIL_ROWS],
            articles=Article.objects.with_actors([org]).for_listing()[:DETAIL_ROWS],
            **kwargs,
        )


class EventDetailView(MergedRedirectMixin, SectionMixin, DetailView):
    redirect_kind = SlugRedirect.Kind.EVENT
    template_name = "entities/event_detail.html"
    context_object_name = "event"
    section = "timeline"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.is_summit:
            return redirect(self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_queryset(self):
        return Event.objects.select_related("parent", "host_country").prefetch_related(
            Prefetch("people", queryset=Person.objects.select_related("country")),
            "countries",
            "organizations",
        )

    def get_context_data(self, **kwargs):
        event = self.object
        return super().get_context_data(
            quotes=Quote.objects.for_cards().filter(event=event).order_by("when", "pk"),
            articles=Article.objects.with_actors([event]).for_listing(),
            **kwargs,
        )
