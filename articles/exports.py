"""CSV and JSON twins of the filtered lists: the same rows, with labels rather than bare ids."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse, JsonResponse

FORMATS = ("csv", "json")
# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportError(ValueError):
    """The request asked for a format we don't export."""


def requested_format(request: HttpRequest) -> str | None:
    """The ``format`` query parameter: None for the HTML page; ExportError when unknown."""
    value = request.GET.get("format")
    if value is None or value == "html":
        return None
    if value not in FORMATS:
        raise ExportError(f"Unknown format {value!r}: use {' or '.join(FORMATS)}.")
    return value


def absolute(request: HttpRequest, row: dict) -> dict:
    """Site paths in ``url`` columns made absolute, so an exported row links back."""
    return {
        key: request.build_absolute_uri(value)
        if key.endswith("url") and isinstance(value, str) and value.startswith("/")
        else value
        for key, value in row.items()
    }


def safe_cell(value) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def export(
    request: HttpRequest, rows: Iterable[dict], fmt: str, name: str, filters: dict | None = None
) -> HttpResponse:
    """The rows as a CSV download or a JSON document named ``name``."""
    rows = [absolute(request, row) for row in rows]
    if fmt == "json":
        body = {"count": len(rows), "filters": filters or {}, "results": rows}
        response = JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 1})
        response["Content-Disposition"] = f'inline; filename="{name}.json"'
        return response
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def query_filters(request: HttpRequest) -> dict:
    """The filters of the request, as they appear in the URL, for the JSON envelope."""
    return {
        key: values if len(values) > 1 else values[0]
        for key, values in request.GET.lists()
        if key not in {"format", "page"} and any(values)
    }


def error_response(message: str | dict, fmt: str | None) -> HttpResponse:
    """A 400 for an export request with bad filters, in the format asked for."""
    if fmt == "json":
        return JsonResponse({"errors": message}, status=400)
    text = message if isinstance(message, str) else json.dumps(message, ensure_ascii=False)
    return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")
