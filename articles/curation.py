"""Curation as data: corrections, verification, rejection and merges that outlive re-ingestion.

Every curator decision is stored as a ``Correction`` naming its target by natural key, and is
applied by ``apply_correction``. The same function replays the whole log after an ingest and
after a fixture rebuild (``apply_curation``), so a pipeline run never undoes a curator's work.
Applying is idempotent: a correction whose effect is already there changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Model

from entities.models import Event, Person, SlugRedirect

from .models import Correction, Mention, Quote, Role

# Fields a curator may correct, per target; foreign keys are stored as the target's natural key.
CURATED_FIELDS = {
    Correction.Target.PERSON: ["name", "aliases", "country", "organization"],
    Correction.Target.EVENT: [
        "name",
        "type",
        "start_date",
        "start_precision",
        "end_date",
        "place",
        "host_country",
        "parent",
    ],
    Correction.Target.QUOTE: [
        "text",
        "speaker",
        "speaker_label",
        "speaker_kind",
        "role",
        "said_on",
        "said_on_precision",
        "event",
    ],
}
MODELS = {
    Correction.Target.PERSON: Person,
    Correction.Target.EVENT: Event,
    Correction.Target.QUOTE: Quote,
}
DATE_FIELDS = {"start_date", "end_date", "said_on"}


def target_of(obj: Model) -> str:
    return {Person: "person", Event: "event", Quote: "quote"}[type(obj)]


def find(target: str, key: list):
    model = MODELS[target]
    try:
        return model.objects.get_by_natural_key(*key)
    except model.DoesNotExist:
        return None


def serialise(obj: Model, field: str):
    """A field's value as JSON: dates as ISO strings, foreign keys as natural keys."""
    model_field = obj._meta.get_field(field)
    if model_field.is_relation:
        related = getattr(obj, field)
        return list(related.natural_key()) if related else None
    value = getattr(obj, field)
    return value.isoformat() if isinstance(value, dt.date) else value


def _deserialise(obj: Model, field: str, value):
    model_field = obj._meta.get_field(field)
    if model_field.is_relation:
        if value is None:
            return None
        return model_field.related_model.objects.get_by_natural_key(*value)
    if field in DATE_FIELDS and value:
        return dt.date.fromisoformat(value)
    return value


def record(obj: Model, action: str, *, user=None, field: str = "", value=None) -> Correction:
    """Store one curator decision and apply it."""
    correction = Correction.objects.create(
        target=target_of(obj),
        key=list(obj.natural_key()),
        action=action,
        field=field,
        value=value,
        created_by=getattr(user, "username", "") or "",
    )
    correction.apply()
    return correction


@transaction.atomic
def apply_correction(correction: Correction) -> bool:
    obj = find(correction.target, correction.key)
    if obj is None:  # merged away, rejected, or not ingested in this database
        if correction.action == Correction.Action.MERGE:
            return _keep_old_url(correction)
        return False
    action = correction.action
    if action == Correction.Action.REJECT:
        obj.delete()
        return True
    if action == Correction.Action.VERIFY:
        if obj.verified:
            return False
        obj.verified = True
        obj.save(update_fields=["verified"])
        return True
    if action == Correction.Action.SET:
        value = _deserialise(obj, correction.field, correction.value)
        if getattr(obj, correction.field) == value:
            return False
        setattr(obj, correction.field, value)
        obj.save()
        return True
    kept = find(correction.target, correction.value)
    if kept is None or kept.pk == obj.pk:
        return False
    (merge_people if isinstance(obj, Person) else merge_events)(kept, obj)
    return True


def _keep_old_url(correction: Correction) -> bool:
    """A merged-away record's URL keeps redirecting, even in a database where the pipeline
    never produced the duplicate again."""
    kept = find(correction.target, correction.value)
    old_slug = correction.key[0]
    if (
        kept is None
        or SlugRedirect.objects.filter(kind=correction.target, old_slug=old_slug).exists()
    ):
        return False
    SlugRedirect.objects.create(
        kind=correction.target, old_slug=old_slug, **{correction.target: kept}
    )
    return True


def _move_mentions(kept: Model, other: Model, field: str) -> None:
    """Repoint ``other``'s mentions at ``kept``; where an article mentions both, add them up."""
    existing = {m.article_id: m for m in Mention.objects.filter(**{field: kept})}
    for mention in Mention.objects.filter(**{field: other}):
        same = existing.get(mention.article_id)
        if same is None:
            setattr(mention, field, kept)
            mention.save(update_fields=[field])
            continue
        if mention.first_start < same.first_start:
            same.first_start, same.first_end = mention.first_start, mention.first_end
        same.count += mention.count
        same.save(update_fields=["first_start", "first_end", "count"])
        mention.delete()


def _leave_redirect(kind: str, kept: Model, other: Model) -> None:
    field = kind  # "person" or "event"
    SlugRedirect.objects.filter(**{field: other}).update(**{field: kept})
    SlugRedirect.objects.update_or_create(kind=kind, old_slug=other.slug, defaults={field: kept})


@transaction.atomic
def merge_people(kept: Person, other: Person) -> None:
    """Move every quote, mention, role and participation of ``other`` to ``kept``; keep
    ``other``'s names as aliases and its slug as a redirect; then delete ``other``."""
    Quote.objects.filter(speaker=other).update(speaker=kept)
    _move_mentions(kept, other, "person")
    kept_roles = set(Role.objects.filter(person=kept).values_list("article_id", "title"))
    for role in Role.objects.filter(person=other):
        if (role.article_id, role.title) in kept_roles:
            role.delete()
        else:
            role.person = kept
            role.save(update_fields=["person"])
    for event in other.events.all():
        event.people.add(kept)
    kept.aliases = sorted((set(kept.aliases) | set(other.aliases) | {other.name}) - {kept.name})
    kept.country = kept.country or other.country
    kept.organization = kept.organization or other.organization
    kept.verified = kept.verified or other.verified
    kept.known = kept.known or other.known
    kept.save()
    _leave_redirect("person", kept, other)
    other.delete()


@transaction.atomic
def merge_events(kept: Event, other: Event) -> None:
    """Move quotes, mentions, side events and participants of ``other`` to ``kept``."""
    Quote.objects.filter(event=other).update(event=kept)
    Event.objects.filter(parent=other).exclude(pk=kept.pk).update(parent=kept)
    _move_mentions(kept, other, "event")
    kept.people.add(*other.people.all())
    kept.countries.add(*other.countries.all())
    kept.organizations.add(*other.organizations.all())
    if kept.start_date is None and other.start_date is not None:
        kept.start_date, kept.start_precision = other.start_date, other.start_precision
    for field in ("end_date", "place", "host_country", "parent"):
        if getattr(kept, field) in (None, ""):
            setattr(kept, field, getattr(other, field))
    if kept.parent_id == kept.pk:
        kept.parent = None
    kept.verified = kept.verified or other.verified
    kept.save()
    _leave_redirect("event", kept, other)
    other.delete()


def counts_for(person: Person) -> dict[str, int]:
    """What hangs off a person: used to prove a merge loses nothing."""
    return {
        "quotes": Quote.objects.filter(speaker=person).count(),
        "mentions": sum(Mention.objects.filter(person=person).values_list("count", flat=True)),
        "roles": Role.objects.filter(person=person).count(),
        "events": person.events.count(),
    }
