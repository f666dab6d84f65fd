from django.db.models import Prefetch
from django.views.generic import DetailView

from articles.models import Article, Quote, Role

from .models import Country, Event, Organization, Person


class PersonDetailView(DetailView):
    template_name = "entities/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.select_related("country", "organization").prefetch_related(
            Prefetch("quotes", queryset=Quote.objects.select_related("article", "event")),
            Prefetch("roles", queryset=Role.objects.select_related("article")),
            "events",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = Article.objects.mentioning(self.object).defer("body")
        return context


class CountryDetailView(DetailView):
    template_name = "entities/country_detail.html"
    context_object_name = "country"
    slug_field = slug_url_kwarg = "code"

    def get_queryset(self):
        return Country.objects.prefetch_related("people", "events")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = Article.objects.mentioning(self.object).defer("body")
        context["quotes"] = Quote.objects.with_context().filter(speaker__country=self.object)
        return context


class OrganizationDetailView(DetailView):
    template_name = "entities/organization_detail.html"
    context_object_name = "organization"

    def get_queryset(self):
        return Organization.objects.prefetch_related("people", "participated_events")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = Article.objects.mentioning(self.object).defer("body")
        return context


class EventDetailView(DetailView):
    template_name = "entities/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.select_related("parent", "host_country").prefetch_related(
            "people", "countries", "organizations", "children",
            Prefetch("quotes", queryset=Quote.objects.select_related("article", "speaker")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = Article.objects.mentioning(self.object).defer("body")
        return context
