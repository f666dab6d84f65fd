"""Pages for articles, quotes, search and the home page, and the base of every filtered list."""

from __future__ import annotations

from django.db.models import F, Prefetch, Q
from django.http import Http404, HttpResponseBadRequest
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from entities.models import Event, EventType, Person, Precision, summit_attendance

from .exports import ExportError, error_response, export, query_filters, requested_format
from .filters import ArticleFilter, QuoteFilter
from .models import Article, DateBasis, Mention, Quote, SpeakerKind
from .search import MAX_QUERY_LENGTH, search


class SectionMixin:
    """Names the site section a page belongs to, for the navigation's ``aria-current``."""

    section = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class FilteredListView(SectionMixin, FilterView):
    """A FilterView whose bad input is a 400 page with the form's errors — never a 500 — and
    that answers ``?format=csv`` and ``?format=json`` with the same filtered rows."""

    paginate_by = 25
    export_name = "export"
    page_error = ""

    def get(self, request, *args, **kwargs):
        try:
            fmt = requested_format(request)
        except ExportError as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
        self.filterset = self.get_filterset(self.get_filterset_class())
        valid = not self.filterset.is_bound or self.filterset.is_valid()
        if fmt and not valid:
            errors = {k: [str(m) for m in v] for k, v in self.filterset.errors.items()}
            return error_response(errors, fmt)
        if fmt:
            rows = self.export_rows(self.filterset)
            return export(request, rows, fmt, self.export_name, query_filters(request))
        self.object_list = self.listed(self.filterset) if valid else self.nothing()
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        response = self.render_to_response(context)
        if not valid or self.page_error:
            response.status_code = 400
        return response

    def listed(self, filterset):
        """What the page lists for valid filters."""
        return filterset.qs

    def nothing(self):
        return self.filterset.queryset.none()

    def export_rows(self, filterset):
        return (obj.export_row() for obj in self.listed(filterset))

    def paginate_queryset(self, queryset, page_size):
        """A page number that doesn't exist shows the first page with a note, not a 404."""
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404:
            self.page_error = "There is no such page; showing the first page."
            paginator = self.get_paginator(queryset, page_size)
            page = paginator.page(1)
            return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # paginates, which may set page_error
        context["page_error"] = self.page_error
        return context


class HomeView(SectionMixin, TemplateView):
    template_name = "home.html"
    section = "home"

    def get_context_data(self, **kwargs):
        summits = list(
            Event.objects.nato_summits()
            .with_family_counts()
            .select_related("host_country")
            .filter(Q(child_count__gt=0) | Q(article_count__gt=0))
            .order_by("-start_date")[:6]
        )
        attendance = summit_attendance(summits)
        return super().get_context_data(
            counts={
                "articles": Article.objects.count(),
                "quotes": Quote.objects.count(),
                "people": Person.objects.count(),
                "events": Event.objects.filter(reference=False).count(),
            },
            summit_cards=[(summit, attendance[summit.pk]) for summit in summits],
            latest_events=Event.objects.filter(reference=False)
            .exclude(start_date=None)
            .for_listing()
            .order_by("-start_date", "name")[:6],
            latest_quotes=Quote.objects.for_cards().order_by(
                F("when").desc(nulls_last=True), "-pk"
            )[:4],
            **kwargs,
        )


class ArticleListView(FilteredListView):
    filterset_class = ArticleFilter
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    section = "articles"
    export_name = "articles"

    def get_queryset(self):
        return Article.objects.for_listing()


class ArticleDetailView(SectionMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"
    section = "articles"

    def get_queryset(self):
        return Article.objects.prefetch_related(
            Prefetch(
                "quotes",
                queryset=Quote.objects.select_related("speaker", "event").order_by("start"),
            ),
            Prefetch(
                "mentions",
                # pk breaks ties of first position: the same order on every database and after
                # a restore (PostgreSQL returns ties in whatever order the rows lie on disk)
                queryset=Mention.objects.select_related(
                    "person", "country", "organization", "event"
                ).order_by("first_start", "pk"),
            ),
        )


class QuoteListView(FilteredListView):
    filterset_class = QuoteFilter
    template_name = "articles/quote_list.html"
    context_object_name = "quotes"
    section = "quotes"
    export_name = "quotes"

    def get_queryset(self):
        return Quote.objects.for_cards().order_by(F("when").desc(nulls_last=True), "pk")


class QuoteDetailView(SectionMixin, DetailView):
    template_name = "articles/quote_detail.html"
    context_object_name = "quote"
    section = "quotes"

    def get_queryset(self):
        return Quote.objects.for_cards()


class SearchView(SectionMixin, TemplateView):
    template_name = "articles/search.html"
    section = "search"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
        return super().get_context_data(
            query=query, results=search(query) if query else None, **kwargs
        )


class AboutView(SectionMixin, TemplateView):
    template_name = "about.html"
    section = "about"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            event_types=EventType.choices,
            precisions=Precision.choices,
            speaker_kinds=SpeakerKind.choices,
            date_bases=DateBasis.choices,
            publishers=Article.objects.publishers(),
            **kwargs,
        )
