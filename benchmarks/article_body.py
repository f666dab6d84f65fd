"""Article-body benchmark: how well ``reading.read`` finds the main text of real news pages.

Scores our reader and plain ``trafilatura.extract`` (default options) on the pages of
``shared/benchmarks/article-body`` with the benchmark's own measure (see its README): 4-token
shingles of ``\\w+`` tokens counted with multiplicity, per-page TP/FP/FN normalised by their
sum, precision and recall averaged over pages, F1 from those means.

    .venv/bin/python -m benchmarks.article_body [--limit N] [--data DIR] [--worst N]

A full run on the default data also writes benchmarks/results/article-body.md. The benchmark
pages and their expected text are used here only, never by the reader.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from articles.pipeline import reading
from articles.pipeline.errors import PipelineError

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = PROJECT_ROOT / ".." / "shared" / "benchmarks" / "article-body"
RESULTS_FILE = PROJECT_ROOT / "benchmarks" / "results" / "article-body.md"
SHINGLE = 4

_TOKEN_RE = re.compile(r"\w+")


# ---------------------------------------------------------------------------------------------
# Scoring


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Every run of ``size`` consecutive word tokens, with repeats; a short text is one shingle."""
    tokens = _TOKEN_RE.findall(text or "")
    if len(tokens) <= size:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True)
class PageScore:
    tp: float  # shares of tp + fp + fn, so every page weighs the same
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        if self.tp == self.fp == 0:
            return 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        if self.tp == self.fn == 0:
            return 0.0
        return self.tp / (self.tp + self.fn)


def score_page(extracted: str, truth: str) -> PageScore:
    got, want = shingles(extracted), shingles(truth)
    tp = sum((got & want).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return PageScore(tp / total, fp / total, fn / total) if total else PageScore(0.0, 0.0, 0.0)


@dataclass(frozen=True)
class Summary:
    precision: float
    recall: float
    pages: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def summarise(scores: list[PageScore]) -> Summary:
    """Means over pages; as in the benchmark, a page with nothing extracted has no precision and
    a page with no expected text no recall."""
    precisions = [s.precision for s in scores if s.tp + s.fp > 0]
    recalls = [s.recall for s in scores if s.tp + s.fn > 0]
    return Summary(
        precision=statistics.mean(precisions) if precisions else 0.0,
        recall=statistics.mean(recalls) if recalls else 0.0,
        pages=len(scores),
    )


# ---------------------------------------------------------------------------------------------
# Extractors


def ours(html: bytes) -> str:
    try:
        return reading.read("page.html", html).text
    except PipelineError:
        return ""


def plain_trafilatura(html: bytes) -> str:
    trafilatura = reading._import_trafilatura()
    return trafilatura.extract(html) or ""


EXTRACTORS: dict[str, Callable[[bytes], str]] = {
    "natoip read()": ours,
    "trafilatura.extract (defaults)": plain_trafilatura,
}


# ---------------------------------------------------------------------------------------------
# Running


@dataclass
class Run:
    name: str
    summary: Summary
    seconds: float
    per_page: dict[str, PageScore]

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.seconds / max(self.summary.pages, 1)


def load_pages(data_dir: Path, limit: int | None) -> list[tuple[str, bytes, str]]:
    """(page id, HTML bytes, expected body) for each page, in a stable order."""
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    pages = []
    for page_id in ids:
        html = gzip.decompress((data_dir / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((page_id, html, truth[page_id].get("articleBody") or ""))
    return pages


def run(name: str, extract: Callable[[bytes], str], pages: list[tuple[str, bytes, str]]) -> Run:
    per_page: dict[str, PageScore] = {}
    seconds = 0.0
    for page_id, html, expected in pages:
        start = time.perf_counter()
        extracted = extract(html)
        seconds += time.perf_counter() - start
        per_page[page_id] = score_page(extracted, expected)
    return Run(name, summarise(list(per_page.values())), seconds, per_page)


def markdown(runs: list[Run], data_dir: Path) -> str:
    trafilatura = reading._import_trafilatura()
    lines = [
        "# Article-body benchmark",
        "",
        f"- date: {dt.date.today().isoformat()}",
        f"- pages: {runs[0].summary.pages} from `{data_dir.resolve().name}`",
        f"- Python {platform.python_version()}, trafilatura {trafilatura.__version__}",
        f"- machine: {platform.platform()}, {_cpu_name()}, {os.cpu_count()} cores",
        "- measure: 4-token shingles, per-page normalised TP/FP/FN, P and R means over pages",
        "- timings: wall clock on a shared machine, imports excluded; compare within one run",
        "",
        "| extractor | F1 | precision | recall | total s | ms/page |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in runs:
        s = r.summary
        lines.append(
            f"| {r.name} | {s.f1:.3f} | {s.precision:.3f} | {s.recall:.3f} "
            f"| {r.seconds:.1f} | {r.ms_per_page:.1f} |"
        )
    return "\n".join(lines) + "\n"


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark directory")
    parser.add_argument("--worst", type=int, default=0, help="also list our N worst pages")
    args = parser.parse_args(argv)
    data_dir = args.data if args.data.is_absolute() else PROJECT_ROOT / args.data
    if not (data_dir / "ground-truth.json").exists():
        print(f"no benchmark data in {data_dir}", file=sys.stderr)
        return 2
    pages = load_pages(data_dir, args.limit)
    runs = [run(name, extract, pages) for name, extract in EXTRACTORS.items()]
    table = markdown(runs, data_dir)
    print(table)
    if args.worst:
        baseline = runs[1].per_page
        worst = sorted(runs[0].per_page.items(), key=lambda kv: kv[1].tp)[: args.worst]
        for page_id, s in worst:
            b = baseline[page_id]
            print(
                f"{page_id[:12]} ours P={s.precision:.2f} R={s.recall:.2f}"
                f"  traf P={b.precision:.2f} R={b.recall:.2f}"
            )
    if args.limit is None and args.data == DEFAULT_DATA:
        RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
        RESULTS_FILE.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
