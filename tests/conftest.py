import pytest
from django.core.management import call_command


@pytest.fixture
def reference(db):
    """Countries, organisations and summits from fixtures/knowledge, as ingest loads them."""
    from articles.pipeline.knowledge import default_knowledge
    from entities.reference import sync_reference

    return sync_reference(default_knowledge())


@pytest.fixture
def seed_data(db):
    """The committed fixture: what a new user's site starts with."""
    call_command("loaddata", "natoip", verbosity=0)
