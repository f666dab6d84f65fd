"""The document pipeline: bytes of a news page in, a typed ``ArticleResult`` out.

Plain Python with no ORM import. Stages, one module each: reading, cleaning, metadata, names,
quotes, dates, events. Commands and views call ``process``; the pipeline never calls them.
"""

from __future__ import annotations

import hashlib

from . import cleaning, dates, events, metadata, names, quotes, reading
from .errors import PipelineError
from .knowledge import Knowledge, default_knowledge
from .result import ArticleResult, Precision

__all__ = ["ArticleResult", "Knowledge", "PipelineError", "process"]

# Bounds that keep one document to a few seconds, whatever it holds. A news article is tens of
# thousands of characters; far longer text is not one (the stages take up to two seconds per
# 100,000 characters of dense text), so it is refused rather than cut.
MAX_TEXT_CHARS = 150_000
# Real articles quote dozens of times; beyond this it is a transcript or hostile input.
MAX_QUOTES = 500


def process(source: str, data: bytes, knowledge: Knowledge | None = None) -> ArticleResult:
    """Run every stage on one document. Raises ``PipelineError`` with a one-line reason."""
    knowledge = knowledge or default_knowledge()
    raw = reading.read(source, data)
    if len(raw.text) > MAX_TEXT_CHARS:
        raise PipelineError(
            f"{source}: text is too long for an article "
            f"({len(raw.text):,} characters; the limit is {MAX_TEXT_CHARS:,})"
        )
    cleaned = cleaning.clean(raw)
    if not cleaned.body.strip():
        raise PipelineError(f"{source}: no article text found")
    meta = metadata.extract(raw, cleaned, knowledge)
    warnings: list[str] = []
    if meta.published is None or meta.published.precision is not Precision.DAY:
        inferred = dates.infer_publication(cleaned.body, meta, knowledge)
        if inferred.date and (meta.published is None or inferred.is_finer_than(meta.published)):
            meta.published, meta.published_basis = inferred.date, inferred.basis
            meta.published_reason = inferred.reason
    if meta.published is None:
        warnings.append("no publication date found")
    found = names.find_names(cleaned.body, meta, knowledge)
    found_quotes = quotes.find_quotes(cleaned.body, found, knowledge)
    if len(found_quotes) > MAX_QUOTES:
        warnings.append(f"{len(found_quotes):,} quotations found; kept the first {MAX_QUOTES}")
        found_quotes = sorted(found_quotes, key=lambda q: q.start)[:MAX_QUOTES]
    found_events = events.find_events(cleaned.body, meta, found, knowledge)
    events.link_quotes(cleaned.body, found_quotes, found_events, meta)
    if not found_quotes:
        warnings.append("no quotes found")
    return ArticleResult(
        source=source,
        content_hash=hashlib.sha256(data).hexdigest(),
        meta=meta,
        body=cleaned.body,
        people=found.people,
        countries=found.countries,
        organizations=found.organizations,
        quotes=found_quotes,
        events=found_events,
        warnings=warnings,
    )
