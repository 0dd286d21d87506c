"""Error catalogue.

Every error veille reports carries a stable code so messages are greppable and testable:
``[E012] cannot decode 'x.txt' ...``. Library code raises :class:`VeilleError` subclasses;
the CLI and the web app turn them into exit codes or HTTP responses at the edge.
"""

from __future__ import annotations

from enum import StrEnum


class E(StrEnum):
    """Error codes with their message templates."""

    E001 = "cannot read {item}: {cause}"
    E002 = "{item} is empty"
    E003 = "{item} looks binary ({cause}), not text"
    E004 = "cannot decode {item} as UTF-8, UTF-16 or a Latin-1/Windows-1252 text"
    E005 = "{item} is too large ({size:.1f} MB > {limit:.1f} MB limit); raise it with --max-mb"
    E006 = "{item}: no article text found in the HTML"
    E007 = "{item}: invalid JSON ({cause})"
    E008 = "{item}: record has neither 'text' nor 'html'"
    E009 = "{item}: CSV has no 'text' or 'html' column (columns: {columns})"
    E010 = "{item}: unsupported input type {suffix!r} (expected .txt, .html, .htm, .json, .jsonl, .csv)"
    E011 = "{item}: no text left after cleaning"
    E012 = "{item}: field {field!r} must be {expected}, got {got}"
    E020 = "knowledge file {file}: {cause}"
    E030 = "database {path}: {cause}"
    E031 = "database {path} has schema version {found}, newer than this veille ({known})"
    E040 = "no article with id {id!r}"
    E050 = "gold file {file}: {cause}"
    E060 = "no spaCy model for language {language!r}: install {model} (pip install {model})"
    E061 = "no actor matches {name!r}"
    E062 = "{item}: {cause}; stored without actors and quotes"
    E070 = "bad parameter {name}={value!r}: expected {expected}"

    def format(self, **kwargs: object) -> str:
        return f"[{self.name}] " + self.value.format(**kwargs)


class VeilleError(Exception):
    """Base class of every error veille raises on purpose."""

    def __init__(self, code: E, **kwargs: object) -> None:
        self.code = code
        self.params = kwargs
        super().__init__(code.format(**kwargs))


class InputError(VeilleError):
    """An input item (file, record, line) cannot be turned into an article."""


class StoreError(VeilleError):
    """The store cannot be opened, migrated or queried."""


class DataFileError(VeilleError):
    """A knowledge or pattern file is invalid."""


class NotFound(VeilleError):
    """A requested object does not exist."""


class QueryError(VeilleError):
    """A read was asked with a parameter it cannot use (a bad date, an unknown bucket)."""
