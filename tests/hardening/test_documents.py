"""Hostile documents through the whole pipeline: a result or a ``PipelineError``, in bounded time.

Each document runs in a forked worker process; the test waits at most ``TIME_LIMIT`` seconds for
its answer and kills the worker otherwise, so a hang fails the test instead of stalling it. The
documents are our own articles and the seeds, mutated (truncated, shuffled, bytes flipped, mixed
encodings, script tags, unbalanced quotes, one huge line), generated extremes (binary garbage,
deeply nested HTML, 100,000 quotations, text at the size limit) and Hypothesis's random texts.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import random
import time
import traceback
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.management.commands import ingest as ingest_command
from articles.models import Article
from articles.pipeline import MAX_TEXT_CHARS, PipelineError, process
from articles.pipeline.knowledge import default_knowledge

from .conftest import TALLY

ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT = 5.0  # seconds per document, enforced by killing the worker
BASES = sorted(
    path
    for folder in ("fixtures/sources", "tests/corpus", "tests/heldout")
    for path in (ROOT / folder).glob("*")
    if path.suffix in {".txt", ".html"}
)


# The worker ---------------------------------------------------------------------------------------


def _spans(result) -> list[tuple[int, int]]:
    spans = [(q.start, q.end) for q in result.quotes]
    for group in (result.people, result.countries, result.organizations):
        spans += [(s.start, s.end) for item in group for s in item.mentions]
    spans += [(e.evidence.start, e.evidence.end) for e in result.events if e.evidence]
    return spans


def _answer(name: str, data: bytes, knowledge) -> tuple[str, str]:
    try:
        result = process(name, data, knowledge)
    except PipelineError as error:
        message = str(error)
        return ("refused", message) if "\n" not in message else ("crash", f"two lines: {error!r}")
    except BaseException:  # anything else is a crash, reported with its traceback
        return "crash", traceback.format_exc()
    bad = [(a, b) for a, b in _spans(result) if not 0 <= a <= b <= len(result.body)]
    if bad:
        return "crash", f"spans outside the body: {bad[:5]}"
    json.dumps(result.to_json(), ensure_ascii=False)  # what `ingest --dry-run` prints
    return "result", f"{len(result.quotes)} quotes"


def _serve(connection) -> None:
    knowledge = default_knowledge()
    while True:
        job = connection.recv()
        if job is None:
            return
        connection.send(_answer(*job, knowledge))


class Worker:
    """One forked process running ``process``; restarted after a document it could not finish."""

    def __init__(self):
        default_knowledge()  # loaded once, before forking, and inherited
        self.context = multiprocessing.get_context("fork")
        self.start()

    def start(self) -> None:
        self.connection, theirs = self.context.Pipe()
        self.process = self.context.Process(target=_serve, args=(theirs,), daemon=True)
        self.process.start()

    def run(self, name: str, data: bytes) -> tuple[str, str, float]:
        started = time.perf_counter()
        self.connection.send((name, data))
        if not self.connection.poll(TIME_LIMIT):
            self.process.kill()
            self.process.join()
            self.start()
            return "timeout", f"no answer within {TIME_LIMIT} s", time.perf_counter() - started
        outcome, detail = self.connection.recv()
        return outcome, detail, time.perf_counter() - started

    def stop(self) -> None:
        self.connection.send(None)
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()


@pytest.fixture(scope="module")
def worker():
    worker = Worker()
    yield worker
    worker.stop()


def check(worker: Worker, name: str, data: bytes) -> str:
    outcome, detail, _ = worker.run(name, data)
    TALLY["documents fuzzed"] += 1
    assert outcome in {"result", "refused"}, f"{name} ({len(data):,} bytes): {outcome}: {detail}"
    return outcome


# Mutations of real articles -----------------------------------------------------------------------


def truncated(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def shuffled_lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    rng.shuffle(lines)
    return b"\n".join(lines)


def shuffled_words(data: bytes, rng: random.Random) -> bytes:
    words = data.split(b" ")
    rng.shuffle(words)
    return b" ".join(words)


def flipped_bytes(data: bytes, rng: random.Random) -> bytes:
    mutable = bytearray(data)
    for _ in range(max(1, len(data) // 200)):
        mutable[rng.randrange(len(mutable))] = rng.randrange(256)
    return bytes(mutable)


def garbage_inserted(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + rng.randbytes(rng.randrange(1, 400)) + data[at:]


def mixed_encodings(data: bytes, rng: random.Random) -> bytes:
    """The second half re-encoded in a legacy charset, as pasted from another page."""
    text = data.decode("utf-8", errors="replace")
    half = len(text) // 2
    legacy = rng.choice(["cp1252", "shift_jis", "euc-kr", "gb18030", "latin-1"])
    tail = (text[half:] + " “quoted” — café 북한 日本").encode(legacy, errors="replace")
    return text[:half].encode() + tail


def declared_wrong_charset(data: bytes, rng: random.Random) -> bytes:
    charset = rng.choice(["shift_jis", "euc-kr", "utf-16", "x-unknown", "iso-8859-1"])
    return f'<html><head><meta charset="{charset}"></head><body><p>'.encode() + data


def scripts_inserted(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    for _ in range(5):
        lines.insert(
            rng.randrange(len(lines) + 1),
            rng.choice(
                [
                    b"<script>alert(1)</script>",
                    b'<img src=x onerror="alert(1)">',
                    b'"><svg onload=alert(1)>',
                    b'<a href="javascript:alert(1)">read more</a> he said.',
                    b'=HYPERLINK("http://x","y") said Kim.',
                ]
            ),
        )
    return b"\n".join(lines)


def unbalanced_quotes(data: bytes, rng: random.Random) -> bytes:
    closing = rng.choice([b'"', "”".encode(), "’".encode()])
    return data.replace(closing, b"", rng.randrange(1, 50))


def one_huge_line(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b"\n", b" ") * rng.randrange(2, 8)


def repeated(data: bytes, rng: random.Random) -> bytes:
    return data * rng.randrange(5, 25)


def utf16(data: bytes, rng: random.Random) -> bytes:
    return data.decode("utf-8", errors="replace").encode(rng.choice(["utf-16", "utf-16-be"]))


MUTATIONS = [
    truncated,
    shuffled_lines,
    shuffled_words,
    flipped_bytes,
    garbage_inserted,
    mixed_encodings,
    declared_wrong_charset,
    scripts_inserted,
    unbalanced_quotes,
    one_huge_line,
    repeated,
    utf16,
]


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.__name__)
def test_mutated_articles_give_a_result_or_a_one_line_refusal(worker, mutation):
    rng = random.Random(mutation.__name__)
    for path in rng.sample(BASES, 10):
        check(worker, f"{mutation.__name__}-{path.name}", mutation(path.read_bytes(), rng))


# Generated extremes -------------------------------------------------------------------------------


def fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def numbered_quotes(count: int) -> str:
    return " ".join(f'"Quote number {i} is here," Kim said.' for i in range(count))


HEADER = "A headline about NATO and Seoul\n\nSeoul, June 3 (Yonhap) -- "
EXTREMES = {
    "binary-garbage.bin": random.Random(1).randbytes(200_000),
    "png-header.txt": b"\x89PNG\r\n\x1a\n" + random.Random(2).randbytes(5000),
    "empty.txt": b"",
    "whitespace.txt": b" \n\t\r\n" * 1000,
    "bom-only.txt": b"\xef\xbb\xbf",
    "nul-in-text.txt": b"Title\n\nKim said \x00 something.",
    "deeply-nested.html": (
        "<html><body>" + "<div>" * 100_000 + "text" + "</div>" * 100_000 + "</body></html>"
    ).encode(),
    "nested-under-the-tag-limit.html": (
        "<html><body>" + "<div><p>" * 20_000 + "Kim said it." + "</p></div>" * 20_000
    ).encode(),
    "unclosed-tags.html": ("<html><body>" + "<b><i><span>" * 10_000 + "NATO").encode(),
    "script-page.html": (
        "<html><head><title>x<script>alert(1)</script></title></head><body>"
        + "<p>“We will act,” <script>alert(1)</script> said NATO's chief.</p>" * 500
        + "</body></html>"
    ).encode(),
    "100000-quotes.txt": (HEADER + numbered_quotes(100_000)).encode(),
    "quotes-at-the-size-limit.txt": (HEADER + numbered_quotes(100_000))[:MAX_TEXT_CHARS].encode(),
    "dates-at-the-size-limit.txt": (
        HEADER + fill("On June 3, 2024, and on July 4 last year, ", MAX_TEXT_CHARS - 100)
    ).encode(),
    "names-at-the-size-limit.txt": (
        HEADER + fill("Kim Jong Un met Mark Rutte in Seoul. ", MAX_TEXT_CHARS - 100)
    ).encode(),
    "unbalanced-quotes.txt": (HEADER + fill("“He said ", MAX_TEXT_CHARS - 100)).encode(),
    "only-quote-marks.txt": fill('"', 1_000_000).encode(),
    "huge-line.txt": fill("word ", 4_000_000).encode(),
    "huge-word.txt": ("Title\n\n" + "a" * 4_000_000).encode(),
    "newlines.txt": ("Title" + "\n" * 2_000_000 + "Kim said.").encode(),
    "parentheses.txt": (HEADER + "(" * 50_000 + "Kim said" + ")" * 50_000).encode(),
    "spaces.txt": ("Title\n\nKim" + " " * 1_000_000 + "said it.").encode(),
}


@pytest.mark.parametrize("name", list(EXTREMES))
def test_extreme_documents_finish_in_bounded_time(worker, name):
    check(worker, name, EXTREMES[name])


def test_text_over_the_limit_is_refused_with_its_size(worker):
    data = fill("Some words. ", 2 * MAX_TEXT_CHARS).encode()
    outcome, detail, seconds = worker.run("long.txt", data)
    assert outcome == "refused" and "too long" in detail and seconds < 1


def test_quotations_beyond_the_cap_are_dropped_with_a_warning(worker):
    outcome, detail, _ = worker.run("many-quotes.txt", (HEADER + numbered_quotes(800)).encode())
    assert outcome == "result" and detail == "500 quotes"


# Random documents ---------------------------------------------------------------------------------

TOKENS = [
    "NATO",
    "Seoul",
    "Kim Jong Un",
    "Prime Minister",
    "said",
    "told reporters",
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "—",
    "--",
    "(Yonhap)",
    "June 3",
    "2024",
    "last week",
    "\n",
    "\n\n",
    ".",
    ",",
    " ",
    "<p>",
    "</p>",
    "<script>",
    "By",
    "Reporter",
    "photo",
    "summit",
    "Washington",
]
random_documents = st.one_of(
    st.lists(st.sampled_from(TOKENS), max_size=400).map(lambda t: " ".join(t).encode()),
    st.text(st.characters(codec="utf-8"), max_size=2000).map(lambda t: t.encode()),
    st.binary(max_size=4000),
)


def test_random_documents_never_crash_the_pipeline(worker):
    @settings(
        max_examples=250, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(random_documents)
    def property_(data):
        check(worker, "random.txt", data)

    property_()


# The ingest command -------------------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(INGEST_MAX_BYTES=400_000)
def test_ingest_reports_each_bad_document_on_one_line_and_goes_on(tmp_path, monkeypatch):
    bad = {
        "a-binary.txt": EXTREMES["binary-garbage.bin"][:20_000],
        "b-empty.txt": b"",
        "c-too-many-tags.html": b"<html><body>" + b"<i>" * 60_000,
        "d-latin1.txt": "Title\n\nCafé au lait".encode("latin-1"),
        "e-oversized.txt": b"x " * 300_000,
        "f-too-long.txt": fill("Some words. ", MAX_TEXT_CHARS + 10).encode(),
        "g-stage-bug.txt": BASES[1].read_bytes(),
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    good = BASES[0]
    (tmp_path / f"z-{good.name}").write_bytes(good.read_bytes())

    def process_with_a_bug(source, data, knowledge=None):
        if source == "g-stage-bug.txt":
            raise KeyError("a stage tripped over its own feet")
        return process(source, data, knowledge)

    monkeypatch.setattr(ingest_command, "process", process_with_a_bug)
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="7 of 8 documents failed"):
        call_command("ingest", str(tmp_path), stdout=out, stderr=err)

    lines = err.getvalue().strip().splitlines()
    assert sorted(line.split(":", 1)[0] for line in lines) == sorted(bad)
    assert "g-stage-bug.txt: internal error: KeyError" in err.getvalue()
    assert Article.objects.get().source_file == f"z-{good.name}"
    assert "1 created" in out.getvalue() and "7 failed" in out.getvalue()


HOSTILE_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>NATO &lt;script&gt;alert(1)&lt;/script&gt; {long}</title>
<meta property="og:site_name" content="{site}">
<meta property="og:url" content="javascript:alert(1)//{path}">
<meta name="author" content="{author}">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{long}",
 "datePublished": "0000-00-00", "publisher": {{"name": "{publisher}"}}}}</script>
</head><body><article><h1>NATO chief {long}</h1><p>{dateline} --</p>
<p>“We will stand together,” said Prime Minister Kim Min-seok in Seoul on June 3, 2024.</p>
<p>{paragraph}</p></article></body></html>"""


@pytest.mark.django_db
def test_hostile_page_metadata_is_stored_within_limits_and_never_as_a_script_link(tmp_path):
    """Metadata is the page author's to write: over-long values fit their columns (PostgreSQL
    refuses longer ones) and a ``javascript:`` address is not kept as the article's link."""
    page = HOSTILE_PAGE.format(
        long="W" * 1500,
        site="Site " * 300,
        path="a" * 3000,
        author="Reporter " * 200,
        publisher="P" * 900,
        dateline="SEOUL " * 100,
        paragraph="A long paragraph about NATO and Japan. " * 40,
    )
    (tmp_path / "hostile.html").write_text(page, encoding="utf-8")

    call_command("ingest", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())

    article = Article.objects.get()
    assert article.url == ""
    assert len(article.title) <= 500 and len(article.publisher) <= 200
    assert len(article.dateline) <= 100
