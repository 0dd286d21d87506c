"""Knowledge-base files: loading and validation (docs/kb.md)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data import data_path, load_yaml
from ..errors import DataFileError, E

TYPES = frozenset({"country", "organisation", "person", "place", "media"})
ROLES = frozenset(
    {
        "head_of_state", "head_of_government", "vice_president", "foreign_minister", "defence_minister",
        "security_council_secretary", "national_security_adviser", "cmc_vice_chairman", "presidential_aide",
        "spokesperson", "chief_of_staff", "secretary_general", "commission_president", "council_president",
        "high_representative", "chairperson", "chief_of_general_staff",
    }
)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True, slots=True)
class Role:
    role: str
    of: str
    start: dt.date | None
    end: dt.date | None  # exclusive of nothing: the last day in office, None while in office

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    qid: str | None = None
    names: dict[str, list[str]] = field(default_factory=dict)
    adjectives: dict[str, list[str]] = field(default_factory=dict)
    metonym_of: str | None = None
    located_in: str | None = None
    nationality: str | None = None
    roles: list[Role] = field(default_factory=list)
    origin: str = ""  # file the entity came from

    def all_names(self, languages: Iterable[str] | None = None) -> list[str]:
        langs = list(languages) if languages else list(self.names)
        out = [self.name]
        for lang in langs:
            out += self.names.get(lang, [])
        return list(dict.fromkeys(out))


def _date(value: Any, *, end: bool) -> dt.date | None:
    """YAML dates, or 'YYYY' / 'YYYY-MM' strings (an end date takes the last day)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int):
        value = str(value)
    m = _DATE.match(str(value)) if isinstance(value, str) else None
    if not m:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if day:
        return dt.date(year, int(month), int(day))
    if month:
        if not end:
            return dt.date(year, int(month), 1)
        nxt = dt.date(year + (int(month) == 12), int(month) % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)


def _fail(path: Path, entry: str, field_name: str, cause: str) -> DataFileError:
    return DataFileError(E.E020, file=path, cause=f"entry {entry}: field {field_name!r}: {cause}")


def _names(path: Path, entry: str, key: str, value: Any) -> dict[str, list[str]]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) for x in v) for k, v in value.items()
    ):
        raise _fail(path, entry, key, "must map language codes to lists of strings")
    return {k: [x.strip() for x in v if x.strip()] for k, v in value.items()}


def parse_entity(raw: Any, path: Path, index: int) -> Entity:
    """One validated entity; errors name the file, the entry and the field."""
    entry = f"#{index}"
    if not isinstance(raw, dict):
        raise _fail(path, entry, "entity", "must be a mapping")
    eid = raw.get("id")
    if not isinstance(eid, str) or not eid.strip():
        raise _fail(path, entry, "id", "missing or not a string")
    entry = f"#{index} ({eid})"
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(path, entry, "name", "missing or not a string")
    etype = raw.get("type")
    if etype not in TYPES:
        raise _fail(path, entry, "type", f"{etype!r} is not one of {sorted(TYPES)}")
    qid = raw.get("qid")
    if qid is not None and not (isinstance(qid, str) and re.fullmatch(r"Q\d+", qid)):
        raise _fail(path, entry, "qid", f"{qid!r} is not a Wikidata id (Q followed by digits)")
    roles = []
    for j, r in enumerate(raw.get("roles") or []):
        where = f"roles[{j}]"
        if not isinstance(r, dict) or r.get("role") not in ROLES:
            raise _fail(path, entry, where, f"role must be one of {sorted(ROLES)}")
        if not isinstance(r.get("of"), str):
            raise _fail(path, entry, f"{where}.of", "missing or not an id")
        try:
            start, end = _date(r.get("start"), end=False), _date(r.get("end"), end=True)
        except ValueError as exc:
            raise _fail(path, entry, where, str(exc)) from exc
        if start and end and end < start:
            raise _fail(path, entry, where, f"ends ({end}) before it starts ({start})")
        roles.append(Role(r["role"], r["of"], start, end))
    for key in ("metonym_of", "in", "nationality"):
        if raw.get(key) is not None and not isinstance(raw.get(key), str):
            raise _fail(path, entry, key, "must be an id")
    return Entity(
        id=eid.strip(),
        name=name.strip(),
        type=etype,
        qid=qid,
        names=_names(path, entry, "names", raw.get("names")),
        adjectives=_names(path, entry, "adjectives", raw.get("adjectives")),
        metonym_of=raw.get("metonym_of"),
        located_in=raw.get("in"),
        nationality=raw.get("nationality"),
        roles=roles,
        origin=path.name,
    )


def read_kb_file(path: Path) -> list[Entity]:
    doc = load_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("entities"), list):
        raise DataFileError(E.E020, file=path, cause="top level must be a mapping with an 'entities' list")
    return [parse_entity(raw, path, i) for i, raw in enumerate(doc["entities"])]


def default_kb_files() -> list[Path]:
    return sorted(data_path("kb").glob("*.yaml"))


def read_entities(extra: Iterable[str | Path] = ()) -> list[Entity]:
    """Every entity of the shipped files plus ``extra`` files. A later file may redefine
    an id (a user's file overrides the shipped entry); references must resolve."""
    by_id: dict[str, Entity] = {}
    for path in [*default_kb_files(), *(Path(p) for p in extra)]:
        for ent in read_kb_file(path):
            by_id[ent.id] = ent
    for ent in by_id.values():
        refs = [("metonym_of", ent.metonym_of), ("in", ent.located_in), ("nationality", ent.nationality)]
        refs += [(f"roles.of ({r.role})", r.of) for r in ent.roles]
        for key, ref in refs:
            if ref is not None and ref not in by_id:
                raise DataFileError(E.E020, file=ent.origin, cause=f"entry {ent.id}: field {key!r}: unknown id {ref!r}")
    return list(by_id.values())
