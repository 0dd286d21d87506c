"""Boilerplate rules: loading and validating the pattern files shipped as data.

Rules live in ``veille/data/boilerplate/*.yaml`` (one file per language, plus
``common.yaml``); agencies and photo words in ``veille/data/agencies.yaml``. Users add
rules by passing their own YAML files in the same format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..data import data_path, load_yaml
from ..errors import DataFileError, E
from .typography import line_key

#: every reason a removed line can carry (docs/gold.md explains each)
REASONS = frozenset(
    {
        "section_label", "duplicate_title", "duplicate", "comment_prompt", "share_prompt",
        "nav_link", "related_link", "photo_credit", "image_filename", "cms_footer",
        "placeholder", "timestamp", "lone_token", "foreign_language", "wire_credit",
        "attribution", "site_furniture", "repeated_in_source",
    }
)


@dataclass(frozen=True, slots=True)
class LineRule:
    reason: str
    regex: re.Pattern[str]
    max_words: int | None
    language: str
    origin: str  # "file.yaml#rules[3]" for messages


@dataclass(frozen=True, slots=True)
class Agency:
    name: str
    names: tuple[str, ...]


@dataclass(slots=True)
class Rules:
    """Everything the cleaner knows, compiled once."""

    line_rules: list[LineRule] = field(default_factory=list)
    section_labels: set[str] = field(default_factory=set)  # line keys
    function_words: dict[str, frozenset[str]] = field(default_factory=dict)
    agencies: list[Agency] = field(default_factory=list)
    photo_words: tuple[str, ...] = ()
    agency_re: re.Pattern[str] = field(default=re.compile(r"(?!)"))
    photo_word_re: re.Pattern[str] = field(default=re.compile(r"(?!)"))
    max_words: int = 40  # no line signal applies to a longer line
    # rules anchored at the line start, in order, as one expression with a group per rule:
    # its match() finds the first of them that applies; the others are searched one by one
    anchored_rule: re.Pattern[str] | None = None
    unanchored: list[int] = field(default_factory=list)


    def compile(self) -> Rules:
        """Build the combined agency and photo-word expressions."""
        short = sorted({n for a in self.agencies for n in a.names if len(n) <= 3}, key=len, reverse=True)
        long = sorted({n for a in self.agencies for n in a.names if len(n) > 3}, key=len, reverse=True)
        parts = []
        if long:
            parts.append("(?i:" + "|".join(re.escape(n) for n in long) + ")")
        if short:
            parts.append("|".join(re.escape(n) for n in short))
        if parts:
            self.agency_re = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])")
        self.max_words = max([16, *(r.max_words or 10_000 for r in self.line_rules)])
        try:
            anchored = [(i, r) for i, r in enumerate(self.line_rules) if r.regex.pattern.startswith("^")]
            self.unanchored = [i for i, r in enumerate(self.line_rules) if not r.regex.pattern.startswith("^")]
            self.anchored_rule = re.compile(
                "|".join(f"(?P<r{i}>{r.regex.pattern})" for i, r in anchored), re.IGNORECASE
            ) if anchored else None
        except re.error:  # e.g. a user pattern with a global inline flag: check rules one by one
            self.anchored_rule = None
            self.unanchored = []
        if self.photo_words:
            words = sorted(self.photo_words, key=len, reverse=True)
            self.photo_word_re = re.compile(
                r"(?i)(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)"
            )
        return self

    def agency_name(self, text: str) -> str | None:
        """The canonical name of the agency ``text`` names, if any."""
        key = line_key(text)
        for agency in self.agencies:
            if any(line_key(n) == key for n in agency.names):
                return agency.name
        return None


def _fail(path: Path, where: str, cause: str) -> DataFileError:
    return DataFileError(E.E020, file=path, cause=f"{where}: {cause}")


def _str_list(path: Path, where: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, where, "must be a list of strings")
    return value


def _load_rule_file(path: Path, doc: Any, rules: Rules) -> None:
    if not isinstance(doc, dict):
        raise _fail(path, "top level", "must be a mapping with 'language' and 'rules'")
    lang = doc.get("language")
    if not isinstance(lang, str):
        raise _fail(path, "field 'language'", "missing or not a string")
    for label in _str_list(path, "field 'section_labels'", doc.get("section_labels", [])):
        rules.section_labels.add(line_key(label))
    words = _str_list(path, "field 'function_words'", doc.get("function_words", []))
    if words:
        rules.function_words[lang] = rules.function_words.get(lang, frozenset()) | frozenset(
            w.casefold() for w in words
        )
    entries = doc.get("rules", [])
    if not isinstance(entries, list):
        raise _fail(path, "field 'rules'", "must be a list")
    for i, entry in enumerate(entries):
        where = f"rules[{i}]"
        if not isinstance(entry, dict):
            raise _fail(path, where, "must be a mapping")
        reason = entry.get("reason")
        if reason not in REASONS:
            raise _fail(path, f"{where} field 'reason'", f"{reason!r} is not one of {sorted(REASONS)}")
        max_words = entry.get("max_words")
        if max_words is not None and (not isinstance(max_words, int) or max_words < 1):
            raise _fail(path, f"{where} field 'max_words'", "must be a positive integer")
        patterns = _str_list(path, f"{where} field 'patterns'", entry.get("patterns"))
        for j, pattern in enumerate(patterns):
            try:
                regex = re.compile(pattern, re.IGNORECASE)
            except re.error as exc:
                raise _fail(path, f"{where} field 'patterns'[{j}]", f"bad regular expression: {exc}") from exc
            rules.line_rules.append(LineRule(reason, regex, max_words, lang, f"{path.name}#{where}"))


def _load_agencies(path: Path, doc: Any, rules: Rules) -> None:
    if not isinstance(doc, dict):
        raise _fail(path, "top level", "must be a mapping with 'agencies'")
    for i, entry in enumerate(doc.get("agencies", []) or []):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise _fail(path, f"agencies[{i}] field 'name'", "missing or not a string")
        names = _str_list(path, f"agencies[{i}] field 'names'", entry.get("names", [entry["name"]]))
        rules.agencies.append(Agency(entry["name"], tuple(dict.fromkeys([entry["name"], *names]))))
    words = _str_list(path, "field 'photo_words'", doc.get("photo_words", []))
    rules.photo_words = tuple(dict.fromkeys([*rules.photo_words, *words]))


def _default_files() -> list[Path]:
    folder = data_path("boilerplate")
    files = sorted(folder.glob("*.yaml"), key=lambda p: (p.stem != "common", p.stem != "fr", p.stem))
    return files


def load_rules(extra: Iterable[str | Path] = ()) -> Rules:
    """Load the shipped rules plus ``extra`` YAML files (rule files or agency files).

    A file with an ``agencies`` key is read as an agency list, any other as a rule file.
    """
    extra = tuple(Path(p) for p in extra)
    if not extra:
        return _default_rules()
    return _build(tuple(_default_files()) + extra)


@lru_cache(maxsize=1)
def _default_rules() -> Rules:
    return _build(tuple(_default_files()))


def _build(files: Sequence[Path]) -> Rules:
    rules = Rules()
    agencies = data_path("agencies.yaml")
    _load_agencies(agencies, load_yaml(agencies), rules)
    for path in files:
        doc = load_yaml(path)
        if isinstance(doc, dict) and "agencies" in doc:
            _load_agencies(path, doc, rules)
        else:
            _load_rule_file(path, doc, rules)
    return rules.compile()
