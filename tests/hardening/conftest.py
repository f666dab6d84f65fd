"""Shared pieces of the hardening tests: the seed data loaded once per module, and the tally
of what was thrown at the site, printed at the end of the run."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction

from .databases import ScratchDatabases

TALLY: Counter = Counter()


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    """Fresh migrated databases for subprocesses, cloned from one template migrated once."""
    scratch = ScratchDatabases(tmp_path_factory.mktemp("databases"))
    yield scratch
    scratch.drop()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The committed seed fixture, loaded once for a whole module of read-only tests and rolled
    back afterwards, so hundreds of generated requests don't each pay for ``loaddata``."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddata", "natoip", verbosity=0)
        yield
        transaction.set_rollback(True)


def pytest_terminal_summary(terminalreporter):
    if TALLY:
        terminalreporter.section("hardening")
        for name, count in sorted(TALLY.items()):
            terminalreporter.write_line(f"{name}: {count:,}")
