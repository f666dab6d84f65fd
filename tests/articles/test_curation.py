"""Curation: merges lose nothing, decisions are data, and they survive re-ingest and rebuilds."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from articles.curation import counts_for, merge_people, record
from articles.models import Article, Correction, Mention, Quote, Role
from entities.models import Event, Person, SlugRedirect

SOURCES = settings.BASE_DIR / "fixtures" / "sources"
pytestmark = pytest.mark.django_db


def make_curator(username="curator") -> User:
    user = User.objects.create_user(username, password="a long curator passphrase", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    return user


def split_off(person: Person, name: str) -> Person:
    """A duplicate of ``person`` holding one of its quotes and one of its mentions, as a
    pipeline miss would leave it."""
    twin = Person.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    quote = Quote.objects.filter(speaker=person).first()
    quote.speaker = twin
    quote.save()
    Mention.objects.create(
        article=quote.article, kind="person", person=twin, first_start=quote.start,
        first_end=quote.end, count=1,
    )
    return twin


def test_merging_people_moves_everything_and_loses_nothing(seed_data, client):
    kept = Person.objects.get(slug="jens-stoltenberg")
    twin = split_off(kept, "J Stoltenberg")
    before = {k: counts_for(kept)[k] + counts_for(twin)[k] for k in counts_for(kept)}

    merge_people(kept, twin)

    kept.refresh_from_db()
    assert counts_for(kept) == before
    assert "J Stoltenberg" in kept.aliases
    assert not Person.objects.filter(slug="j-stoltenberg").exists()
    response = client.get("/people/j-stoltenberg/")
    assert response.status_code == 301 and response["Location"] == kept.get_absolute_url()


def test_curator_merges_from_the_admin_action(seed_data, client):
    client.force_login(make_curator())
    kept = Person.objects.get(slug="jens-stoltenberg")
    twin = split_off(kept, "J Stoltenberg")
    quotes = Quote.objects.filter(speaker__in=[kept, twin]).count()
    url = reverse("admin:entities_person_changelist")
    form = {"action": "merge_selected", "_selected_action": [kept.pk, twin.pk]}

    confirm = client.post(url, form)
    assert confirm.status_code == 200 and b"Choose the record to keep" in confirm.content
    client.post(url, {**form, "keep": kept.pk})

    assert Quote.objects.filter(speaker=kept).count() == quotes
    assert Correction.objects.filter(action="merge", key=["j-stoltenberg"]).exists()


def test_review_queue_lists_doubt_and_verified_items_leave_it(seed_data, client):
    client.force_login(make_curator())
    quote = Quote.objects.first()
    quote.confidence = 0.2
    quote.save()

    row = f"#quote-{quote.pk}".encode()  # the row links to the quote in its article
    page = client.get(reverse("review-queue"))
    assert page.status_code == 200
    assert row in page.content

    client.post(reverse("review-queue"), {"target": "quote", "pk": quote.pk, "action": "verify"})

    quote.refresh_from_db()
    assert quote.verified
    assert row not in client.get(reverse("review-queue")).content


def test_review_queue_suggests_spelling_duplicates(seed_data, client):
    client.force_login(make_curator())
    Person.objects.create(name="Yoon Suk-yeol", slug="yoon-suk-yeol-2")

    page = client.get(reverse("review-queue")).content.decode()

    assert "Likely duplicate people (1)" in page


def test_admin_edit_is_recorded_as_a_correction(seed_data, client):
    client.force_login(make_curator())
    person = Person.objects.get(slug="lim-soo-suk")
    url = reverse("admin:entities_person_change", args=[person.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "aliases"}
    data.update(name="Lim Soo-seok", aliases='["Lim Soo-suk"]', country=person.country_id)

    response = client.post(url, data)

    assert response.status_code == 302, response.content[:2000]
    assert Correction.objects.filter(field="name", value="Lim Soo-seok").exists()


def test_permissions_curators_curate_but_cannot_touch_users(seed_data, client):
    assert client.get(reverse("review-queue")).status_code == 302  # login first
    client.force_login(make_curator())
    assert client.get(reverse("admin:entities_person_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert client.get(reverse("admin:articles_correction_changelist")).status_code == 200


def test_history_records_who_changed_what(seed_data, client):
    user = make_curator("ana")
    client.force_login(user)
    quote = Quote.objects.first()
    client.post(
        reverse("admin:articles_quote_changelist"),
        {"action": "verify_selected", "_selected_action": [quote.pk]},
    )
    history = client.get(reverse("admin:articles_quote_history", args=[quote.pk]))
    assert b"Verified" in history.content
    assert Correction.objects.get(action="verify").created_by == "ana"


def test_curator_alias_is_used_by_the_next_ingest(seed_data, tmp_path: Path):
    person = Person.objects.get(slug="lim-soo-suk")
    person.aliases = [*person.aliases, "Lim Su-seok"]
    person.save()
    article = tmp_path / "briefing.txt"
    article.write_text(
        "Seoul urges restraint\n\nBy Kim Reporter\n\n"
        'SEOUL, Aug. 1 (Yonhap) -- "We call on all sides to show restraint," Foreign Ministry '
        "spokesperson Lim Su-seok said at a regular briefing on Thursday.\n",
        encoding="utf-8",
    )

    call_command("ingest", str(article), stdout=StringIO())

    quote = Quote.objects.get(text__startswith="We call on all sides")
    assert quote.speaker == person
    assert not Person.objects.filter(name="Lim Su-seok").exists()


def test_corrections_survive_reingest_rebuild_and_a_fresh_database(seed_data, tmp_path: Path):
    curator = make_curator()
    stoltenberg = Person.objects.get(slug="jens-stoltenberg")
    twin = split_off(stoltenberg, "J Stoltenberg")
    record(twin, Correction.Action.MERGE, user=curator, value=["jens-stoltenberg"])
    verified, rejected = Quote.objects.order_by("pk")[:2]
    record(verified, Correction.Action.VERIFY, user=curator)
    record(rejected, Correction.Action.REJECT, user=curator)
    renamed = Event.objects.filter(reference=False).first()
    renamed.name = "A name a curator chose"
    renamed.save()
    record(renamed, Correction.Action.SET, user=curator, field="name", value=renamed.name)
    curation = tmp_path / "curation.json"
    call_command("export_curation", output=str(curation), stdout=StringIO())

    def assert_curated():
        assert Quote.objects.get_by_natural_key(*verified.natural_key()).verified
        assert not Quote.objects.filter(
            article__content_hash=rejected.article.content_hash, start=rejected.start
        ).exists()
        assert Event.objects.get(slug=renamed.slug).name == "A name a curator chose"
        assert SlugRedirect.objects.filter(old_slug="j-stoltenberg").exists()

    # 1. re-ingest every source, re-extracting what is stored
    call_command("ingest", str(SOURCES), replace=True, stdout=StringIO())
    assert_curated()
    # 2. rebuild the fixtures with the exported curation
    rebuilt = tmp_path / "natoip.json"
    call_command("build_fixtures", output=rebuilt, curation=curation, stdout=StringIO())
    # 3. load them into a fresh database
    for model in (Correction, SlugRedirect, Mention, Role, Quote, Article, Event, Person):
        model.objects.all().delete()
    call_command("loaddata", str(rebuilt), verbosity=0)
    assert_curated()
    assert Correction.objects.count() == 4
