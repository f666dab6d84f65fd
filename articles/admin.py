from django.contrib import admin

from .models import Article, Mention, Quote, Role


class QuoteInline(admin.TabularInline):
    model = Quote
    fields = ("text", "speaker", "speaker_label", "speaker_kind", "confidence", "verified")
    readonly_fields = ("text",)
    autocomplete_fields = ("speaker",)
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "publisher", "published", "published_precision", "source_file")
    list_filter = ("publisher", "published_basis")
    search_fields = ("title", "body")
    date_hierarchy = "published"
    readonly_fields = ("content_hash", "source_file", "body")
    inlines = [QuoteInline]


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ("text", "speaker", "speaker_kind", "article", "confidence", "verified")
    list_filter = ("speaker_kind", "verified")
    list_select_related = ("speaker", "article")
    search_fields = ("text", "speaker_label")
    autocomplete_fields = ("speaker", "event")
    readonly_fields = ("article", "start", "end")


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ("article", "kind", "person", "country", "organization", "event", "count")
    list_filter = ("kind",)
    list_select_related = ("article", "person", "country", "organization", "event")
    readonly_fields = ("article", "first_start", "first_end", "count")


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ("person", "title", "country", "organization", "reported_on")
    list_select_related = ("person", "country", "organization")
    search_fields = ("person__name", "title")
