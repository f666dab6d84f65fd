from django.contrib import admin
from django.db.models import Count

from articles.admin import CurationAdmin
from articles.curation import counts_for

from .models import Country, Event, Organization, Person, SlugRedirect


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "nato_member_since", "indo_pacific_partner", "region")
    list_filter = ("indo_pacific_partner", "region")
    search_fields = ("name", "code", "official_name")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent")
    list_select_related = ("parent",)
    search_fields = ("name", "code")


@admin.register(Person)
class PersonAdmin(CurationAdmin):
    list_display = ("name", "country", "organization", "quote_total", "known", "verified")
    list_filter = ("verified", "known", "country__indo_pacific_partner", "country")
    list_select_related = ("country", "organization")
    search_fields = ("name", "slug", "aliases")
    autocomplete_fields = ("country", "organization")
    readonly_fields = ("slug", "known")
    actions = [*CurationAdmin.actions, "merge_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(quotes_n=Count("quotes", distinct=True))

    @admin.display(ordering="quotes_n", description="quotes")
    def quote_total(self, obj):
        return obj.quotes_n

    @admin.action(description="Merge selected people…", permissions=["change"])
    def merge_selected(self, request, queryset):
        return self.merge_view(request, queryset, counts_for)


class ChildEventInline(admin.TabularInline):
    model = Event
    fk_name = "parent"
    fields = ("name", "type", "start_date", "start_precision", "verified")
    show_change_link = True
    extra = 0
    verbose_name_plural = "events on its sidelines"


@admin.register(Event)
class EventAdmin(CurationAdmin):
    list_display = (
        "name",
        "type",
        "start_date",
        "start_precision",
        "parent",
        "reference",
        "verified",
    )
    list_filter = ("verified", "type", "reference", "start_precision")
    list_select_related = ("parent",)
    search_fields = ("name", "slug", "place")
    date_hierarchy = "start_date"
    readonly_fields = ("slug", "reference", "date_reason")
    autocomplete_fields = (
        "host_country",
        "organization",
        "parent",
        "people",
        "countries",
        "organizations",
    )
    inlines = [ChildEventInline]
    actions = [*CurationAdmin.actions, "merge_selected"]

    @admin.action(description="Merge selected events…", permissions=["change"])
    def merge_selected(self, request, queryset):
        return self.merge_view(
            request,
            queryset,
            lambda e: {
                "quotes": e.quotes.count(),
                "mentions": e.mentions.count(),
                "side events": e.children.count(),
            },
        )


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    list_display = ("kind", "old_slug", "person", "event")
    list_select_related = ("person", "event")
    search_fields = ("old_slug",)
