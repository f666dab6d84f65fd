"""Articles and what was extracted from them, each fact tied to its evidence span."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from entities.models import (
    Country,
    Event,
    Organization,
    Person,
    Precision,
    display_date,
    row_count,
)


class DateBasis(models.TextChoices):
    STATED = "stated", "Stated on the page"
    DATELINE = "dateline", "From the dateline"
    INFERRED = "inferred", "Inferred from the text"


class SpeakerKind(models.TextChoices):
    PERSON = "person", "Person"
    ANONYMOUS = "anonymous", "Anonymous source"
    DOCUMENT = "document", "Document"
    ORGANIZATION = "organization", "Organisation"


MENTION_FIELD = {Person: "person", Country: "country", Organization: "organization", Event: "event"}


class ArticleQuerySet(models.QuerySet):
    def mentioning(self, actor):
        field = {Person: "person", Country: "country", Organization: "organization", Event: "event"}
        return self.filter(**{f"mentions__{field[type(actor)]}": actor}).distinct()

    def with_actors(self, actors: list, match_all: bool = False):
        """Articles that mention any (or all) of ``actors``; no join, so no duplicates."""
        if not actors:
            return self
        conditions = [
            Q(pk__in=Mention.objects.filter(**{MENTION_FIELD[type(a)]: a}).values("article_id"))
            for a in actors
        ]
        if match_all:
            return self.filter(*conditions)
        combined = Q()
        for condition in conditions:
            combined |= condition
        return self.filter(combined)

    def about_summit(self, summit: Event):
        """Articles that mention the summit or one of its side events."""
        family = Q(event=summit) | Q(event__parent=summit)
        return self.filter(pk__in=Mention.objects.filter(family).values("article_id"))

    def published_between(self, start: dt.date | None = None, end: dt.date | None = None):
        qs = self
        if start:
            qs = qs.filter(published__gte=start)
        if end:
            qs = qs.filter(published__lte=end)
        return qs

    def matching_text(self, text: str):
        return self.filter(Q(title__icontains=text) | Q(subtitle__icontains=text))

    def publishers(self) -> list[str]:
        rows = self.exclude(publisher="").order_by("publisher").values_list("publisher", flat=True)
        return list(rows.distinct())

    def for_listing(self):
        """Rows for lists: no body, a quote count."""
        outer = models.OuterRef("pk")
        return self.defer("body").annotate(
            quote_count=row_count(Quote.objects.filter(article=outer))
        )


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_by_natural_key(self, content_hash):
        return self.get(content_hash=content_hash)


class Article(models.Model):
    title = models.CharField(max_length=500)
    subtitle = models.CharField(max_length=500, blank=True)
    slug = models.SlugField(max_length=120)
    publisher = models.CharField(max_length=200, blank=True)
    authors = models.JSONField(default=list, blank=True)
    published = models.DateField(null=True, blank=True)
    published_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    published_basis = models.CharField(max_length=10, choices=DateBasis.choices, blank=True)
    published_reason = models.CharField(max_length=500, blank=True)
    dateline = models.CharField(max_length=100, blank=True)
    body = models.TextField()
    source_file = models.CharField(max_length=255, blank=True)
    content_hash = models.CharField(
        max_length=64, help_text="SHA-256 of the source document's bytes."
    )
    url = models.URLField(max_length=1000, blank=True)

    objects = ArticleManager()

    class Meta:
        ordering = ["-published", "title"]
        indexes = [models.Index(fields=["published"], name="article_published_idx")]
        constraints = [
            models.UniqueConstraint(fields=["content_hash"], name="article_content_hash_unique"),
            models.UniqueConstraint(fields=["slug"], name="article_slug_unique"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:article", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.content_hash,)

    @property
    def published_display(self) -> str:
        return display_date(self.published, self.published_precision)

    @property
    def month_key(self) -> tuple[int, int] | None:
        if self.published is None:
            return None
        month = 0 if self.published_precision == Precision.YEAR else self.published.month
        return (self.published.year, month)

    def highlighted_body(self) -> SafeString:
        """The body as paragraphs, each quote in a ``<mark id="quote-<pk>">`` followed by a link
        to its permalink, and the first mention of each person, country and organisation
        linked. Uses prefetched ``quotes`` and ``mentions``; every bit of text is escaped."""
        quotes = [
            Highlight(
                q.start,
                q.end,
                q.get_absolute_url(),
                "quote",
                f"quote-{q.pk}",
                f"Evidence for the quote by {q.speaker_display}",
            )
            for q in self.quotes.all()
        ]
        links = [
            Highlight(m.first_start, m.first_end, m.target.get_absolute_url(), f"mention {m.kind}")
            for m in self.mentions.all()
            if m.kind != MentionKind.EVENT  # an event's evidence is a whole sentence
        ]
        return highlight(self.body, quotes, links)

    def export_row(self) -> dict:
        return {
            "title": self.title,
            "slug": self.slug,
            "publisher": self.publisher,
            "authors": "; ".join(self.authors),
            "published": self.published.isoformat() if self.published else "",
            "published_precision": self.published_precision,
            "published_display": self.published_display,
            "dateline": self.dateline,
            "quotes": getattr(self, "quote_count", None),
            "source_url": self.url,
            "url": self.get_absolute_url(),
        }


class RoleManager(models.Manager):
    def get_by_natural_key(self, person_slug, content_hash, title):
        return self.get(person__slug=person_slug, article__content_hash=content_hash, title=title)


class Role(models.Model):
    """A person's role as an article gave it at that date: roles belong to a time."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=300)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL)
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="roles")
    reported_on = models.DateField(null=True, blank=True)

    objects = RoleManager()

    class Meta:
        ordering = ["reported_on", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "article", "title"], name="role_person_article_title_unique"
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.title}"

    def natural_key(self):
        return (self.person.slug, self.article.content_hash, self.title)

    natural_key.dependencies = ["entities.person", "articles.article"]


SPEAKER_FIELD = {
    Person: "speaker",
    Country: "speaker__country",
    Organization: "speaker__organization",
}


class QuoteQuerySet(models.QuerySet):
    def by(self, person):
        return self.filter(speaker=person)

    def with_context(self):
        return self.select_related("article", "speaker", "speaker__country", "event")

    def for_cards(self):
        """What an evidence card shows: speaker, article (with body, for the sentence around
        the quote), event, and the date used for ordering (``when``)."""
        return self.select_related(
            "article", "speaker", "speaker__country", "speaker__organization", "event"
        ).with_date()

    def with_date(self):
        """``when``: the day it was said, or else the article's publication date."""
        return self.annotate(when=Coalesce("said_on", "article__published"))

    def by_actors(self, actors: list, match_all: bool = False):
        """Quotes whose speaker is, or belongs to, any (or all) of ``actors``."""
        if not actors:
            return self
        conditions = [Q(**{SPEAKER_FIELD[type(a)]: a}) for a in actors]
        if match_all:
            return self.filter(*conditions)
        combined = Q()
        for condition in conditions:
            combined |= condition
        return self.filter(combined)

    def at_summit(self, summit: Event):
        """Quotes said at the summit or at one of its side events."""
        return self.filter(Q(event=summit) | Q(event__parent=summit))

    def said_between(self, start: dt.date | None = None, end: dt.date | None = None):
        """Said in the range, or — when the day it was said is unknown — published in it."""
        qs = self
        if start:
            qs = qs.filter(
                Q(said_on__gte=start) | Q(said_on__isnull=True, article__published__gte=start)
            )
        if end:
            qs = qs.filter(
                Q(said_on__lte=end) | Q(said_on__isnull=True, article__published__lte=end)
            )
        return qs

    def naming_any(self, names: list[str]):
        """Quotes whose words contain one of ``names``."""
        if not names:
            return self.none()
        combined = Q()
        for name in names:
            combined |= Q(text__icontains=name)
        return self.filter(combined)


class QuoteManager(models.Manager.from_queryset(QuoteQuerySet)):
    def get_by_natural_key(self, content_hash, start, end):
        return self.get(article__content_hash=content_hash, start=start, end=end)


class Quote(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField()
    start = models.PositiveIntegerField(help_text="Character offset in the article body.")
    end = models.PositiveIntegerField()
    speaker = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    speaker_label = models.CharField(
        max_length=300, blank=True, help_text="The speaker as written."
    )
    speaker_kind = models.CharField(
        max_length=20, choices=SpeakerKind.choices, default=SpeakerKind.PERSON
    )
    role = models.CharField(max_length=300, blank=True, help_text="The speaker's role at the time.")
    cue = models.CharField(max_length=50, blank=True)
    said_on = models.DateField(null=True, blank=True)
    said_on_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    confidence = models.FloatField(default=0.5)
    verified = models.BooleanField(default=False)

    objects = QuoteManager()

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.UniqueConstraint(fields=["article", "start", "end"], name="quote_span_unique"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="quote_span_ordered"),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="quote_confidence_range"
            ),
        ]

    def __str__(self):
        return f"“{self.text[:60]}” — {self.speaker_display}"

    def get_absolute_url(self):
        return reverse("articles:quote", kwargs={"pk": self.pk})

    def natural_key(self):
        return (self.article.content_hash, self.start, self.end)

    natural_key.dependencies = ["articles.article"]

    def clean(self):
        if self.article_id and self.end > len(self.article.body):
            raise ValidationError("The quote's span runs past the end of the article body.")

    @property
    def speaker_display(self) -> str:
        if self.speaker_id:
            return self.speaker.name
        return self.speaker_label or "unattributed"

    @property
    def evidence(self) -> str:
        """The sentence(s) around the quote in the article body."""
        body = self.article.body
        start = max(body.rfind("\n", 0, self.start) + 1, 0)
        end = body.find("\n", self.end)
        return body[start : end if end != -1 else len(body)]

    @property
    def context(self) -> tuple[str, str, str]:
        """The paragraph around the quote as (before, quote, after), each side cut to a few
        words so a card stays short."""
        body = self.article.body
        start = max(body.rfind("\n", 0, self.start) + 1, 0)
        end = body.find("\n", self.end)
        end = len(body) if end == -1 else end
        before, after = body[start : self.start], body[self.end : end]
        if len(before) > CONTEXT_CHARS:
            before = "…" + before[-CONTEXT_CHARS:].split(" ", 1)[-1]
        if len(after) > CONTEXT_CHARS:
            after = after[:CONTEXT_CHARS].rsplit(" ", 1)[0] + "…"
        return before, body[self.start : self.end], after

    @property
    def date_display(self) -> str:
        """When it was said, or the article's date, labelled as such."""
        if self.said_on:
            return display_date(self.said_on, self.said_on_precision)
        if self.article.published:
            return f"{self.article.published_display} (article date)"
        return "date unknown"

    @property
    def month_key(self) -> tuple[int, int] | None:
        if self.said_on:
            day, precision = self.said_on, self.said_on_precision
        else:
            day, precision = self.article.published, self.article.published_precision
        if day is None:
            return None
        return (day.year, 0 if precision == Precision.YEAR else day.month)

    def export_row(self) -> dict:
        speaker = self.speaker
        return {
            "id": self.pk,
            "text": self.text,
            "speaker": self.speaker_display,
            "speaker_slug": speaker.slug if speaker else "",
            "speaker_label": self.speaker_label,
            "speaker_kind": self.get_speaker_kind_display(),
            "role": self.role,
            "speaker_country": speaker.country.name if speaker and speaker.country_id else "",
            "said_on": self.said_on.isoformat() if self.said_on else "",
            "said_on_precision": self.said_on_precision if self.said_on else "",
            "date": self.date_display,
            "event": self.event.name if self.event_id else "",
            "article": self.article.title,
            "publisher": self.article.publisher,
            "article_published": self.article.published.isoformat()
            if self.article.published
            else "",
            "confidence": round(self.confidence, 2),
            "verified": self.verified,
            "url": self.get_absolute_url(),
            "article_url": f"{self.article.get_absolute_url()}#quote-{self.pk}",
        }


class MentionKind(models.TextChoices):
    PERSON = "person", "Person"
    COUNTRY = "country", "Country"
    ORGANIZATION = "organization", "Organisation"
    EVENT = "event", "Event"


class MentionManager(models.Manager):
    def get_by_natural_key(self, content_hash, kind, key):
        lookup = {
            MentionKind.PERSON: "person__slug",
            MentionKind.COUNTRY: "country__code",
            MentionKind.ORGANIZATION: "organization__code",
            MentionKind.EVENT: "event__slug",
        }[kind]
        return self.get(article__content_hash=content_hash, kind=kind, **{lookup: key})


class Mention(models.Model):
    """Evidence that an article mentions an actor or event: the first span and how often."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    kind = models.CharField(max_length=20, choices=MentionKind.choices)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    first_start = models.PositiveIntegerField()
    first_end = models.PositiveIntegerField()
    count = models.PositiveIntegerField(default=1)

    objects = MentionManager()

    class Meta:
        ordering = ["article", "first_start"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="person",
                        person__isnull=False,
                        country__isnull=True,
                        organization__isnull=True,
                        event__isnull=True,
                    )
                    | Q(
                        kind="country",
                        person__isnull=True,
                        country__isnull=False,
                        organization__isnull=True,
                        event__isnull=True,
                    )
                    | Q(
                        kind="organization",
                        person__isnull=True,
                        country__isnull=True,
                        organization__isnull=False,
                        event__isnull=True,
                    )
                    | Q(
                        kind="event",
                        person__isnull=True,
                        country__isnull=True,
                        organization__isnull=True,
                        event__isnull=False,
                    )
                ),
                name="mention_exactly_one_target",
            ),
            models.CheckConstraint(
                condition=Q(first_end__gt=F("first_start")), name="mention_span_ordered"
            ),
            models.CheckConstraint(condition=Q(count__gte=1), name="mention_count_positive"),
            *[
                models.UniqueConstraint(
                    fields=["article", field],
                    condition=Q(**{f"{field}__isnull": False}),
                    name=f"mention_article_{field}_unique",
                )
                for field in ("person", "country", "organization", "event")
            ],
        ]

    def __str__(self):
        return f"{self.article} mentions {self.target} ({self.count}×)"

    def natural_key(self):
        return (self.article.content_hash, self.kind, self.target_key)

    natural_key.dependencies = [
        "articles.article",
        "entities.person",
        "entities.country",
        "entities.organization",
        "entities.event",
    ]

    @property
    def target(self):
        return self.person or self.country or self.organization or self.event

    @property
    def target_key(self) -> str:
        if self.person_id:
            return self.person.slug
        if self.country_id:
            return self.country.code
        if self.organization_id:
            return self.organization.code
        return self.event.slug


CONTEXT_CHARS = 220
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Highlight:
    """A span of the body to wrap: a quote (``<mark>``) or a link to an actor (``<a>``)."""

    start: int
    end: int
    href: str
    css: str
    dom_id: str = ""
    label: str = ""  # what a quote's permalink says to a screen reader


def _non_overlapping(spans: list[Highlight], limit: int, fits=lambda span: True) -> list:
    kept: list[Highlight] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        fresh = not kept or span.start >= kept[-1].end
        if 0 <= span.start < span.end <= limit and fresh and fits(span):
            kept.append(span)
    return kept


def highlight(body: str, quotes: list[Highlight], links: list[Highlight]) -> SafeString:
    """Paragraphs of ``body`` with quote marks and links; links may sit inside a quote but
    never straddle its edge, and overlapping spans are dropped rather than mis-nested."""
    quotes = _non_overlapping(quotes, len(body))

    def inside_or_outside(link: Highlight) -> bool:
        def straddles(q: Highlight) -> bool:
            overlaps = q.start < link.end and link.start < q.end
            return overlaps and not q.start <= link.start < link.end <= q.end

        return not any(straddles(q) for q in quotes)

    links = _non_overlapping(links, len(body), inside_or_outside)
    cuts = sorted({0, len(body), *(p for s in quotes + links for p in (s.start, s.end))})
    html: list[str] = []
    opened: set[str] = set()
    for start, end in zip(cuts, cuts[1:], strict=False):
        quote = next((q for q in quotes if q.start <= start and end <= q.end), None)
        link = next((k for k in links if k.start <= start and end <= k.end), None)
        for number, part in enumerate(PARAGRAPH_BREAK.split(body[start:end])):
            if number:
                html.append("</p>\n<p>")
            if part:
                html.append(_wrap(part, quote, link, opened))
        if quote and end == quote.end:
            html.append(
                format_html(
                    '<a class="quote-ref" href="{}" aria-label="{}">¶</a>',
                    quote.href,
                    quote.label or "Quote permalink",
                )
            )
    text = "<p>" + "".join(html).strip() + "</p>"
    return mark_safe(text.replace("<p></p>", "").replace("<p>\n", "<p>"))


def _wrap(text: str, quote: Highlight | None, link: Highlight | None, opened: set[str]) -> str:
    inner = escape(text).replace("\n", "<br>")
    if link:
        inner = format_html('<a class="{}" href="{}">{}</a>', link.css, link.href, mark_safe(inner))
    if quote:
        # The id goes on the first piece only: a quote broken by a link or paragraph is several.
        dom_id = "" if quote.dom_id in opened else quote.dom_id
        opened.add(quote.dom_id)
        id_attr = format_html(' id="{}"', dom_id) if dom_id else ""
        inner = format_html('<mark class="quote"{}>{}</mark>', id_attr, mark_safe(inner))
    return inner


@dataclass(frozen=True)
class CoMention:
    """An actor named in the same articles as another, and in how many of them."""

    kind: str
    name: str
    url: str
    articles: int


def co_mentioned(actor, limit: int = 12) -> list[CoMention]:
    """People, countries and organisations most often mentioned alongside ``actor`` (one query)."""
    field = MENTION_FIELD[type(actor)]
    articles = Mention.objects.filter(**{field: actor}).values("article_id")
    rows = (
        Mention.objects.filter(article_id__in=articles)
        .exclude(kind=MentionKind.EVENT)
        .exclude(**{field: actor})
        .values(
            "kind",
            "person__name",
            "person__slug",
            "country__name",
            "country__code",
            "organization__name",
            "organization__slug",
        )
        .annotate(n=models.Count("article_id", distinct=True))
        .order_by("-n", "kind", "person__name", "country__name", "organization__name")[:limit]
    )
    return [_co_mention(row) for row in rows]


def _co_mention(row: dict) -> CoMention:
    kind = row["kind"]
    if kind == MentionKind.PERSON:
        name, url = row["person__name"], reverse("entities:person", args=[row["person__slug"]])
    elif kind == MentionKind.COUNTRY:
        name, url = row["country__name"], reverse("entities:country", args=[row["country__code"]])
    else:
        name = row["organization__name"]
        url = reverse("entities:organization", args=[row["organization__slug"]])
    return CoMention(kind, name, url, row["n"])


class CorrectionQuerySet(models.QuerySet):
    def replay(self) -> int:
        """Apply every correction again, oldest first; returns how many changed something."""
        return sum(1 for correction in self.order_by("created_at", "uid") if correction.apply())


class CorrectionManager(models.Manager.from_queryset(CorrectionQuerySet)):
    def get_by_natural_key(self, uid):
        return self.get(uid=uid)


class Correction(models.Model):
    """One curator decision, kept as data so that it survives re-ingestion and fixture rebuilds.

    The target is named by its natural key, never by an id, so a correction applies to the same
    record in any database built from the same documents (see ``articles/curation.py``).
    """

    class Target(models.TextChoices):
        PERSON = "person", "Person"
        EVENT = "event", "Event"
        QUOTE = "quote", "Quote"

    class Action(models.TextChoices):
        SET = "set", "Set a field"
        VERIFY = "verify", "Verify"
        REJECT = "reject", "Reject"
        MERGE = "merge", "Merge into another record"

    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    target = models.CharField(max_length=10, choices=Target.choices)
    key = models.JSONField(help_text="Natural key of the corrected record.")
    action = models.CharField(max_length=10, choices=Action.choices)
    field = models.CharField(max_length=50, blank=True)
    value = models.JSONField(
        null=True, blank=True, help_text="The new value; for a merge, the kept record's key."
    )
    created_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CorrectionManager()

    class Meta:
        ordering = ["created_at", "uid"]
        constraints = [
            models.UniqueConstraint(fields=["uid"], name="correction_uid_unique"),
            models.CheckConstraint(
                condition=~Q(action="set") | ~Q(field=""), name="correction_set_names_field"
            ),
            models.CheckConstraint(
                condition=~Q(action="merge") | Q(target__in=["person", "event"]),
                name="correction_merge_person_or_event",
            ),
        ]

    def __str__(self):
        what = f" {self.field}" if self.field else ""
        return f"{self.get_action_display()}{what} on {self.target} {'/'.join(map(str, self.key))}"

    def natural_key(self):
        return (str(self.uid),)

    def apply(self) -> bool:
        from .curation import apply_correction

        return apply_correction(self)
