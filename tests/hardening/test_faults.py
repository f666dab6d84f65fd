"""Faults during ingest: a process killed at random points, and two ingests racing each other.

Both run ``manage.py ingest`` in subprocesses against fresh databases of the kind the suite runs
on (files for SQLite, scratch databases for PostgreSQL) and compare the outcome, by natural keys,
with a clean single run.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from .conftest import TALLY
from .databases import ROOT, dump, environment, manage

DOCUMENTS = sorted(
    path
    for folder in ("fixtures/sources", "tests/corpus")
    for path in (ROOT / folder).glob("*")
    if path.suffix in {".txt", ".html"}
)
KILLS = 6
# What a document's transaction writes in full; every other model is compared by natural key.
# (Roles are compared by key only: their affiliation can depend on what earlier runs stored,
# through ``entities.curated.knowledge_with_curation`` — see the hardening report.)
WHOLE = {"articles.article", "articles.quote", "articles.mention"}
NATURAL_KEY = {
    "articles.role": ("person", "article", "title"),
    "entities.person": ("slug",),
    "entities.event": ("slug",),
    "entities.country": ("code",),
    "entities.organization": ("code",),
}


def contents(objects: list[dict]) -> list[str]:
    """Each stored object as text: whole for what a half-written document would leave wrong,
    its natural key for the rest."""
    rows = []
    for obj in objects:
        model, fields = obj["model"], obj["fields"]
        if model not in WHOLE and model in NATURAL_KEY:
            fields = {key: fields[key] for key in NATURAL_KEY[model]}
        rows.append(json.dumps({"model": model, **fields}, sort_keys=True))
    return sorted(rows)


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("documents")
    for path in DOCUMENTS:
        shutil.copyfile(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def clean_run(databases, documents) -> list[str]:
    """What one uninterrupted ingest of the documents leaves in a fresh database."""
    url = databases.new()
    manage(url, "ingest", str(documents))
    return contents(dump(url))


def ingest_process(url: str, *paths: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "ingest", *paths],
        cwd=ROOT,
        env=environment(url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_partway(url: str, documents: Path, rng: random.Random) -> int:
    """Start an ingest, let it store a random number of documents, then SIGKILL it a random
    moment later (reading, parsing or inside a document's transaction). Returns how many
    documents it reported stored."""
    process = ingest_process(url, str(documents))
    wanted, stored = rng.randint(0, 3), 0
    try:
        while stored < wanted:
            line = process.stdout.readline()
            if not line:
                break
            stored += line.startswith("created:")
        time.sleep(rng.uniform(0, 0.25))
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
        process.stdout.close()
        process.stderr.close()
    TALLY["ingest processes SIGKILLed"] += 1
    return stored


def test_ingest_killed_at_random_points_then_rerun_ends_as_if_run_once(
    databases, documents, clean_run
):
    url = databases.new()
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    progress = [kill_partway(url, documents, rng) for _ in range(KILLS)]

    finished = manage(url, "ingest", str(documents))

    assert "0 failed" in finished.stdout
    after = contents(dump(url))
    assert len(after) == len(clean_run), f"seed {seed}, stored before each kill: {progress}"
    assert after == clean_run, f"seed {seed}, stored before each kill: {progress}"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL; SQLite locks"
)
@pytest.mark.parametrize("reference", ["empty database", "reference data already loaded"])
def test_two_ingests_of_the_same_documents_at_once_store_each_thing_once(
    databases, documents, clean_run, reference
):
    """One ingest goes forward through the documents, the other backward, at the same time:
    they race for the reference data, for each article and for the people they share."""
    url = databases.new()
    if reference != "empty database":
        empty = documents.parent / "nothing"
        empty.mkdir(exist_ok=True)
        manage(url, "ingest", str(empty))
    paths = [str(documents / path.name) for path in DOCUMENTS]
    racers = [ingest_process(url, *paths), ingest_process(url, *reversed(paths))]
    outputs = [racer.communicate(timeout=300) for racer in racers]
    TALLY["concurrent ingests raced (PostgreSQL)"] += len(racers)

    for racer, (out, err) in zip(racers, outputs, strict=True):
        assert racer.returncode == 0, err
        assert "0 failed" in out
    created = sum(int(out.rsplit("\n", 2)[-2].split(" created")[0]) for out, _ in outputs)
    assert created == len(DOCUMENTS)
    assert contents(dump(url)) == clean_run
