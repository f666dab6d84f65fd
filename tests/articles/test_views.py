import pytest
from django.urls import reverse

from articles.models import Article, Quote

pytestmark = pytest.mark.django_db


def test_home_lists_the_seed_articles_with_links(client, seed_data):
    response = client.get(reverse("articles:home"))

    assert response.status_code == 200
    for article in Article.objects.all():
        assert article.get_absolute_url() in response.content.decode()


def test_article_page_shows_its_quotes_and_people(client, seed_data):
    article = Article.objects.filter(quotes__speaker__isnull=False).distinct().first()

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    quote = article.quotes.filter(speaker__isnull=False).first()
    assert quote.speaker.get_absolute_url() in html
    assert quote.get_absolute_url() in html


def test_every_entity_page_of_the_seed_data_renders(client, seed_data):
    urls = {q.get_absolute_url() for q in Quote.objects.all()}
    for article in Article.objects.prefetch_related("mentions"):
        urls |= {m.target.get_absolute_url() for m in article.mentions.all()}
    assert len(urls) > 20
    for url in sorted(urls):
        assert client.get(url).status_code == 200, url


def test_home_query_count_does_not_grow_with_articles(client, seed_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get(reverse("articles:home"))


def test_unknown_article_is_404(client, db):
    assert client.get("/articles/no-such-article/").status_code == 404
