import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SOURCES = settings.BASE_DIR / "fixtures" / "sources"
OUTPUT = settings.BASE_DIR / "fixtures" / "natoip.json"
CURATION = settings.BASE_DIR / "fixtures" / "curation.json"


class Command(BaseCommand):
    help = (
        "Regenerate fixtures/natoip.json from fixtures/knowledge/, fixtures/sources/ and "
        "fixtures/curation.json: ingest the sources into a throwaway SQLite database, replay the "
        "curators' corrections, and dump it with natural keys."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sources", type=Path, default=SOURCES)
        parser.add_argument("--output", type=Path, default=OUTPUT)
        parser.add_argument("--curation", type=Path, default=CURATION)

    def handle(self, *args, sources, output, curation, **options):
        if not sources.is_dir():
            raise CommandError(f"{sources}: no such folder")
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            # A separate process keeps the user's database (and a test database) untouched.
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{Path(tmp) / 'build.sqlite3'}"}

            def manage(*arguments):
                done = subprocess.run(
                    [sys.executable, str(settings.BASE_DIR / "manage.py"), *arguments],
                    env=env,
                    capture_output=True,
                    text=True,
                )
                if done.returncode != 0:
                    reason = (done.stderr.strip().splitlines() or ["failed"])[-1]
                    raise CommandError(f"{arguments[0]}: {reason}")
                return done.stdout

            manage("migrate", "--no-input", "-v", "0")
            report = manage("ingest", str(sources))
            if curation.exists():  # curators' decisions, replayed over the fresh extraction
                manage("apply_curation", str(curation))
            output.parent.mkdir(parents=True, exist_ok=True)
            manage(
                "dumpdata",
                "entities",
                "articles",
                "--natural-foreign",
                "--natural-primary",
                "--indent",
                "2",
                "--output",
                str(output),
            )
        output.write_text(output.read_text(encoding="utf-8").rstrip() + "\n", encoding="utf-8")
        self.stdout.write(report.strip().splitlines()[-1] if report.strip() else "")
        self.stdout.write(
            self.style.SUCCESS(f"wrote {output} in {time.perf_counter() - started:.1f} s")
        )
