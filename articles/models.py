"""Articles and what was extracted from them, each fact tied to its evidence span."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from entities.models import Country, Event, Organization, Person, Precision, display_date


class DateBasis(models.TextChoices):
    STATED = "stated", "Stated on the page"
    DATELINE = "dateline", "From the dateline"
    INFERRED = "inferred", "Inferred from the text"


class SpeakerKind(models.TextChoices):
    PERSON = "person", "Person"
    ANONYMOUS = "anonymous", "Anonymous source"
    DOCUMENT = "document", "Document"
    ORGANIZATION = "organization", "Organisation"


class ArticleQuerySet(models.QuerySet):
    def mentioning(self, actor):
        field = {Person: "person", Country: "country", Organization: "organization", Event: "event"}
        return self.filter(**{f"mentions__{field[type(actor)]}": actor}).distinct()


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
    ingested_at = models.DateTimeField(auto_now_add=True)

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

    def natural_key(self):
        return (self.content_hash,)

    def get_absolute_url(self):
        return reverse("articles:article", kwargs={"slug": self.slug})

    @property
    def published_display(self) -> str:
        return display_date(self.published, self.published_precision)


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


class QuoteQuerySet(models.QuerySet):
    def by(self, person):
        return self.filter(speaker=person)

    def with_context(self):
        return self.select_related("article", "speaker", "speaker__country", "event")


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
    speaker_label = models.CharField(max_length=300, blank=True, help_text="The speaker as written.")
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

    def natural_key(self):
        return (self.article.content_hash, self.start, self.end)

    natural_key.dependencies = ["articles.article"]

    def get_absolute_url(self):
        return reverse("articles:quote", kwargs={"pk": self.pk})

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
                    Q(kind="person", person__isnull=False, country__isnull=True,
                      organization__isnull=True, event__isnull=True)
                    | Q(kind="country", person__isnull=True, country__isnull=False,
                        organization__isnull=True, event__isnull=True)
                    | Q(kind="organization", person__isnull=True, country__isnull=True,
                        organization__isnull=False, event__isnull=True)
                    | Q(kind="event", person__isnull=True, country__isnull=True,
                        organization__isnull=True, event__isnull=False)
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
        "articles.article", "entities.person", "entities.country", "entities.organization",
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
