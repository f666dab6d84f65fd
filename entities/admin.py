from django.contrib import admin

from .models import Country, Event, Organization, Person


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "nato_member_since", "indo_pacific_partner", "region")
    list_filter = ("indo_pacific_partner", "region")
    search_fields = ("name", "code")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent")
    search_fields = ("name", "code")


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "organization", "known", "verified")
    list_filter = ("known", "verified")
    list_select_related = ("country", "organization")
    search_fields = ("name", "slug")
    autocomplete_fields = ("country", "organization")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("name", "type", "start_date", "start_precision", "parent", "reference")
    list_filter = ("type", "reference")
    list_select_related = ("parent",)
    search_fields = ("name", "slug")
    date_hierarchy = "start_date"
    autocomplete_fields = (
        "host_country",
        "organization",
        "parent",
        "people",
        "countries",
        "organizations",
    )
