"""Quality bars on the held-out set: articles from outlets the pipeline was never tuned on.

The documents in ``tests/heldout/`` and their gold in ``tests/heldout/gold/`` are for measuring
only. Nobody tunes the pipeline against them: a failure here is a finding to report, not a reason
to edit the gold or the articles.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from articles.evaluation import Report, evaluate, load_gold, run_pipeline
from articles.pipeline.knowledge import default_knowledge

ROOT = Path(__file__).resolve().parents[2]
HELDOUT_DOCUMENTS = ROOT / "tests" / "heldout"
HELDOUT_GOLD = HELDOUT_DOCUMENTS / "gold"

# What the product promises on outlets it has never seen (the same bars as the tuning corpus).
F1_BARS = {"quotes": 0.9, "people": 0.9, "countries": 0.9, "events": 0.7}
SPEAKER_BAR = 0.9


@cache
def heldout_report() -> Report:
    knowledge = default_knowledge()
    return evaluate(run_pipeline(HELDOUT_GOLD, HELDOUT_DOCUMENTS, knowledge), knowledge)


def misses(report: Report) -> str:
    """The full table with every miss, so a failing bar shows which constructions broke."""
    return report.table(verbosity=2)


def test_heldout_set_has_twelve_documents_with_gold_including_html():
    sources = [gold["source"] for gold in load_gold(HELDOUT_GOLD)]
    assert len(sources) == 12
    assert sum(source.endswith(".html") for source in sources) >= 3
    assert all((HELDOUT_DOCUMENTS / source).is_file() for source in sources)


def test_heldout_no_document_crashes_the_pipeline():
    report = heldout_report()
    assert not [doc.source for doc in report.documents if doc.error], misses(report)


# Events on unseen outlets are below the bar (F1 0.43 when this set was written); strict, so the
# marker must go the day the bar is met.
KNOWN_GAPS = {"events": "event extraction misses occurrences without meeting/statement words"}


@pytest.mark.parametrize(
    ("category", "bar"),
    [
        pytest.param(c, b, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[c]))
        if c in KNOWN_GAPS
        else (c, b)
        for c, b in F1_BARS.items()
    ],
)
def test_heldout_f1_bar(category, bar):
    report = heldout_report()
    assert report.counts[category].f1 >= bar, misses(report)


def test_heldout_speaker_accuracy():
    report = heldout_report()
    assert report.speaker.total and report.speaker.value >= SPEAKER_BAR, misses(report)
