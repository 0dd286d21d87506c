"""Readers: files, folders and standard input -> raw documents.

Each reader yields :class:`~veille.model.RawDocument` objects, or the
:class:`~veille.errors.InputError` that stopped one item, so that one bad item never
stops the rest of a run.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import E, InputError
from ..model import RawDocument
from .decode import decode
from .html import extract_html

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html",
                 ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv"}
DEFAULT_MAX_MB = 10.0
RECORD_FIELDS = ("id", "url", "title", "published", "source", "language", "text", "html")

Item = RawDocument | InputError


def iter_paths(paths: Iterable[str | Path]) -> Iterator[tuple[str, Path | None] | InputError]:
    """Expand files and folders (recursively, sorted, hidden files skipped) into input items.

    Yields ``(name, path)``; ``("-", None)`` stands for standard input. A path that does not
    exist or cannot be listed yields an InputError.
    """
    for p in paths:
        if str(p) == "-":
            yield "-", None
            continue
        path = Path(p)
        if path.is_dir():
            try:
                found = sorted(
                    f for f in path.rglob("*")
                    if f.suffix.lower() in TEXT_SUFFIXES
                    and not any(part.startswith(".") for part in f.relative_to(path).parts)
                )
            except OSError as exc:
                yield InputError(E.E001, item=str(path), cause=_cause(exc))
                continue
            for f in found:
                yield str(f), f
        elif path.exists():
            yield str(path), path
        else:
            yield InputError(E.E001, item=str(path), cause="no such file or directory")


def _cause(exc: OSError) -> str:
    text = exc.strerror or str(exc)
    return text[:1].lower() + text[1:]


def sniff(data: bytes) -> str:
    """Guess the format of data with no file name: html, jsonl, json or txt."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<article")):
        return "html"
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        first = data.lstrip().split(b"\n", 1)[0]
        try:
            json.loads(first)
            return "jsonl"
        except ValueError:
            return "json"
    return "txt"


def read_items(
    paths: Iterable[str | Path], *, max_mb: float = DEFAULT_MAX_MB, stdin: io.BufferedIOBase | None = None
) -> Iterator[Item]:
    """Every raw document (or error) found under ``paths``."""
    for entry in iter_paths(paths):
        if isinstance(entry, InputError):
            yield entry
            continue
        name, path = entry
        if path is None:
            stream = stdin or sys.stdin.buffer
            data = stream.read()
            yield from read_bytes(data, "<stdin>", sniff(data), max_mb=max_mb)
            continue
        fmt = TEXT_SUFFIXES.get(path.suffix.lower())
        try:
            size = path.stat().st_size
            if fmt in ("txt", "html", None) and size > max_mb * 1e6:
                yield InputError(E.E005, item=name, size=size / 1e6, limit=max_mb)
                continue
            if fmt == "jsonl":
                yield from read_jsonl_file(path, name)
                continue
            data = path.read_bytes()
        except OSError as exc:
            yield InputError(E.E001, item=name, cause=_cause(exc))
            continue
        yield from read_bytes(data, name, fmt or sniff(data), max_mb=max_mb)


def read_bytes(data: bytes, name: str, fmt: str, *, max_mb: float = DEFAULT_MAX_MB) -> Iterator[Item]:
    """Raw documents from the bytes of one input of format ``fmt``."""
    if fmt in ("txt", "html") and len(data) > max_mb * 1e6:
        yield InputError(E.E005, item=name, size=len(data) / 1e6, limit=max_mb)
        return
    try:
        text, encoding = decode(data, name)
    except InputError as exc:
        yield exc
        return
    if fmt == "txt":
        yield RawDocument(source_file=name, text=text, raw=data, raw_format="txt", encoding=encoding)
    elif fmt == "html":
        try:
            yield html_document(text, name, raw=data)
        except InputError as exc:
            yield exc
    elif fmt == "jsonl":
        yield from _jsonl_lines(io.StringIO(text), name)
    elif fmt == "json":
        yield from _json_document(text, name)
    elif fmt == "csv":
        yield from _csv_document(text, name)
    else:  # pragma: no cover - guarded by TEXT_SUFFIXES
        yield InputError(E.E010, item=name, suffix=fmt)


def html_document(html: str, name: str, *, raw: bytes, record: str | None = None,
                  fields: dict[str, Any] | None = None) -> RawDocument:
    fields = fields or {}
    extracted = extract_html(html, url=fields.get("url"))
    if extracted is None:
        raise InputError(E.E006, item=f"{name} ({record})" if record else name)
    return RawDocument(
        source_file=name,
        record=record,
        text=extracted.text,
        hints=extracted.hints,
        raw=raw,
        raw_format="html" if record is None else "record",
        url=fields.get("url") or extracted.url,
        title=fields.get("title") or extracted.title,
        published=fields.get("published") or extracted.published,
        source=fields.get("source") or extracted.source,
        language=fields.get("language"),
        external_id=fields.get("id"),
    )


def read_jsonl_file(path: Path, name: str) -> Iterator[Item]:
    """Stream a JSON Lines file record by record (large files are never read whole)."""
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError:
                yield InputError(E.E007, item=f"{name} (line {n})", cause="not UTF-8")
                continue
            yield _record_from_json(line, name, f"line {n}", raw)


def _jsonl_lines(stream: io.StringIO, name: str) -> Iterator[Item]:
    for n, line in enumerate(stream, start=1):
        if line.strip():
            yield _record_from_json(line, name, f"line {n}", line.encode("utf-8"))


def _record_from_json(line: str, name: str, where: str, raw: bytes) -> Item:
    try:
        obj = json.loads(line.strip())
    except ValueError as exc:
        return InputError(E.E007, item=f"{name} ({where})", cause=str(exc))
    return record_document(obj, name, where, raw)


def _json_document(text: str, name: str) -> Iterator[Item]:
    try:
        obj = json.loads(text)
    except ValueError as exc:
        yield InputError(E.E007, item=name, cause=str(exc))
        return
    if isinstance(obj, dict) and isinstance(obj.get("articles"), list):
        obj = obj["articles"]
    records = obj if isinstance(obj, list) else [obj]
    for n, rec in enumerate(records, start=1):
        where = f"record {n}"
        yield record_document(rec, name, where, json.dumps(rec, ensure_ascii=False).encode("utf-8"))


def _csv_document(text: str, name: str) -> Iterator[Item]:
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [c.strip().lower() for c in (reader.fieldnames or []) if c]
    if "text" not in columns and "html" not in columns:
        yield InputError(E.E009, item=name, columns=", ".join(columns) or "none")
        return
    for n, row in enumerate(reader, start=2):
        rec = {(k or "").strip().lower(): v for k, v in row.items() if k}
        raw = json.dumps(row, ensure_ascii=False).encode("utf-8")
        yield record_document(rec, name, f"row {n}", raw)


def record_document(rec: Any, name: str, where: str, raw: bytes) -> Item:
    """A raw document from one record (JSON object or CSV row)."""
    item = f"{name} ({where})"
    if not isinstance(rec, dict):
        return InputError(E.E012, item=item, field="record", expected="an object", got=type(rec).__name__)
    fields: dict[str, Any] = {}
    for key in RECORD_FIELDS:
        value = rec.get(key)
        if value is None or value == "":
            continue
        if key == "id" and isinstance(value, int | float):
            value = str(value)
        if not isinstance(value, str):
            return InputError(E.E012, item=item, field=key, expected="a string", got=type(value).__name__)
        fields[key] = value.strip() if key != "text" and key != "html" else value
    record = fields.get("id") or where
    if "text" in fields:
        return RawDocument(
            source_file=name,
            record=record,
            text=fields["text"],
            raw=raw,
            raw_format="record",
            url=fields.get("url"),
            title=fields.get("title"),
            published=fields.get("published"),
            source=fields.get("source"),
            language=fields.get("language"),
            external_id=fields.get("id"),
        )
    if "html" in fields:
        try:
            return html_document(fields["html"], name, raw=raw, record=record, fields=fields)
        except InputError as exc:
            return exc
    return InputError(E.E008, item=item)

