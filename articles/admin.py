from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse

from .curation import CURATED_FIELDS, record, serialise, target_of
from .models import Article, Correction, Mention, Quote, Role


class CurationAdmin(admin.ModelAdmin):
    """Admin for records the pipeline extracts: every curator edit is kept as a Correction,
    so that re-ingesting or rebuilding the fixtures replays it instead of undoing it."""

    actions = ["verify_selected", "reject_selected"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            for field in form.changed_data:
                if field in CURATED_FIELDS[target_of(obj)]:
                    record(
                        obj,
                        Correction.Action.SET,
                        user=request.user,
                        field=field,
                        value=serialise(obj, field),
                    )

    def delete_model(self, request, obj):
        record(obj, Correction.Action.REJECT, user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            record(obj, Correction.Action.REJECT, user=request.user)

    @admin.action(description="Verify selected (confirmed correct)", permissions=["change"])
    def verify_selected(self, request, queryset):
        for obj in queryset.filter(verified=False):
            record(obj, Correction.Action.VERIFY, user=request.user)
            self.log_change(request, obj, "Verified")
        self.message_user(request, "Marked as verified.", messages.SUCCESS)

    @admin.action(
        description="Reject selected (not what the pipeline said)", permissions=["delete"]
    )
    def reject_selected(self, request, queryset):
        count = 0
        for obj in queryset:
            self.log_deletion(request, obj, str(obj))
            record(obj, Correction.Action.REJECT, user=request.user)
            count += 1
        self.message_user(request, f"Rejected {count}; the decision is kept as a correction.")

    def merge_view(self, request, queryset, counts):
        """Intermediate page of the merge action: pick the record to keep, then merge."""
        objects = list(queryset)
        if len(objects) < 2:
            self.message_user(request, "Select at least two records to merge.", messages.ERROR)
            return None
        if "keep" in request.POST:
            kept = next((o for o in objects if str(o.pk) == request.POST["keep"]), None)
            if kept is None:
                self.message_user(request, "Choose the record to keep.", messages.ERROR)
                return None
            for other in objects:
                if other.pk != kept.pk:
                    record(
                        other,
                        Correction.Action.MERGE,
                        user=request.user,
                        value=list(kept.natural_key()),
                    )
            kept.refresh_from_db()
            self.log_change(request, kept, f"Merged {len(objects) - 1} record(s) into this one")
            self.message_user(request, f"Merged into {kept}.", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {self.model._meta.verbose_name_plural}",
            "opts": self.model._meta,
            "rows": [(o, counts(o)) for o in objects],
            "action": request.POST["action"],
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/merge_confirmation.html", context)


class QuoteInline(admin.TabularInline):
    model = Quote
    fields = ("text", "speaker", "speaker_label", "speaker_kind", "confidence", "verified")
    readonly_fields = ("text", "confidence")
    autocomplete_fields = ("speaker",)
    show_change_link = True
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False  # quotes come from the text, with their span


class MentionInline(admin.TabularInline):
    model = Mention
    fields = ("kind", "person", "country", "organization", "event", "first_start", "count")
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "publisher", "published", "published_precision", "quote_count")
    list_filter = ("publisher", "published_basis", "published_precision")
    search_fields = ("title", "publisher", "source_file")
    date_hierarchy = "published"
    readonly_fields = ("content_hash", "source_file", "body", "published_reason")
    inlines = [QuoteInline, MentionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body").annotate(quote_total=Count("quotes"))

    @admin.display(ordering="quote_total", description="quotes")
    def quote_count(self, obj):
        return obj.quote_total


@admin.register(Quote)
class QuoteAdmin(CurationAdmin):
    list_display = (
        "short_text",
        "speaker",
        "speaker_label",
        "speaker_kind",
        "confidence",
        "verified",
        "article",
    )
    list_filter = ("verified", "speaker_kind", "article__publisher")
    list_select_related = ("speaker", "article")
    search_fields = ("text", "speaker_label", "speaker__name")
    autocomplete_fields = ("speaker", "event")
    readonly_fields = ("article", "start", "end", "confidence", "cue", "evidence")
    fields = (
        "text",
        "speaker",
        "speaker_label",
        "speaker_kind",
        "role",
        "said_on",
        "said_on_precision",
        "event",
        "verified",
        "article",
        "start",
        "end",
        "cue",
        "confidence",
        "evidence",
    )

    @admin.display(description="quote")
    def short_text(self, obj):
        return obj.text[:90] + ("…" if len(obj.text) > 90 else "")


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ("article", "kind", "person", "country", "organization", "event", "count")
    list_filter = ("kind",)
    list_select_related = ("article", "person", "country", "organization", "event")
    search_fields = ("article__title", "person__name", "country__name", "event__name")
    readonly_fields = (
        "article",
        "kind",
        "person",
        "country",
        "organization",
        "event",
        "first_start",
        "first_end",
        "count",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).defer("article__body")


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ("person", "title", "country", "organization", "reported_on", "article")
    list_select_related = ("person", "country", "organization", "article")
    search_fields = ("person__name", "title")
    readonly_fields = ("article",)
    autocomplete_fields = ("person", "country", "organization")


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """The curation log, newest first: who decided what, and when."""

    list_display = ("created_at", "created_by", "action", "target", "key", "field", "value")
    list_filter = ("action", "target", "created_by")
    search_fields = ("key", "field", "created_by")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
