import json
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.evaluation import evaluate, run_pipeline
from articles.pipeline.knowledge import default_knowledge

SEEDS = ("fixtures/sources", "fixtures/gold")
CORPUS = ("tests/corpus", "tests/corpus/gold")


class Command(BaseCommand):
    help = (
        "Score the pipeline against the hand-written gold annotations (see articles/evaluation.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gold", help="Folder of gold JSON files (with --documents).")
        parser.add_argument("--documents", help="Folder of the documents the gold files name.")
        parser.add_argument("--corpus", action="store_true", help="Use tests/corpus/ instead.")
        parser.add_argument("--all", action="store_true", help="Seeds and the test corpus.")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, gold, documents, corpus, all, format, **options):
        knowledge = default_knowledge()
        pairs = []
        started = time.perf_counter()
        for documents_dir, gold_dir in self._folders(gold, documents, corpus, all):
            pairs += run_pipeline(gold_dir, documents_dir, knowledge)
        elapsed = time.perf_counter() - started
        if not pairs:
            raise CommandError("no gold files found")
        report = evaluate(pairs, knowledge)
        if format == "json":
            self.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(report.table(verbosity=options["verbosity"]))
        self.stdout.write(f"\n{len(pairs)} documents in {elapsed * 1000:.0f} ms")

    def _folders(self, gold, documents, corpus, all) -> list[tuple[Path, Path]]:
        base = Path(settings.BASE_DIR)
        if gold or documents:
            if not (gold and documents):
                raise CommandError("--gold and --documents go together")
            folders = [(Path(documents), Path(gold))]
        elif all:
            folders = [(base / SEEDS[0], base / SEEDS[1]), (base / CORPUS[0], base / CORPUS[1])]
        elif corpus:
            folders = [(base / CORPUS[0], base / CORPUS[1])]
        else:
            folders = [(base / SEEDS[0], base / SEEDS[1])]
        for documents_dir, gold_dir in folders:
            if not gold_dir.is_dir() or not documents_dir.is_dir():
                raise CommandError(f"{gold_dir} or {documents_dir}: no such folder")
        return folders
