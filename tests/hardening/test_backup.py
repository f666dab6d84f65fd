"""Backup and restore: ``dumpdata`` with natural keys into a fresh database gives the same site.

The backup is taken from a database holding the seed fixture, two more ingested articles, a
curator's decision and a user, then loaded into a fresh, migrated database; both must hold the
same rows and serve byte-for-byte the same pages, exports and feeds.
"""

from __future__ import annotations

import difflib
import json

from .conftest import TALLY
from .databases import DUMP_ARGS, ROOT, dump, manage

EXTRA_DOCUMENTS = [ROOT / "tests/corpus/c01_reuters_nk_missiles.txt"]
EXTRA_DOCUMENTS += [ROOT / "tests/corpus/c06_abc_live_fire_drills.html"]

CURATE = """
from django.contrib.auth.models import Group, User
from articles.curation import record
from articles.models import Correction, Quote
curator = User.objects.create_user("ana", password="a long enough passphrase")
curator.groups.add(Group.objects.get(name="Curators"))
record(Quote.objects.order_by("pk").first(), Correction.Action.VERIFY, user=curator)
"""

# Prints every page named on standard input as JSON {url: [status, body]}.
RENDER = """
import json, re, sys
from django.test import Client
client = Client()
pages = {}
for url in sys.stdin.read().split():
    response = client.get(url)
    body = b"".join(response) if response.streaming else response.content
    text = body.decode()
    if "<feed" in text and "<entry>" not in text:  # an empty feed is "updated" now
        text = re.sub("<updated>[^<]*</updated>", "", text, count=1)
    pages[url] = [response.status_code, text]
print(json.dumps(pages))
"""

LIST_PAGES = [
    "/",
    "/timeline/",
    "/timeline/?include=articles&include=quotes",
    "/timeline/?format=csv",
    "/timeline/?format=json",
    "/timeline/feed/",
    "/summits/",
    "/people/",
    "/people/?format=json",
    "/countries/",
    "/countries/KR/",
    "/countries/JP/",
    "/organizations/",
    "/organizations/nato/",
    "/articles/",
    "/articles/?format=csv",
    "/quotes/",
    "/quotes/?format=json",
    "/search/?q=NATO",
    "/search/?q=missile",
    "/about/",
]

DETAIL_PAGES = """
from articles.models import Article, Quote
from entities.models import Event, Person
urls = [a.get_absolute_url() for a in Article.objects.all()]
urls += [q.get_absolute_url() for q in Quote.objects.all()]
urls += [p.get_absolute_url() for p in Person.objects.all()]
urls += [p.get_absolute_url() + "feed/" for p in Person.objects.all()]
urls += [e.get_absolute_url() for e in Event.objects.filter(reference=False)]
urls += [e.get_absolute_url() for e in Event.objects.summits()]
print(" ".join(urls))
"""


def render(url: str, pages: list[str]) -> dict[str, list]:
    out = manage(url, "shell", "-v0", "-c", RENDER, input=" ".join(pages)).stdout
    return json.loads(out)


def test_a_backup_loaded_into_a_fresh_database_serves_the_same_site(databases, tmp_path):
    original = databases.new()
    manage(original, "loaddata", "natoip")
    manage(original, "ingest", *map(str, EXTRA_DOCUMENTS))
    manage(original, "shell", "-v0", "-c", CURATE)
    backup = tmp_path / "backup.json"
    manage(original, "dumpdata", *DUMP_ARGS, "--output", str(backup))

    restored = databases.new()
    manage(restored, "loaddata", str(backup))

    before, after = dump(original), dump(restored)
    models = {obj["model"] for obj in before}
    assert {"articles.correction", "auth.user", "auth.group", "articles.quote"} <= models
    assert len(after) == len(before)
    assert after == before
    pages = LIST_PAGES + manage(original, "shell", "-v0", "-c", DETAIL_PAGES).stdout.split()
    served, served_again = render(original, pages), render(restored, pages)
    TALLY["backup/restore: pages compared"] += len(pages)
    assert all(status == 200 for status, _ in served.values())
    for page in pages:
        assert served_again[page] == served[page], difference(page, served, served_again)


def difference(page: str, before: dict, after: dict) -> str:
    lines = difflib.unified_diff(
        before[page][1].splitlines(), after[page][1].splitlines(), lineterm="", n=1
    )
    return page + "\n" + "\n".join(list(lines)[:40])
