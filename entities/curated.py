"""The knowledge the pipeline uses, with what curators put in the database merged in."""

from articles.pipeline.knowledge import Knowledge, PersonInfo, default_knowledge

from .models import Person


def knowledge_with_curation() -> Knowledge:
    """Reference knowledge plus every stored person's name variants, so that the next ingest
    lands a known variant ("Yoon Suk-yeol") on the existing person."""
    base = default_knowledge()
    known = {p.slug: p for p in base.people}
    extra = []
    for person in Person.objects.select_related("country", "organization"):
        reference = known.get(person.slug)
        affiliation = person.country or person.organization
        extra.append(
            PersonInfo(
                name=person.name,
                slug=person.slug,
                aliases=tuple(
                    sorted(set(person.aliases) | set(reference.aliases if reference else ()))
                ),
                # The knowledge base's affiliation wins unless a curator verified the stored one:
                # a first-seen affiliation ("NL" for a later NATO chief) must not stick.
                country=(
                    reference.country
                    if reference and not person.verified
                    else (affiliation.code if affiliation else None)
                ),
                roles=reference.roles if reference else (),
            )
        )
    return base.with_people(extra)
