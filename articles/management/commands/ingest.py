import json
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, IntegrityError, OperationalError, transaction

from articles.models import Correction
from articles.pipeline import PipelineError, process
from articles.store import PersonIndex, store
from entities.curated import knowledge_with_curation
from entities.reference import sync_reference

SUFFIXES = {".txt", ".html", ".htm", ""}
# A concurrent ingest may insert the same article, person or event first: the unique constraint
# refuses ours (or PostgreSQL breaks a deadlock), and a retry in a new transaction finds theirs.
ATTEMPTS = 3


def document_paths(paths: list[str]) -> list[Path]:
    """Files named, and the documents inside folders named, in a stable order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix in SUFFIXES))
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"{raw}: no such file or folder")
    return found


class Command(BaseCommand):
    help = (
        "Parse news documents (text or HTML) and store their articles, people, events and quotes."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Documents, or folders of documents.")
        parser.add_argument("--dry-run", action="store_true", help="Parse only; touch no database.")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Re-extract documents already stored (curated values are kept).",
        )

    def handle(self, *args, paths, dry_run, format, replace, **options):
        documents = document_paths(paths)
        if dry_run:
            from articles.pipeline.knowledge import default_knowledge

            knowledge = default_knowledge()
        else:
            knowledge = knowledge_with_curation()
            _retrying(lambda: sync_reference(knowledge))
        self.index = None if dry_run else PersonIndex()
        counts = {"created": 0, "updated": 0, "skipped": 0, "failed": 0}
        for path in documents:
            try:
                data = path.read_bytes()
                if len(data) > settings.INGEST_MAX_BYTES:
                    raise PipelineError(
                        f"file is {len(data):,} bytes, "
                        f"over the {settings.INGEST_MAX_BYTES:,}-byte cap"
                    )
                result = process(path.name, data, knowledge)
            except (PipelineError, OSError) as error:
                self._failed(counts, path, _one_line(error))
                continue
            except Exception as error:  # a bug in one stage must not stop the other documents
                self._failed(counts, path, f"internal error: {_described(error)}")
                continue
            if dry_run:
                if format == "json":
                    self.stdout.write(json.dumps(result.to_json(), ensure_ascii=False))
                else:
                    self.stdout.write(
                        f"{path.name}: {result.meta.title!r} — {len(result.people)} people, "
                        f"{len(result.quotes)} quotes, {len(result.events)} events"
                    )
                continue
            try:
                outcome = _retrying(partial(self._store, result, replace), self._forget_people)
            except DatabaseError as error:
                self._failed(counts, path, f"not stored: {_described(error)}")
                continue
            counts[outcome.status] += 1
            if options["verbosity"] >= 2 or outcome.status != "skipped":
                self.stdout.write(f"{outcome.status}: {path.name} — {outcome.article.title}")
            for warning in result.warnings:
                self.stdout.write(self.style.WARNING(f"{path.name}: {warning}"))
        if not (dry_run and format == "json"):
            summary = ", ".join(f"{n} {status}" for status, n in counts.items())
            style = self.style.ERROR if counts["failed"] else self.style.SUCCESS
            self.stdout.write(style(summary))
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} of {len(documents)} documents failed")

    def _store(self, result, replace: bool):
        """One document in one transaction: all of it is stored, or none."""
        with transaction.atomic():
            outcome = store(result, index=self.index, replace=replace)
            if outcome.status != "skipped":  # curators' decisions outlive re-extraction
                Correction.objects.replay()
        return outcome

    def _forget_people(self) -> None:
        """The index may name people whose insert was just rolled back: read it afresh."""
        self.index = PersonIndex()

    def _failed(self, counts: dict, path: Path, reason: str) -> None:
        counts["failed"] += 1
        self.stderr.write(self.style.ERROR(f"{path.name}: {reason}"))


def _retrying(action, before_retry=lambda: None):
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return action()
        except (IntegrityError, OperationalError):
            if attempt == ATTEMPTS:
                raise
            before_retry()


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split()) or error.__class__.__name__


def _described(error: Exception) -> str:
    return f"{error.__class__.__name__}: {_one_line(error)}"[:300]
