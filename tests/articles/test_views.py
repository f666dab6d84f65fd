from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Article, Highlight, Quote, highlight
from tests.browsing import add_coverage, article, make_world, quote

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "natoip.json"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason="fixtures/natoip.json not built yet")


@pytest.fixture
def world(db):
    return make_world()


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# Home -----------------------------------------------------------------------------------------


def test_home_shows_summit_cards_with_ip4_attendance_and_counts(client, world):
    html = html_of(client.get(reverse("articles:home")))

    assert world.washington.get_absolute_url() in html
    assert world.vilnius.get_absolute_url() in html
    assert world.madrid.get_absolute_url() not in html  # no coverage of Madrid
    card = html.split(world.washington.name, 1)[1].split("</article>", 1)[0]
    assert "Sato Kenji</a> (Prime Minister)" in card
    assert "Min Ha-eun</a> (President)" in card
    assert "9–11 July 2024" in card
    assert "<strong>4</strong> articles" in html and "<strong>6</strong> quotes" in html


def test_home_shows_latest_events_and_quotes(client, world):
    html = html_of(client.get(reverse("articles:home")))

    assert world.meeting.get_absolute_url() in html
    assert world.sato_quote.get_absolute_url() in html
    assert 'role="search"' in html


def test_home_on_an_empty_database_still_renders(client, db):
    html = html_of(client.get(reverse("articles:home")))

    assert "No summit coverage yet" in html


# Articles -------------------------------------------------------------------------------------


def test_article_list_filters_by_summit_and_paginates_keeping_the_query(client, world):
    add_coverage(world, 30)

    response = client.get(reverse("articles:article-list"), {"summit": world.washington.slug})

    html = html_of(response)
    assert world.harbour.get_absolute_url() in html
    assert world.ledger.get_absolute_url() not in html
    assert f"?summit={world.washington.slug}&amp;page=2" in html


def test_article_list_bad_filter_is_a_400_with_the_error_shown(client, world):
    response = client.get(reverse("articles:article-list"), {"end": "2024-02-30"})

    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()


def test_article_page_highlights_quotes_and_links_mentions(client, world):
    html = html_of(client.get(world.harbour.get_absolute_url()))

    quote = world.min_quote
    assert f'<mark class="quote" id="quote-{quote.pk}">{quote.text}</mark>' in html
    assert f'href="{quote.get_absolute_url()}"' in html
    assert '<a class="mention person" href="/people/min-ha-eun/">President Min Ha-eun</a>' in html
    assert '<a class="mention country" href="/countries/KP/">North Korea</a>' in html
    assert world.meeting.get_absolute_url() in html  # in the evidence list


def test_article_body_text_is_escaped(client, world):
    hostile = article("Hostile page", "Wire", None, 'He wrote <script>alert(1)</script> & "left".')
    quote(hostile, "<script>alert(1)</script>", world.cole)

    html = html_of(client.get(hostile.get_absolute_url()))

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_highlight_nests_links_in_quotes_and_drops_straddling_spans():
    body = 'Min said "NATO matters to Seoul" today.\n\nNext paragraph.'
    start = body.index("NATO matters")
    end = body.index('"', start)
    quotes = [Highlight(start, end, "/q/1/", "quote", "quote-1")]
    links = [
        Highlight(body.index("NATO"), body.index("NATO") + 4, "/o/nato/", "mention"),  # inside
        Highlight(0, body.index("NATO") + 2, "/p/min/", "mention"),  # straddles the quote
        Highlight(body.index("Next"), body.index("Next") + 4, "/x/", "mention"),
        Highlight(body.index("Next") + 2, body.index("Next") + 8, "/y/", "mention"),  # overlaps
    ]

    html = highlight(body, quotes, links)

    assert html.count("<p>") == 2
    assert (
        '<mark class="quote" id="quote-1"><a class="mention" href="/o/nato/">NATO</a></mark>'
        in html
    )
    assert '<mark class="quote"> matters to Seoul</mark>' in html
    assert "/p/min/" not in html and "/y/" not in html
    assert '<a class="mention" href="/x/">Next</a>' in html


def test_a_quote_across_paragraphs_keeps_one_id():
    body = "First half\n\nsecond half."
    html = highlight(body, [Highlight(0, len(body) - 1, "/q/2/", "quote", "quote-2")], [])

    assert html.count('id="quote-2"') == 1
    assert html.count("<mark") == 2 and html.count("<p>") == 2


def test_spans_outside_the_body_are_ignored():
    html = highlight("Short.", [Highlight(3, 99, "/q/", "quote", "quote-9")], [])

    assert html == "<p>Short.</p>"


# Quotes ---------------------------------------------------------------------------------------


def test_quote_list_shows_evidence_cards(client, world):
    html = html_of(client.get(reverse("articles:quote-list"), {"speaker": world.sato.slug}))

    assert world.sato_quote.text in html
    assert world.min_quote.text not in html
    assert "Prime Minister" in html and "Harbour Wire" in html and "10 July 2024" in html
    assert "Sato told reporters" in html  # the sentence around it
    assert f'href="{world.harbour.get_absolute_url()}#quote-{world.sato_quote.pk}"' in html


def test_quote_list_orders_newest_first(client, world):
    html = html_of(client.get(reverse("articles:quote-list")))

    assert html.index(world.sato_quote.text) < html.index(world.vilnius_quote.text)


@pytest.mark.parametrize(
    "params, message",
    [
        ({"speaker": "nobody"}, "Select a valid choice"),
        ({"start": "2024-08-01", "end": "2024-07-01"}, "The end date is before the start date."),
        ({"page": "999"}, "There is no such page"),
        ({"page": "last-ish"}, "There is no such page"),
    ],
)
def test_quote_list_bad_input_is_a_400_with_a_message(client, world, params, message):
    response = client.get(reverse("articles:quote-list"), params)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_quote_page_links_to_the_highlighted_quote_in_its_article(client, world):
    html = html_of(client.get(world.cole_quote.get_absolute_url()))

    assert f'href="{world.capital.get_absolute_url()}#quote-{world.cole_quote.pk}"' in html
    assert "Assistant Secretary" in html
    assert "Capital Daily" in html


def test_unknown_article_and_quote_are_404(client, db):
    assert client.get("/articles/no-such-article/").status_code == 404
    assert client.get("/quotes/999999/").status_code == 404


def test_person_feed_is_atom_with_their_quotes(client, world):
    response = client.get(reverse("entities:person-feed", args=[world.min.slug]))

    xml = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert world.min_quote.text in xml and world.vilnius_quote.text in xml
    assert world.sato_quote.text not in xml


def test_about_page_explains_types_and_precisions(client, world):
    html = html_of(client.get(reverse("articles:about")))

    assert "Bilateral meeting" in html and "Vote or veto" in html
    assert "July 2024" in html
    assert "Harbour Wire" in html  # the publishers in the database


# Query counts ---------------------------------------------------------------------------------


QUERY_COUNTS = {
    "/": 18,
    "/articles/": 7,
    "/articles/?summit=nato-summit-2024-washington&actor=NATO": 11,
    "/quotes/": 6,
    "/quotes/?summit=nato-summit-2024-washington&country=KR&start=2024-01-01": 8,
    "/quotes/?format=csv": 1,
    "/articles/?format=json": 1,
}


@pytest.mark.parametrize("url", QUERY_COUNTS)
def test_list_pages_run_a_fixed_number_of_queries(client, world, django_assert_num_queries, url):
    with django_assert_num_queries(QUERY_COUNTS[url]):
        client.get(url)
    add_coverage(world, 12)
    with django_assert_num_queries(QUERY_COUNTS[url]):
        client.get(url)


def test_detail_pages_run_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    with django_assert_num_queries(3):
        client.get(world.harbour.get_absolute_url())
    with django_assert_num_queries(1):
        client.get(world.min_quote.get_absolute_url())


# The committed seed data ----------------------------------------------------------------------


@pytest.fixture
def seed(seed_data):
    return seed_data


@needs_seed
def test_seed_articles_are_listed_with_links(client, seed):
    html = html_of(client.get(reverse("articles:article-list")))

    for item in Article.objects.all():
        assert item.get_absolute_url() in html


@needs_seed
def test_seed_article_page_shows_its_quotes_and_people(client, seed):
    item = Article.objects.filter(quotes__speaker__isnull=False).distinct().first()

    html = html_of(client.get(item.get_absolute_url()))

    found = item.quotes.filter(speaker__isnull=False).first()
    assert found.speaker.get_absolute_url() in html
    assert f'id="quote-{found.pk}"' in html


@needs_seed
def test_every_entity_page_of_the_seed_data_renders(client, seed):
    urls = {q.get_absolute_url() for q in Quote.objects.all()}
    for item in Article.objects.prefetch_related("mentions"):
        urls |= {m.target.get_absolute_url() for m in item.mentions.all()}
    assert len(urls) > 20
    for url in sorted(urls):
        assert client.get(url).status_code == 200, url
