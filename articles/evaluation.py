"""Scoring the pipeline against hand-written gold annotations.

Plain Python (no ORM). ``evaluate`` takes ``(gold, predicted)`` pairs, where ``predicted`` is
``ArticleResult.to_json()`` — or ``None``/an exception for a document the pipeline failed on, which
then counts as all misses — and returns a ``Report``.

Gold files (``fixtures/gold/<document>.json``, ``tests/corpus/gold/<document>.json``) hold
``source``, ``article`` (title, subtitle, publisher, authors, published, published_precision,
dateline), ``people`` (name, aliases, country, role), ``countries`` and ``organizations`` (codes),
``quotes`` (text, speaker, speaker_kind, speaker_label) and ``events`` (type, date, precision,
optional end_date, name, reference, participants). Dates are "YYYY", "YYYY-MM" or "YYYY-MM-DD".

Matching rules
--------------
- people: a predicted person matches a gold person when their normalised names match, or when
  the predicted name or one of its aliases matches a gold alias. Names are normalised by folding
  case and diacritics and removing hyphens, dots, apostrophes and spaces; token order is ignored
  ("Yoon Suk-yeol" = "Yoon Suk Yeol", "Kishida Fumio" = "Fumio Kishida"). One-to-one, exact name
  matches first; precision/recall/F1 are micro-averaged over all documents.
- countries, organizations: the set of codes per document; micro precision/recall/F1.
- quotes: only quotes of at least three word tokens count, on both sides. Texts are normalised
  (case folded, quotation marks and punctuation stripped, whitespace collapsed). A predicted quote
  matches a gold quote when the texts are equal, or one contains the other and the shorter has at
  least 80 % of the longer's tokens, or their token-level F1 is at least 0.8. Pairs are assigned
  one-to-one, best score first.
- speaker accuracy: over matched quotes, the predicted speaker equals the gold speaker (names as
  for people, alias-aware on both sides). When the gold speaker is null (anonymous officials,
  documents, organisations) the prediction is right iff its speaker is null and its speaker_kind
  is the gold one.
- events: one-to-one; types equal, the dates agree at the gold precision (a gold date of null
  accepts any date; a gold event with an end_date accepts any day in its range), and, for a
  gold reference summit, the ``reference`` slugs are equal (gold events without a reference, such
  as a G7 summit, accept any). Pairs are chosen to maximise the number of matches.
- metadata accuracy per document: title (normalised text equal), publisher (equal after
  normalising case and punctuation and mapping known aliases to the knowledge's canonical name),
  authors (equal as sets of normalised names), published (the predicted date equals the gold
  date at the gold precision, and the predicted precision is not coarser than the gold's).
  The report gives each field and their mean.

Annotation conventions (how the gold files were written)
--------------------------------------------------------
- people are those named in the article body (not photo captions, not the authors).
- countries: named, by demonym, by abbreviation, or by capital used as a metonym ("Seoul has
  said"); not a capital used as a place ("in Washington").
- organisations: only when named or abbreviated ("Asia Pacific Four (AP4)" is IP4; "NATO's
  Indo-Pacific partners" is not); "UN Security Council" is UNSC alone.
- quotes: direct quotations of three words or more, partial quotes included; names of treaties
  or terms in quotation marks are not quotes; a quote continued over paragraphs is one quote.
- events: discrete, datable occurrences the article reports or refers to. A meeting of exactly two
  parties is "bilateral" whatever the article calls it; "summit" is a multilateral meeting of
  leaders; "ministerial" a multilateral meeting of ministers. Wars and trends are not events.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import traceback
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

CATEGORIES = ("people", "countries", "organizations", "quotes", "events")
METADATA_FIELDS = ("title", "publisher", "authors", "published")
MIN_QUOTE_TOKENS = 3
QUOTE_MATCH_THRESHOLD = 0.8
_PRECISION_ORDER = {"year": 0, "month": 1, "day": 2}
_MAX_PERMUTED_TOKENS = 5  # beyond this, token order is compared sorted only (cost stays small)

_NAME_JUNK = re.compile(r"[\s\-‐‑‒–—.'’‘`´,]+")
_TEXT_JUNK = re.compile(r"[^\w\s]+")
_APOSTROPHES = re.compile(r"['’‘`´]")
_SPACES = re.compile(r"\s+")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


# --- normalisation ---------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lowercase with diacritics removed ("Škoda" -> "skoda")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=4096)
def name_keys(name: str) -> frozenset[str]:
    """Every spelling of ``name`` that counts as equal: separators dropped, any token order."""
    tokens = [t for t in (_NAME_JUNK.sub("", part) for part in fold(name).split()) if t]
    if not tokens:
        return frozenset()
    if len(tokens) > _MAX_PERMUTED_TOKENS:
        return frozenset({"".join(tokens), "".join(sorted(tokens))})
    return frozenset("".join(p) for p in itertools.permutations(tokens))


def names_match(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return not name_keys(a).isdisjoint(name_keys(b))


def normalise_text(text: str) -> str:
    """Quote/title text for comparison: case folded, punctuation stripped, spaces collapsed."""
    text = _APOSTROPHES.sub("", fold(text))  # "We've" and "Weve" are the same words
    return _SPACES.sub(" ", _TEXT_JUNK.sub(" ", text).replace("_", " ")).strip()


def tokens(text: str) -> list[str]:
    return normalise_text(text).split()


def token_f1(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    overlap = sum((Counter(a) & Counter(b)).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / len(b), overlap / len(a)
    return 2 * precision * recall / (precision + recall)


# --- scores ----------------------------------------------------------------------------------


@dataclass
class Counts:
    """True/false positives and false negatives of one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.correct += int(ok)
        self.total += 1

    def merge(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.total += other.total

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0


@dataclass
class DocumentReport:
    """One document's scores and the misses behind them (for debugging the pipeline)."""

    source: str
    error: str | None = None
    counts: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})
    speaker: Accuracy = field(default_factory=Accuracy)
    metadata: dict[str, bool] = field(default_factory=dict)
    false_positives: dict[str, list[str]] = field(default_factory=dict)
    false_negatives: dict[str, list[str]] = field(default_factory=dict)
    wrong: dict[str, list[str]] = field(default_factory=dict)  # speakers, metadata fields

    def note(self, kind: dict[str, list[str]], category: str, item: str) -> None:
        kind.setdefault(category, []).append(item)


@dataclass
class Report:
    counts: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})
    speaker: Accuracy = field(default_factory=Accuracy)
    metadata: dict[str, Accuracy] = field(
        default_factory=lambda: {f: Accuracy() for f in METADATA_FIELDS}
    )
    documents: list[DocumentReport] = field(default_factory=list)

    @property
    def metadata_mean(self) -> float:
        return sum(a.value for a in self.metadata.values()) / len(self.metadata)

    def add(self, doc: DocumentReport) -> None:
        self.documents.append(doc)
        for category, counts in doc.counts.items():
            self.counts[category].add(counts)
        self.speaker.merge(doc.speaker)
        for name, ok in doc.metadata.items():
            self.metadata[name].add(ok)

    def to_json(self) -> dict:
        return {
            "documents": len(self.documents),
            "failed": [{"source": d.source, "error": d.error} for d in self.documents if d.error],
            "categories": {
                name: {
                    "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4),
                    "f1": round(c.f1, 4),
                    "tp": c.tp,
                    "fp": c.fp,
                    "fn": c.fn,
                }
                for name, c in self.counts.items()
            },
            "speaker_accuracy": round(self.speaker.value, 4),
            "speaker_total": self.speaker.total,
            "metadata": {name: round(a.value, 4) for name, a in self.metadata.items()},
            "metadata_mean": round(self.metadata_mean, 4),
            "per_document": [_document_json(d) for d in self.documents],
        }

    def table(self, verbosity: int = 1) -> str:
        """Markdown tables: totals; per document with verbosity >= 1; misses with >= 2."""
        lines = [
            f"Documents: {len(self.documents)}",
            "",
            "| category | precision | recall | F1 | tp | fp | fn |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for name, c in self.counts.items():
            lines.append(
                f"| {name} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} "
                f"| {c.tp} | {c.fp} | {c.fn} |"
            )
        lines += ["", "| accuracy | value | correct / total |", "|---|---:|---:|"]
        for name, acc in [("speaker", self.speaker), *self.metadata.items()]:
            lines.append(f"| {name} | {acc.value:.3f} | {acc.correct} / {acc.total} |")
        lines.append(f"| metadata mean | {self.metadata_mean:.3f} | |")
        if verbosity >= 1 and self.documents:
            lines += ["", _per_document_table(self.documents)]
        failed = [d for d in self.documents if d.error]
        if failed:
            lines += ["", "Failed documents (all misses):"]
            lines += [f"- {d.source}: {d.error}" for d in failed]
        if verbosity >= 2:
            lines += _misses(self.documents)
        return "\n".join(lines)


def _document_json(doc: DocumentReport) -> dict:
    return {
        "source": doc.source,
        "error": doc.error,
        "f1": {name: round(c.f1, 4) for name, c in doc.counts.items()},
        "speaker_accuracy": round(doc.speaker.value, 4),
        "metadata": doc.metadata,
        "false_positives": doc.false_positives,
        "false_negatives": doc.false_negatives,
        "wrong": doc.wrong,
    }


def _per_document_table(documents: list[DocumentReport]) -> str:
    head = "| document | " + " | ".join(CATEGORIES) + " | speaker | metadata |"
    rows = [head, "|---" + "|---:" * (len(CATEGORIES) + 2) + "|"]
    for doc in documents:
        if doc.error:
            rows.append(f"| {doc.source} | " + " | ".join(["ERR"] * (len(CATEGORIES) + 2)) + " |")
            continue
        f1s = " | ".join(f"{doc.counts[c].f1:.2f}" for c in CATEGORIES)
        meta = sum(doc.metadata.values()) / len(doc.metadata) if doc.metadata else 0.0
        rows.append(f"| {doc.source} | {f1s} | {doc.speaker.value:.2f} | {meta:.2f} |")
    return "\n".join(rows)


def _misses(documents: list[DocumentReport]) -> list[str]:
    lines: list[str] = []
    for doc in documents:
        if doc.error:
            continue
        sections = [
            ("missed", doc.false_negatives),
            ("spurious", doc.false_positives),
            ("wrong", doc.wrong),
        ]
        if not any(kind for _, kind in sections):
            continue
        lines += ["", f"## {doc.source}"]
        for label, kind in sections:
            for category, items in kind.items():
                for item in items:
                    lines.append(f"- {label} {category}: {item}")
    return lines


# --- matching --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Person:
    name: str
    aliases: tuple[str, ...]


def _people(items: Iterable[dict]) -> list[_Person]:
    return [_Person(p["name"], tuple(p.get("aliases") or ())) for p in items if p.get("name")]


def _person_matches(gold: _Person, predicted: _Person) -> bool:
    if names_match(gold.name, predicted.name):
        return True
    return any(
        names_match(form, alias)
        for form in (predicted.name, *predicted.aliases)
        for alias in gold.aliases
    )


def _score_people(doc: DocumentReport, gold: list[dict], predicted: list[dict]) -> None:
    gold_people, predicted_people = _people(gold), _people(predicted)
    unmatched = list(range(len(predicted_people)))
    missed: list[_Person] = []
    # Exact-name pairs first, so an alias match cannot steal a person's own entry.
    pending = []
    for person in gold_people:
        hit = next(
            (i for i in unmatched if names_match(person.name, predicted_people[i].name)), None
        )
        if hit is None:
            pending.append(person)
        else:
            unmatched.remove(hit)
    for person in pending:
        hit = next((i for i in unmatched if _person_matches(person, predicted_people[i])), None)
        if hit is None:
            missed.append(person)
        else:
            unmatched.remove(hit)
    counts = doc.counts["people"]
    counts.tp = len(gold_people) - len(missed)
    counts.fn = len(missed)
    counts.fp = len(unmatched)
    for person in missed:
        doc.note(doc.false_negatives, "people", person.name)
    for i in unmatched:
        doc.note(doc.false_positives, "people", predicted_people[i].name)


def _score_codes(doc: DocumentReport, category: str, gold: Iterable[str], predicted: Iterable[str]):
    gold_set, predicted_set = set(gold), {code for code in predicted if code}
    doc.counts[category] = Counts(
        tp=len(gold_set & predicted_set),
        fp=len(predicted_set - gold_set),
        fn=len(gold_set - predicted_set),
    )
    for code in sorted(gold_set - predicted_set):
        doc.note(doc.false_negatives, category, code)
    for code in sorted(predicted_set - gold_set):
        doc.note(doc.false_positives, category, code)


def quote_similarity(gold: str, predicted: str) -> float:
    """1.0 for equal texts; otherwise a score >= 0.8 when the quotes count as the same."""
    a, b = tokens(gold), tokens(predicted)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    shorter, longer = sorted((a, b), key=len)
    contained = f" {' '.join(shorter)} " in f" {' '.join(longer)} "
    coverage = len(shorter) / len(longer)
    if contained and coverage >= QUOTE_MATCH_THRESHOLD:
        return max(coverage, token_f1(a, b))
    return token_f1(a, b)


def _speaker_forms(name: str, people: list[_Person]) -> tuple[set[str], set[str]]:
    """The speaker's own name and the aliases its person entry lists."""
    person = next((p for p in people if names_match(p.name, name)), None)
    return {name}, set(person.aliases) if person else set()


def speaker_correct(
    gold: dict, predicted: dict, gold_people: list[_Person], predicted_people: list[_Person]
) -> bool:
    gold_speaker, predicted_speaker = gold.get("speaker"), predicted.get("speaker")
    if not gold_speaker:
        return not predicted_speaker and predicted.get("speaker_kind") == gold.get("speaker_kind")
    if not predicted_speaker:
        return False
    if names_match(gold_speaker, predicted_speaker):
        return True
    _, gold_aliases = _speaker_forms(gold_speaker, gold_people)
    own, predicted_aliases = _speaker_forms(predicted_speaker, predicted_people)
    return any(names_match(a, b) for a in own | predicted_aliases for b in gold_aliases)


def _describe_speaker(quote: dict) -> str:
    """E.g. 'Mark Rutte' or '<anonymous> "a senior official"' (the label shows what was read)."""
    who = quote.get("speaker") or f"<{quote.get('speaker_kind')}>"
    label = quote.get("speaker_label")
    return f'{who} "{label}"' if label and label != who else who


def _describe_quote(quote: dict) -> str:
    text = quote.get("text") or ""
    short = text if len(text) <= 70 else text[:67] + "..."
    return f'"{short}" ({_describe_speaker(quote)})'


def _score_quotes(doc: DocumentReport, gold: dict, predicted: dict) -> None:
    gold_quotes = [q for q in gold.get("quotes", []) if len(tokens(q["text"])) >= MIN_QUOTE_TOKENS]
    predicted_quotes = [
        q
        for q in predicted.get("quotes", [])
        if len(tokens(q.get("text") or "")) >= MIN_QUOTE_TOKENS
    ]
    candidates = []
    for gi, g in enumerate(gold_quotes):
        for pi, p in enumerate(predicted_quotes):
            score = quote_similarity(g["text"], p.get("text") or "")
            if score >= QUOTE_MATCH_THRESHOLD:
                candidates.append((score, gi, pi))
    pairs = _assign(candidates)
    gold_people, predicted_people = (
        _people(gold.get("people", [])),
        _people(predicted.get("people", [])),
    )
    for gi, pi in pairs:
        ok = speaker_correct(gold_quotes[gi], predicted_quotes[pi], gold_people, predicted_people)
        doc.speaker.add(ok)
        if not ok:
            got = _describe_speaker(predicted_quotes[pi])
            doc.note(doc.wrong, "speaker", f"{_describe_quote(gold_quotes[gi])} got {got}")
    _record(doc, "quotes", gold_quotes, predicted_quotes, pairs, _describe_quote)


def _assign(candidates: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """Greedy one-to-one assignment, best score first."""
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
            pairs.append((gi, pi))
    return pairs


def _record(
    doc: DocumentReport,
    category: str,
    gold: list[dict],
    predicted: list[dict],
    pairs: list[tuple[int, int]],
    describe: Callable[[dict], str],
) -> None:
    matched_gold = {gi for gi, _ in pairs}
    matched_predicted = {pi for _, pi in pairs}
    doc.counts[category] = Counts(
        tp=len(pairs), fp=len(predicted) - len(pairs), fn=len(gold) - len(pairs)
    )
    for gi, item in enumerate(gold):
        if gi not in matched_gold:
            doc.note(doc.false_negatives, category, describe(item))
    for pi, item in enumerate(predicted):
        if pi not in matched_predicted:
            doc.note(doc.false_positives, category, describe(item))


# --- dates and events ------------------------------------------------------------------------


def parse_date(value: str | None) -> tuple[dt.date, str] | None:
    """'2024', '2024-07' or '2024-07-10' -> (date, precision implied by the digits given)."""
    if not value:
        return None
    match = _PARTIAL_DATE.match(str(value))
    if not match:
        return None
    year, month, day = match.groups()
    try:
        date = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return date, "day" if day else "month" if month else "year"


def _fuzzy(value: str | None, precision: str | None) -> tuple[dt.date, str] | None:
    parsed = parse_date(value)
    if parsed is None:
        return None
    date, implied = parsed
    return date, precision if precision in _PRECISION_ORDER else implied


def same_at(a: dt.date, b: dt.date, precision: str) -> bool:
    if precision == "year":
        return a.year == b.year
    if precision == "month":
        return (a.year, a.month) == (b.year, b.month)
    return a == b


def date_correct(gold: tuple[dt.date, str] | None, predicted: tuple[dt.date, str] | None) -> bool:
    """Equal at the gold precision, and the prediction is not vaguer than the gold."""
    if gold is None:
        return predicted is None
    if predicted is None:
        return False
    (gold_date, gold_precision), (predicted_date, predicted_precision) = gold, predicted
    return (
        same_at(gold_date, predicted_date, gold_precision)
        and _PRECISION_ORDER[predicted_precision] >= _PRECISION_ORDER[gold_precision]
    )


def _event_dates_agree(gold: dict, predicted: dict) -> bool:
    gold_date = _fuzzy(gold.get("date"), gold.get("precision") or gold.get("date_precision"))
    if gold_date is None:
        return True
    predicted_date = _fuzzy(predicted.get("date"), predicted.get("date_precision"))
    if predicted_date is None:
        return False
    end = parse_date(gold.get("end_date"))
    if end is not None and gold_date[1] == "day":
        return gold_date[0] <= predicted_date[0] <= end[0]
    return same_at(gold_date[0], predicted_date[0], gold_date[1])


def event_matches(gold: dict, predicted: dict) -> bool:
    """Same type, dates agreeing at the gold precision, and the gold's reference slug if any."""
    if gold.get("type") != predicted.get("type"):
        return False
    if gold.get("reference") and gold["reference"] != predicted.get("reference"):
        return False
    return _event_dates_agree(gold, predicted)


def _describe_event(event: dict) -> str:
    date = event.get("date") or "no date"
    ref = f" [{event['reference']}]" if event.get("reference") else ""
    return f"{event.get('type')} {date}{ref}: {event.get('name') or ''}".rstrip(": ")


def _score_events(doc: DocumentReport, gold: list[dict], predicted: list[dict]) -> None:
    edges = [[pi for pi, p in enumerate(predicted) if event_matches(g, p)] for g in gold]
    _record(doc, "events", gold, predicted, maximum_matching(edges), _describe_event)


def maximum_matching(edges: list[list[int]]) -> list[tuple[int, int]]:
    """Largest one-to-one pairing of left items to the right items each may take (Kuhn)."""
    owner: dict[int, int] = {}  # right index -> left index

    def claim(left: int, seen: set[int]) -> bool:
        for right in edges[left]:
            if right in seen:
                continue
            seen.add(right)
            if right not in owner or claim(owner[right], seen):
                owner[right] = left
                return True
        return False

    for left in range(len(edges)):
        claim(left, set())
    return sorted((left, right) for right, left in owner.items())


# --- metadata --------------------------------------------------------------------------------


def publisher_key(name: str | None, aliases: dict[str, str] | None = None) -> str:
    key = normalise_text(name or "")
    return (aliases or {}).get(key, key)


def publisher_aliases(knowledge) -> dict[str, str]:
    """Normalised alias -> normalised canonical name, from ``Knowledge.publishers``."""
    mapping: dict[str, str] = {}
    for publisher in getattr(knowledge, "publishers", ()) or ():
        canonical = normalise_text(publisher.name)
        for alias in (publisher.name, *publisher.aliases):
            mapping.setdefault(normalise_text(alias), canonical)
    return mapping


def authors_equal(gold: list[str], predicted: list[str]) -> bool:
    if len(gold) != len(predicted):
        return False
    remaining = list(predicted)
    for name in gold:
        hit = next((p for p in remaining if names_match(name, p)), None)
        if hit is None:
            return False
        remaining.remove(hit)
    return True


def _score_metadata(
    doc: DocumentReport, gold: dict, predicted: dict, aliases: dict[str, str]
) -> None:
    checks = {
        "title": (
            normalise_text(gold.get("title") or "") == normalise_text(predicted.get("title") or ""),
            gold.get("title"),
            predicted.get("title"),
        ),
        "publisher": (
            publisher_key(gold.get("publisher"), aliases)
            == publisher_key(predicted.get("publisher"), aliases),
            gold.get("publisher"),
            predicted.get("publisher"),
        ),
        "authors": (
            authors_equal(gold.get("authors") or [], predicted.get("authors") or []),
            gold.get("authors"),
            predicted.get("authors"),
        ),
        "published": (
            date_correct(
                _fuzzy(gold.get("published"), gold.get("published_precision")),
                _fuzzy(predicted.get("published"), predicted.get("published_precision")),
            ),
            f"{gold.get('published')} ({gold.get('published_precision')})",
            f"{predicted.get('published')} ({predicted.get('published_precision')})",
        ),
    }
    for name, (ok, expected, got) in checks.items():
        doc.metadata[name] = ok
        if not ok:
            doc.note(doc.wrong, name, f"expected {expected!r}, got {got!r}")


# --- entry points ----------------------------------------------------------------------------


def _failed(gold: dict, error: str) -> DocumentReport:
    doc = DocumentReport(source=gold.get("source", "?"), error=error)
    doc.counts["people"].fn = len(gold.get("people", []))
    doc.counts["countries"].fn = len(set(gold.get("countries", [])))
    doc.counts["organizations"].fn = len(set(gold.get("organizations", [])))
    doc.counts["quotes"].fn = sum(
        len(tokens(q["text"])) >= MIN_QUOTE_TOKENS for q in gold.get("quotes", [])
    )
    doc.counts["events"].fn = len(gold.get("events", []))
    doc.metadata = dict.fromkeys(METADATA_FIELDS, False)
    return doc


def describe_error(error: BaseException) -> str:
    """One line: the exception, its message, and where it was raised (which stage)."""
    message = str(error).strip().splitlines()
    text = f"{type(error).__name__}: {message[0]}" if message else type(error).__name__
    frames = traceback.extract_tb(error.__traceback__) if error.__traceback__ else []
    if frames:
        text += f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})"
    return text


def score_document(
    gold: dict, predicted: dict | BaseException | None, aliases: dict[str, str] | None = None
) -> DocumentReport:
    """Score one document; a failed prediction (None or an exception) counts as all misses."""
    if predicted is None:
        return _failed(gold, "no prediction")
    if isinstance(predicted, BaseException):
        return _failed(gold, describe_error(predicted))
    doc = DocumentReport(source=gold.get("source", predicted.get("source", "?")))
    _score_people(doc, gold.get("people", []), predicted.get("people", []))
    _score_codes(
        doc,
        "countries",
        gold.get("countries", []),
        (c.get("code") for c in predicted.get("countries", [])),
    )
    _score_codes(
        doc,
        "organizations",
        gold.get("organizations", []),
        (o.get("code") for o in predicted.get("organizations", [])),
    )
    _score_quotes(doc, gold, predicted)
    _score_events(doc, gold.get("events", []), predicted.get("events", []))
    _score_metadata(doc, gold.get("article", {}), predicted.get("article", {}), aliases or {})
    return doc


def evaluate(pairs: Iterable[tuple[dict, dict | BaseException | None]], knowledge=None) -> Report:
    """Score ``(gold, predicted)`` pairs; ``knowledge`` (optional) supplies publisher aliases."""
    aliases = publisher_aliases(knowledge) if knowledge is not None else {}
    report = Report()
    for gold, predicted in pairs:
        report.add(score_document(gold, predicted, aliases))
    return report


def load_gold(directory: Path) -> list[dict]:
    """Every gold file in ``directory``, sorted by file name."""
    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(Path(directory).glob("*.json"))
    ]


def run_pipeline(
    gold_dir: Path, documents_dir: Path, knowledge=None, process: Callable | None = None
) -> list[tuple[dict, dict | BaseException]]:
    """Run the pipeline on every document that has a gold file; failures become exceptions."""
    if process is None:
        from articles.pipeline import process  # the pipeline is plain Python too

    pairs: list[tuple[dict, dict | BaseException]] = []
    for gold in load_gold(gold_dir):
        path = Path(documents_dir) / gold["source"]
        try:
            result = process(gold["source"], path.read_bytes(), knowledge)
            predicted: dict | BaseException = result.to_json()
        except Exception as error:  # any failure is scored as all misses
            predicted = error
        pairs.append((gold, predicted))
    return pairs
