"""Load the reference knowledge (fixtures/knowledge/*.json) into the database, idempotently."""

from django.db import transaction
from django.utils.text import slugify

from articles.pipeline.knowledge import Knowledge

from .models import Country, Event, EventType, Organization, Precision


@transaction.atomic
def sync_reference(knowledge: Knowledge) -> dict[str, int]:
    """Create or update countries, organisations and reference summits; returns change counts."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}

    def upsert(model, lookup: dict, values: dict):
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model.objects.create(**lookup, **values)
            counts["created"] += 1
        elif any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            obj.save()
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
        return obj

    for c in knowledge.countries:
        upsert(
            Country,
            {"code": c.code},
            {
                "name": c.name,
                "slug": c.slug,
                "official_name": c.official_name or "",
                "aliases": list(c.aliases),
                "demonyms": list(c.demonyms),
                "capitals": list(c.capitals),
                "nato_member_since": c.nato_member_since,
                "indo_pacific_partner": c.indo_pacific_partner,
                "region": c.region,
            },
        )
    organizations = {
        o.code: upsert(
            Organization,
            {"code": o.code},
            {"name": o.name, "slug": o.slug, "kind": o.kind, "aliases": list(o.aliases)},
        )
        for o in knowledge.organizations
    }
    for o in knowledge.organizations:  # parents once every organisation exists
        parent = organizations.get(o.parent) if o.parent else None
        if organizations[o.code].parent_id != (parent.pk if parent else None):
            organizations[o.code].parent = parent
            organizations[o.code].save(update_fields=["parent"])
    countries = {c.code: c for c in Country.objects.all()}
    for s in knowledge.summits:
        upsert(
            Event,
            {"slug": s.slug},
            {
                "name": s.name,
                "type": EventType.SUMMIT,
                "start_date": s.start,
                "start_precision": Precision.DAY,
                "end_date": s.end,
                "place": s.city,
                "host_country": countries.get(s.country),
                "organization": organizations.get(s.organization),
                "reference": True,
                "date_reason": "reference data",
            },
        )
    return counts


def unique_slug(text: str, taken, suffix: str, max_length: int = 100) -> str:
    """A slug for ``text``; ``suffix`` (stable, e.g. part of a hash) is appended if it is taken."""
    base = slugify(text)[:max_length].strip("-") or suffix
    return base if not taken(base) else f"{base[: max_length - len(suffix) - 1]}-{suffix}"
