"""Shared fixtures: rules, stores, and a helper to clean a text."""

from __future__ import annotations

from pathlib import Path

import pytest

from veille import Store, clean, load_rules
from veille.model import Article, RawDocument

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT / "examples" / "corpus"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture
def store():
    s = Store(":memory:")
    yield s
    s.close()


@pytest.fixture
def clean_text(rules):
    """Clean a plain text laid out like a scraped .txt file."""

    def run(text: str, **fields) -> Article:
        doc = RawDocument(source_file="t.txt", text=text, raw=text.encode(), raw_format="txt", **fields)
        return clean(doc, article_id="0" * 16, rules=rules)

    return run
