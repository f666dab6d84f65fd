import pytest
from django.http import QueryDict

from articles.filters import ArticleFilter, QuoteFilter
from articles.models import Article, Quote
from tests.browsing import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return make_world()


def quotes(query: str) -> set[Quote]:
    filterset = QuoteFilter(QueryDict(query), queryset=Quote.objects.for_cards())
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs)


def articles(query: str) -> set[Article]:
    filterset = ArticleFilter(QueryDict(query), queryset=Article.objects.for_listing())
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs)


def test_quotes_by_speaker(world):
    assert quotes("speaker=min-ha-eun") == {world.min_quote, world.vilnius_quote}


def test_quotes_by_the_speakers_country_and_organisation(world):
    assert quotes("country=KR") == {world.min_quote, world.vilnius_quote, world.park_quote}
    assert quotes("country=JP") == {world.sato_quote}
    assert quotes("organization=nato") == set()


def test_quotes_said_at_a_summit_include_its_side_events(world):
    assert quotes("summit=nato-summit-2024-washington") == {world.min_quote, world.sato_quote}
    assert quotes("summit=nato-summit-2023-vilnius") == {world.vilnius_quote}


def test_quote_dates_fall_back_to_the_article_date(world):
    # Park and the anonymous official have no day of their own; their article is March 2024.
    march = quotes("start=2024-03-01&end=2024-03-31")

    assert march == {world.park_quote, world.anonymous_quote}
    assert quotes("start=2024-07-10&end=2024-07-10") == {world.min_quote, world.sato_quote}


def test_quotes_by_speaker_kind_and_words(world):
    assert quotes("kind=anonymous") == {world.anonymous_quote}
    assert quotes("q=security+in+asia") == {world.vilnius_quote}


def test_quote_filters_combine(world):
    query = "country=KR&summit=nato-summit-2024-washington&start=2024-07-01&kind=person"

    assert quotes(query) == {world.min_quote}


@pytest.mark.parametrize(
    "query, field",
    [
        ("speaker=nobody", "speaker"),
        ("country=XX", "country"),
        ("kind=ghost", "kind"),
        ("start=31/31/2024", "start"),
        ("start=2024-08-01&end=2024-07-01", "end"),
    ],
)
def test_bad_quote_filters_are_form_errors(world, query, field):
    filterset = QuoteFilter(QueryDict(query), queryset=Quote.objects.all())

    assert not filterset.is_valid()
    assert field in filterset.errors


def test_articles_by_publisher_and_date(world):
    assert articles("publisher=Harbour+Wire") == {world.harbour, world.envoys_article}
    assert articles("start=2024-06-01&end=2024-06-30") == {world.capital}


def test_articles_about_a_summit_mention_it_or_a_side_event(world):
    assert articles("summit=nato-summit-2024-washington") == {world.harbour, world.capital}
    assert articles("summit=nato-summit-2023-vilnius") == {world.ledger}


def test_articles_mentioning_actors_any_or_all(world):
    assert articles("actor=min-ha-eun") == {world.harbour, world.ledger}
    assert articles("actor=NATO&actor=JP&match=all") == {world.harbour}
    assert articles("actor=NATO&actor=JP") == {world.harbour, world.envoys_article}


def test_articles_by_title_words(world):
    assert articles("q=vilnius") == {world.ledger}


def test_an_unknown_publisher_is_a_form_error(world):
    filterset = ArticleFilter(QueryDict("publisher=Nobody+Times"), queryset=Article.objects.all())

    assert not filterset.is_valid()
    assert "publisher" in filterset.errors
