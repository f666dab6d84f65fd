"""Fresh, migrated databases of the kind the suite runs on, for ``manage.py`` subprocesses.

SQLite: files copied from one migrated template. PostgreSQL: databases cloned from one migrated
template database (``CREATE DATABASE … TEMPLATE``), dropped afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
# What a backup holds: everything but rows Django rebuilds itself on migrate.
DUMP_ARGS = [
    "--natural-foreign",
    "--natural-primary",
    "-e",
    "contenttypes",
    "-e",
    "auth.permission",
    "-e",
    "sessions",
    "-e",
    "admin.logentry",
]


def manage(url: str, *args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment(url),
        capture_output=True,
        text=True,
        check=check,
        timeout=300,
        **kwargs,
    )


def environment(url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "PYTHONUNBUFFERED": "1", "DEBUG": "true"}


def dump(url: str) -> list[dict]:
    """The database's content by natural keys, in a stable order."""
    out = manage(url, "dumpdata", *DUMP_ARGS).stdout
    return sorted(json.loads(out), key=lambda obj: json.dumps(obj, sort_keys=True))


class ScratchDatabases:
    def __init__(self, folder: Path):
        self.folder = folder
        self.vendor = connection.vendor
        self.prefix = f"natoip_hardening_{uuid.uuid4().hex[:8]}"
        self.created: list[str] = []
        self.template = self._make_template()

    def new(self) -> str:
        """A URL naming a fresh database with every migration applied."""
        name = f"{self.prefix}_{len(self.created)}"
        self.created.append(name)
        if self.vendor == "sqlite":
            path = self.folder / f"{name}.sqlite3"
            shutil.copyfile(self.folder / "template.sqlite3", path)
            return f"sqlite:///{path}"
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.prefix}_template"')
        return self._url(name)

    def drop(self) -> None:
        if self.vendor == "postgresql":
            for name in [*self.created, f"{self.prefix}_template"]:
                self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _make_template(self) -> str:
        if self.vendor == "sqlite":
            url = f"sqlite:///{self.folder / 'template.sqlite3'}"
        else:
            self._admin(f'CREATE DATABASE "{self.prefix}_template"')
            url = self._url(f"{self.prefix}_template")
        manage(url, "migrate", "-v0")
        return url

    def _url(self, name: str) -> str:
        s = connection.settings_dict
        password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
        return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{name}"

    def _admin(self, sql: str) -> None:
        import psycopg

        s = connection.settings_dict
        with psycopg.connect(
            host=s["HOST"],
            port=s["PORT"] or 5432,
            user=s["USER"],
            password=s["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        ) as admin:
            admin.execute(sql)
