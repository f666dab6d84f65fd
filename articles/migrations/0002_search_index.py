"""The full-text search index (articles/search.py): FTS5 tables and triggers on SQLite, GIN
expression indexes on PostgreSQL. Other databases search without an index."""

from django.db import migrations


def install(apps, schema_editor):
    from articles import search

    search.install(schema_editor.connection, schema_editor)


def uninstall(apps, schema_editor):
    from articles import search

    search.uninstall(schema_editor.connection, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("entities", "0001_initial"),
    ]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
