import csv
import io

import pytest

from articles.exports import safe_cell
from articles.models import Quote
from tests.browsing import add_coverage, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return make_world()


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_quotes_csv_has_labels_and_respects_the_filters(client, world):
    response = client.get("/quotes/", {"speaker": world.min.slug, "format": "csv"})

    rows = csv_rows(response)
    assert response["Content-Disposition"] == 'attachment; filename="quotes.csv"'
    assert {r["text"] for r in rows} == {world.min_quote.text, world.vilnius_quote.text}
    row = next(r for r in rows if r["text"] == world.min_quote.text)
    assert row["speaker"] == "Min Ha-eun"
    assert row["role"] == "President"
    assert row["speaker_country"] == "South Korea"
    assert row["article"] == world.harbour.title
    assert row["publisher"] == "Harbour Wire"
    assert row["date"] == "10 July 2024"
    assert row["said_on_precision"] == "day"
    assert row["event"] == world.meeting.name
    assert (
        row["article_url"]
        == f"http://testserver{world.harbour.get_absolute_url()}#quote-{world.min_quote.pk}"
    )


def test_quote_without_a_day_exports_the_article_date_labelled(client, world):
    rows = csv_rows(client.get("/quotes/", {"kind": "anonymous", "format": "csv"}))

    assert [(r["said_on"], r["date"]) for r in rows] == [("", "March 2024 (article date)")]


def test_quotes_json_has_the_filters_and_absolute_urls(client, world):
    response = client.get("/quotes/", {"country": "JP", "format": "json"})

    data = response.json()
    assert response.status_code == 200
    assert data["count"] == 1
    assert data["filters"] == {"country": "JP"}
    assert data["results"][0]["speaker"] == "Sato Kenji"
    assert data["results"][0]["url"] == f"http://testserver/quotes/{world.sato_quote.pk}/"


def test_timeline_export_mixes_kinds_with_the_same_columns(client, world):
    response = client.get(
        "/timeline/",
        {"summit": world.washington.slug, "include": ["articles", "quotes"], "format": "csv"},
    )

    rows = csv_rows(response)
    assert {r["kind"] for r in rows} == {"event", "article", "quote"}
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    meeting = next(r for r in rows if r["title"] == world.meeting.name)
    assert meeting["summit"] == world.washington.name
    assert meeting["actors"] == "Min Ha-eun; Sato Kenji; Japan; South Korea"
    assert all(world.vilnius.name not in r["summit"] for r in rows)


def test_timeline_json_keeps_month_precision(client, world):
    data = client.get("/timeline/", {"actor": "KR", "format": "json"}).json()

    visit = next(r for r in data["results"] if r["title"] == world.envoys.name)
    assert (visit["date_display"], visit["precision"]) == ("March 2024", "month")


def test_articles_and_people_exports(client, world):
    articles = client.get("/articles/", {"summit": world.vilnius.slug, "format": "json"}).json()
    people = csv_rows(client.get("/people/", {"country": "KR", "format": "csv"}))

    assert [a["title"] for a in articles["results"]] == [world.ledger.title]
    assert articles["results"][0]["publisher"] == "Baltic Ledger"
    assert {p["name"] for p in people} == {"Min Ha-eun", "Park Joon"}
    min_row = next(p for p in people if p["name"] == "Min Ha-eun")
    assert (min_row["quotes"], min_row["events"], min_row["articles"]) == ("2", "2", "2")


def test_exports_are_not_paginated(client, world):
    add_coverage(world, 30)

    rows = csv_rows(client.get("/quotes/", {"format": "csv", "page": "2"}))

    assert len(rows) == Quote.objects.count() > 25


@pytest.mark.parametrize("url", ["/quotes/", "/timeline/", "/articles/", "/people/"])
def test_an_unknown_format_is_a_bad_request(client, world, url):
    response = client.get(url, {"format": "xlsx"})

    assert response.status_code == 400
    assert "xlsx" in response.content.decode()


def test_an_export_with_bad_filters_is_a_bad_request_with_reasons(client, world):
    response = client.get("/quotes/", {"start": "not-a-date", "format": "json"})

    assert response.status_code == 400
    assert "start" in response.json()["errors"]


def test_cells_that_a_spreadsheet_would_run_are_defused(client, world):
    world.anonymous_quote.speaker_label = '=HYPERLINK("http://evil")'
    world.anonymous_quote.save()

    rows = csv_rows(client.get("/quotes/", {"kind": "anonymous", "format": "csv"}))

    assert rows[0]["speaker_label"].startswith("'=")
    assert safe_cell("+1") == "'+1" and safe_cell("NATO") == "NATO" and safe_cell(None) == ""
