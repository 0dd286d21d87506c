"""The JSONL export contract: every record validates against the JSON Schema in the repo."""

import json
from pathlib import Path

import jsonschema
import pytest

from veille import Store, ingest
from veille.export import FIELDS, records, schema_path, write_csv, write_jsonl

from .conftest import CORPUS


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("db") / "v.db")
    report = ingest([CORPUS], store=store)
    assert report.failed == 0
    yield store
    store.close()


def test_every_record_matches_the_schema(corpus_store, tmp_path):
    schema = json.loads(Path(schema_path()).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    out = tmp_path / "out.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        n = write_jsonl(records(corpus_store), fh)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == len(lines) == corpus_store.count() >= 20
    validator = jsonschema.Draft202012Validator(schema)
    for line in lines:
        rec = json.loads(line)
        validator.validate(rec)
        assert list(rec) == list(FIELDS)


def test_schema_lists_every_exported_field():
    schema = json.loads(Path(schema_path()).read_text(encoding="utf-8"))
    assert set(FIELDS) <= set(schema["properties"])


def test_heading_offsets_point_into_text(corpus_store):
    for rec in records(corpus_store):
        for h in rec["headings"]:
            assert 0 <= h["start"] <= len(rec["text"])
            assert h["start"] == 0 or rec["text"][h["start"] - 2 : h["start"]] == "\n\n"


def test_csv_export_has_one_row_per_article(corpus_store, tmp_path):
    import csv

    out = tmp_path / "out.csv"
    with open(out, "w", encoding="utf-8", newline="") as fh:
        n = write_csv(records(corpus_store), fh)
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert n == len(rows) == corpus_store.count()
    assert all(r["title"] and r["text"] for r in rows)
