import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from articles.models import Article, Quote
from entities.models import Person

SOURCES = settings.BASE_DIR / "fixtures" / "sources"
FIXTURE = settings.BASE_DIR / "fixtures" / "natoip.json"
CONTRACT_ARTICLE_KEYS = {
    "title",
    "subtitle",
    "publisher",
    "authors",
    "published",
    "published_precision",
    "dateline",
    "body",
}


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_dry_run_prints_one_json_object_per_document_and_writes_nothing():
    out, _ = run("ingest", "--dry-run", "--format", "json", str(SOURCES))

    lines = out.strip().splitlines()
    assert len(lines) == 5
    for line in lines:
        record = json.loads(line)
        assert record["article"].keys() >= CONTRACT_ARTICLE_KEYS
        assert {"people", "countries", "quotes", "events"} <= record.keys()
        body = record["article"]["body"]
        for quote in record["quotes"]:
            assert quote["speaker_kind"] in {"person", "anonymous", "document", "organization"}
            assert 0 <= quote["start"] < quote["end"] <= len(body)
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_ingest_is_idempotent():
    out, _ = run("ingest", str(SOURCES))
    assert "5 created" in out
    counts = (Article.objects.count(), Quote.objects.count(), Person.objects.count())

    out, _ = run("ingest", str(SOURCES))

    assert "0 created, 0 updated, 5 skipped, 0 failed" in out
    assert (Article.objects.count(), Quote.objects.count(), Person.objects.count()) == counts


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("latin1.txt", "Caf\xe9 au lait, said NATO.".encode("latin-1"), "UTF-8"),
    ],
)
def test_bad_documents_fail_with_one_line_and_leave_the_database_alone(
    tmp_path: Path, name, data, message
):
    run("ingest", str(SOURCES / sorted(p.name for p in SOURCES.iterdir())[0]))
    before = (Article.objects.count(), Quote.objects.count(), Person.objects.count())
    bad = tmp_path / name
    bad.write_bytes(data)

    with pytest.raises(CommandError, match="1 of 1 documents failed"):
        run("ingest", str(bad))

    assert (Article.objects.count(), Quote.objects.count(), Person.objects.count()) == before


@pytest.mark.django_db
def test_bad_document_reason_is_one_line(tmp_path: Path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"   \n")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(bad), stdout=StringIO(), stderr=err)
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("empty.txt: ")
    assert "Traceback" not in err.getvalue()


@pytest.mark.django_db
def test_oversized_document_is_refused(tmp_path: Path, settings):
    settings.INGEST_MAX_BYTES = 100
    big = tmp_path / "big.txt"
    big.write_text("NATO said so. " * 50, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(big), stdout=StringIO(), stderr=err)
    assert "cap" in err.getvalue()
    assert Article.objects.count() == 0


def test_committed_fixtures_equal_a_fresh_build(tmp_path: Path):
    output = tmp_path / "natoip.json"

    run("build_fixtures", "--output", str(output))

    assert output.read_bytes() == FIXTURE.read_bytes()


@pytest.mark.django_db
def test_fixtures_load_into_an_empty_database(seed_data):
    assert Article.objects.count() == 5
    assert Quote.objects.count() >= 30
    assert Person.objects.filter(slug="yoon-suk-yeol").exists()
