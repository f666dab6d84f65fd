import pytest
from django.db import IntegrityError

from articles.models import Article, Mention, Quote, Role
from articles.store import name_key, store
from entities.models import Event, Person

from .results import make_result

pytestmark = pytest.mark.django_db


def test_store_creates_article_with_evidence(reference):
    outcome = store(make_result())

    assert outcome.status == "created"
    article = outcome.article
    quote = article.quotes.get()
    assert article.body[quote.start : quote.end] == quote.text
    assert quote.speaker.name == "Han Ji-su"
    assert quote.event.slug == "bilateral-2024-07-10-han-ji-su"
    person = Person.objects.get(slug="han-ji-su")
    assert person.country.code == "KR"
    assert Role.objects.get(person=person).title == "Defense Minister"
    kinds = sorted(article.mentions.values_list("kind", flat=True))
    assert kinds == ["country", "event", "organization", "person"]
    assert article.mentions.get(kind="person").count == 2


def test_restoring_the_same_document_changes_nothing(reference):
    store(make_result())
    counts = (Article.objects.count(), Quote.objects.count(), Mention.objects.count())

    outcome = store(make_result())

    assert outcome.status == "skipped"
    assert (Article.objects.count(), Quote.objects.count(), Mention.objects.count()) == counts


def test_replace_keeps_verified_quotes(reference):
    quote = store(make_result()).article.quotes.get()
    quote.speaker_label = "Minister Han (curated)"
    quote.verified = True
    quote.save()

    outcome = store(make_result(), replace=True)

    assert outcome.status == "updated"
    kept = outcome.article.quotes.get()
    assert kept.pk == quote.pk and kept.speaker_label == "Minister Han (curated)"


def test_a_name_variant_lands_on_the_existing_person(reference):
    store(make_result())
    second = make_result(content_hash="b" * 64, title="Han again")
    second.people[0].name = "Han Ji Su"
    second.people[0].slug = "han-ji-su-2"
    second.people[0].aliases = []
    second.quotes[0].speaker = "Han Ji Su"

    store(second)

    assert Person.objects.filter(name__startswith="Han").count() == 1
    assert Quote.objects.filter(speaker__slug="han-ji-su").count() == 2


def test_a_failed_write_leaves_the_database_as_it_was(reference):
    broken = make_result()
    broken.quotes[0].end = broken.quotes[0].start  # violates quote_span_ordered
    before = (Article.objects.count(), Person.objects.count(), Event.objects.count())

    with pytest.raises(IntegrityError):
        store(broken)

    assert (Article.objects.count(), Person.objects.count(), Event.objects.count()) == before


def test_name_key_folds_spelling_variants():
    assert name_key("Yoon Suk-yeol") == name_key("Yoon Suk Yeol") == name_key("YOON SUK YEOL")
    assert name_key("James O'Brien") == name_key("James OBrien")
    assert name_key("Olena Zelenska") == name_key("Olena Zelenská")
    assert name_key("Kishida Fumio") == name_key("Fumio Kishida")
    assert name_key("Zelenskyy") != name_key("Zelenska")


def test_role_references_are_not_stored_as_aliases(reference):
    result = make_result()
    result.people[0].aliases = ["Han", "the defense minister", "The chief of the ministry (MND)"]

    store(result)

    assert Person.objects.get(slug="han-ji-su").aliases == ["Han"]
