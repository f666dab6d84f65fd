import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Article
from articles.search import fts_query, marked, search, terms
from tests.browsing import add_coverage, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return make_world()


def test_search_finds_each_kind_ranked_with_marked_snippets(world):
    results = search("partnership NATO")

    quotes = [hit.object for hit in results.hits["quote"]]
    articles = [hit.object for hit in results.hits["article"]]
    assert quotes == [world.min_quote]
    assert articles[0] == world.harbour
    assert "<mark>" in results.hits["quote"][0].snippet


def test_search_finds_people_by_alias_and_events_by_place(world):
    people = [hit.object for hit in search("Sato").hits["person"]]
    events = [hit.object for hit in search("Vilnius").hits["event"]]

    assert people == [world.sato]
    assert world.vilnius in events and world.vilnius_talks in events
    assert world.washington not in events


def test_search_stems_words_and_completes_the_last_one(world):
    stemmed = [hit.object for hit in search("partners welcomed").hits["quote"]]
    prefix = [hit.object for hit in search("Lithuan").hits["event"]]

    assert world.cole_quote in stemmed
    assert prefix == [world.vilnius_talks]


def test_search_index_follows_edits_and_deletions(world):
    world.ledger.title = "Baltic tidings from Klaipeda"
    world.ledger.save()
    assert [h.object for h in search("Klaipeda").hits["article"]] == [world.ledger]

    Article.objects.filter(pk=world.ledger.pk).delete()
    assert search("Klaipeda").hits["article"] == []


@pytest.mark.parametrize("hostile", ['"', "NEAR(", "a AND OR NOT", "*", "title:", "''); --", "^"])
def test_search_survives_query_syntax(world, hostile):
    results = search(hostile)

    assert results.total >= 0  # no syntax error from the index


def test_query_words_are_quoted_for_fts():
    assert terms('NATO "summit" OR x*') == ["NATO", "summit", "OR", "x"]
    assert fts_query("NATO summit") == '"NATO" "summit"*'
    assert fts_query("!!") == ""


def test_snippets_are_escaped_and_marks_balanced():
    html = marked("<b>\ue000NATO\ue001</b> \ue001 tail \ue000\ue000open")

    assert html == "&lt;b&gt;<mark>NATO</mark>&lt;/b&gt;  tail <mark>open</mark>"


def test_search_page_groups_hits_and_links_them(client, world):
    response = client.get(reverse("articles:search"), {"q": "Vilnius"})

    html = response.content.decode()
    assert response.status_code == 200
    assert world.vilnius_talks.get_absolute_url() in html
    assert world.ledger.get_absolute_url() in html
    assert 'value="Vilnius"' in html


def test_search_page_without_a_query_shows_the_form(client, db):
    response = client.get(reverse("articles:search"))

    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_search_uses_an_index_not_a_table_scan(world):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "EXPLAIN QUERY PLAN SELECT rowid FROM search_quote WHERE search_quote MATCH %s",
                ['"NATO"'],
            )
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "VIRTUAL TABLE INDEX" in plan
        else:
            cursor.execute("SET enable_seqscan = off")
            from django.contrib.postgres.search import SearchQuery

            from articles.search import SOURCES, vector

            source = next(s for s in SOURCES if s.kind == "quote")
            query = SearchQuery("NATO", config="english", search_type="websearch")
            qs = source.model.objects.annotate(document=vector(source)).filter(document=query)
            plan = qs.explain()
            cursor.execute("SET enable_seqscan = on")
            assert "search_quote_gin" in plan


def test_search_page_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    # Per kind: one index query and one to load the hits (none for people here); SQLite also
    # checks once that the index's triggers are in place.
    expected = 7 + (connection.vendor == "sqlite")
    with django_assert_num_queries(expected):
        client.get(reverse("articles:search"), {"q": "NATO"})
    add_coverage(world, 12)
    with django_assert_num_queries(expected):
        client.get(reverse("articles:search"), {"q": "NATO"})


def test_search_index_heals_after_its_triggers_are_lost(world):
    # A migration that remakes a table on SQLite drops the triggers that keep FTS in step.
    if connection.vendor != "sqlite":
        pytest.skip("FTS5 triggers exist on SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER search_event_au")
    world.vilnius_talks.name = "Min Ha-eun meets Baltic ministers in Klaipeda"
    world.vilnius_talks.save()

    assert [h.object for h in search("Klaipeda").hits["event"]] == [world.vilnius_talks]
