"""Full-text search over articles, quotes, people and events, ranked, with snippets.

PostgreSQL: ``to_tsvector`` expressions backed by GIN expression indexes (``install``), queried
with ``to_tsquery`` built from the query's words, ranked with ``ts_rank``, snippets from
``ts_headline``.
SQLite: one FTS5 external-content table per model, kept in step by triggers (``install``),
ranked with ``bm25`` and snippets from ``snippet()``. Neither scans the tables with LIKE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Model
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from entities.models import Event, Person

from .models import Article, Quote

# Snippet markers: private-use characters, turned into <mark> after the text is escaped.
OPEN, CLOSE = "\ue000", "\ue001"
MARKERS = re.compile(f"([{OPEN}{CLOSE}])")
WORD = re.compile(r"\w+")
MAX_TERMS = 12
MAX_QUERY_LENGTH = 200
PER_KIND = 10


@dataclass(frozen=True)
class Source:
    kind: str
    model: type[Model]
    columns: tuple[str, ...]
    weights: tuple[str, ...]  # PostgreSQL weights A-D, most telling column first
    snippet: str  # the column the snippet is cut from, matched or not

    @property
    def table(self) -> str:
        return f"search_{self.kind}"

    @property
    def content_table(self) -> str:
        return self.model._meta.db_table


SOURCES = (
    Source("article", Article, ("title", "subtitle", "body"), ("A", "B", "C"), "body"),
    Source("quote", Quote, ("text", "speaker_label", "role"), ("A", "B", "C"), "text"),
    Source("person", Person, ("name", "aliases"), ("A", "B"), "name"),
    Source("event", Event, ("name", "place"), ("A", "B"), "name"),
)
BM25_WEIGHTS = {"A": 10.0, "B": 4.0, "C": 1.0, "D": 0.5}


@dataclass
class Hit:
    kind: str
    object: Model
    snippet: SafeString


@dataclass
class Results:
    query: str
    hits: dict[str, list[Hit]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(len(hits) for hits in self.hits.values())

    @property
    def groups(self) -> list[tuple[str, list[Hit]]]:
        return [(kind, hits) for kind, hits in self.hits.items() if hits]


def terms(text: str) -> list[str]:
    """The words of a query, as the index sees words; punctuation and operators are dropped."""
    return WORD.findall(text[:MAX_QUERY_LENGTH])[:MAX_TERMS]


def search(text: str, per_kind: int = PER_KIND) -> Results:
    """The best ``per_kind`` matches of each kind for ``text`` (every word must match)."""
    results = Results(text)
    if not terms(text):
        return results
    if connection.vendor == "sqlite":
        ensure_sqlite_index()
    find = _postgres if connection.vendor == "postgresql" else _sqlite
    for source in SOURCES:
        ranked = find(source, text, per_kind)  # [(pk, raw snippet)], best first
        objects = _load(source, [pk for pk, _ in ranked])
        results.hits[source.kind] = [
            Hit(source.kind, objects[pk], marked(snippet))
            for pk, snippet in ranked
            if pk in objects
        ]
    return results


def marked(snippet: str) -> SafeString:
    """Escape a snippet and turn its markers into balanced ``<mark>`` elements."""
    html, open_ = [], False
    for part in MARKERS.split(snippet or ""):
        if part == OPEN:
            if not open_:
                html.append("<mark>")
            open_ = True
        elif part == CLOSE:
            if open_:
                html.append("</mark>")
            open_ = False
        else:
            html.append(escape(part))
    if open_:
        html.append("</mark>")
    return mark_safe("".join(html))


def _load(source: Source, pks: list[int]) -> dict[int, Model]:
    qs = source.model.objects.all()
    if source.model is Quote:
        qs = qs.select_related("speaker", "article").defer("article__body")
    elif source.model is Article:
        qs = qs.defer("body")
    elif source.model is Event:
        qs = qs.select_related("parent")
    return qs.in_bulk(pks) if pks else {}


# PostgreSQL ----------------------------------------------------------------------------------


def vector(source: Source):
    """The weighted ``to_tsvector`` of a source; its GIN index is built on this very expression."""
    from django.contrib.postgres.search import SearchVector

    combined = None
    for column, weight in zip(source.columns, source.weights, strict=True):
        part = SearchVector(column, weight=weight, config="english")
        combined = part if combined is None else combined + part
    return combined


def tsquery(text: str) -> str:
    """A ``to_tsquery`` text that cannot be a syntax error: the words ANDed, the last a prefix
    (the same semantics as ``fts_query``)."""
    words = terms(text)
    return " & ".join([*words[:-1], f"{words[-1]}:*"]) if words else ""


def _postgres(source: Source, text: str, limit: int) -> list[tuple[int, str]]:
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

    query = SearchQuery(tsquery(text), config="english", search_type="raw")
    headline = SearchHeadline(
        source.snippet,
        query,
        config="english",
        start_sel=OPEN,
        stop_sel=CLOSE,
        max_words=28,
        min_words=12,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    rows = (
        source.model.objects.annotate(document=vector(source))
        .filter(document=query)
        .annotate(rank=SearchRank(vector(source), query))
        .order_by("-rank", "pk")
        .annotate(headline=headline)
        .values_list("pk", "headline")[:limit]
    )
    return list(rows)


# SQLite --------------------------------------------------------------------------------------


def fts_query(text: str) -> str:
    """An FTS5 query that cannot be a syntax error: every word quoted, all required, the last
    one as a prefix so that a half-typed word still finds something."""
    words = terms(text)
    return " ".join(f'"{w}"' for w in words) + "*" if words else ""


def _sqlite(source: Source, text: str, limit: int) -> list[tuple[int, str]]:
    weights = ", ".join(str(BM25_WEIGHTS[w]) for w in source.weights)
    column = source.columns.index(source.snippet)
    sql = (
        f"SELECT rowid, snippet({source.table}, {column}, %s, %s, '…', 24) FROM {source.table} "
        f"WHERE {source.table} MATCH %s ORDER BY bm25({source.table}, {weights}), rowid LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [OPEN, CLOSE, fts_query(text), limit])
        return list(cursor.fetchall())


def _sqlite_statements(source: Source) -> list[str]:
    table, content = source.table, source.content_table
    columns = ", ".join(source.columns)
    new = ", ".join(f"new.{c}" for c in source.columns)
    old = ", ".join(f"old.{c}" for c in source.columns)
    delete = f"INSERT INTO {table}({table}, rowid, {columns}) VALUES ('delete', old.id, {old});"
    insert = f"INSERT INTO {table}(rowid, {columns}) VALUES (new.id, {new});"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5({columns}, content='{content}', "
        "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER IF NOT EXISTS {table}_ai AFTER INSERT ON {content} BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_ad AFTER DELETE ON {content} BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_au AFTER UPDATE ON {content} "
        f"BEGIN {delete} {insert} END",
    ]


def _sqlite_triggers(cursor) -> int:
    cursor.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search\\_%' "
        "ESCAPE '\\'"
    )
    return cursor.fetchone()[0]


def ensure_sqlite_index() -> None:
    """Reinstall and rebuild the FTS index if its triggers are gone: a migration that remakes a
    table on SQLite (copy, drop, rename) drops the triggers with the old table."""
    with connection.cursor() as cursor:
        if _sqlite_triggers(cursor) < 3 * len(SOURCES):
            install(connection)


def install(conn=connection, schema_editor=None) -> None:
    """Create the search index (idempotent): FTS5 tables and triggers on SQLite, then a full
    rebuild; GIN expression indexes on PostgreSQL."""
    if conn.vendor == "sqlite":
        with conn.cursor() as cursor:
            for source in SOURCES:
                for statement in _sqlite_statements(source):
                    cursor.execute(statement)
                cursor.execute(f"INSERT INTO {source.table}({source.table}) VALUES ('rebuild')")
    elif conn.vendor == "postgresql" and schema_editor is not None:
        from django.contrib.postgres.indexes import GinIndex

        for source in SOURCES:
            index = GinIndex(vector(source), name=f"{source.table}_gin")
            schema_editor.add_index(source.model, index)


def uninstall(conn=connection, schema_editor=None) -> None:
    if conn.vendor == "sqlite":
        with conn.cursor() as cursor:
            for source in SOURCES:
                for suffix in ("ai", "ad", "au"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {source.table}_{suffix}")
                cursor.execute(f"DROP TABLE IF EXISTS {source.table}")
    elif conn.vendor == "postgresql" and schema_editor is not None:
        for source in SOURCES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {source.table}_gin")
