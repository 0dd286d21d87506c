"""The actor knowledge base: entities with names, adjectives, metonyms and dated roles.

Shipped as YAML in ``veille/data/kb`` (docs/kb.md); users add files with ``--kb``.
``load_kb()`` builds the lookup indexes once per process.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from .loader import ROLES, TYPES, Entity, Role, read_entities
from .names import name_key, translit_key

__all__ = ["ROLES", "TYPES", "Entity", "KnowledgeBase", "Match", "Role", "load_kb", "name_key", "translit_key"]

FUZZY_CUTOFF = 88.0


@dataclass(frozen=True, slots=True)
class Match:
    id: str
    confidence: float
    method: str  # alias | translit | fuzzy


class KnowledgeBase:
    """Indexes over the entities for name lookup, fuzzy matching and role resolution."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities: dict[str, Entity] = {e.id: e for e in entities}
        self.by_name: dict[str, list[str]] = defaultdict(list)
        self.by_translit: dict[str, list[str]] = defaultdict(list)
        self.adjectives: dict[str, str] = {}
        self.holders: dict[tuple[str, str], list[tuple[Role, str]]] = defaultdict(list)
        for ent in self.entities.values():
            for name in ent.all_names():
                for index, key in ((self.by_name, name_key(name)), (self.by_translit, translit_key(name))):
                    if key and ent.id not in index[key]:
                        index[key].append(ent.id)
            for forms in ent.adjectives.values():
                for adj in forms:
                    self.adjectives.setdefault(name_key(adj), ent.id)
            for role in ent.roles:
                self.holders[(role.role, role.of)].append((role, ent.id))
        # fuzzy matching runs on multi-letter person and organisation names only
        self._fuzzy_keys = [k for k, ids in self.by_translit.items() if len(k) >= 6 and any(
            self.entities[i].type in ("person", "organisation", "media") for i in ids)]

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def names(self, languages: Iterable[str]) -> dict[str, list[str]]:
        """Every listed name (in these languages) -> the ids it may designate."""
        out: dict[str, list[str]] = defaultdict(list)
        langs = list(languages)
        for ent in self.entities.values():
            for name in ent.all_names(langs):
                out[name].append(ent.id)
        return out

    def lookup(self, text: str) -> list[Match]:
        """Exact name (case/accent-insensitive), then transliteration-tolerant name."""
        ids = self.by_name.get(name_key(text))
        if ids:
            return [Match(i, 1.0, "alias") for i in ids]
        ids = self.by_translit.get(translit_key(text))
        if ids:
            return [Match(i, 0.9, "translit") for i in ids]
        return []

    def fuzzy(self, text: str, types: Iterable[str] = ("person", "organisation", "media")) -> Match | None:
        """The closest person/organisation name, if close enough (``FUZZY_CUTOFF``)."""
        key = translit_key(text)
        if len(key) < 6:
            return None
        found = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if not found:
            return None
        wanted = set(types)
        ids = [i for i in self.by_translit[found[0]] if self.entities[i].type in wanted]
        return Match(ids[0], round(found[1] / 100 * 0.85, 3), "fuzzy") if len(ids) == 1 else None

    def holder(self, role: str, of: str, day: dt.date) -> str | None:
        """Who held ``role`` of ``of`` on ``day`` (None when unknown or ambiguous)."""
        found = {pid for r, pid in self.holders.get((role, of), []) if r.holds_on(day)}
        return found.pop() if len(found) == 1 else None

    def adjective(self, word: str) -> str | None:
        """The country a French/English adjective designates ("russe" -> RUS)."""
        return self.adjectives.get(name_key(word))


@lru_cache(maxsize=4)
def _load(extra: tuple[str, ...]) -> KnowledgeBase:
    return KnowledgeBase(read_entities(extra))


def load_kb(extra: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The shipped knowledge base plus ``extra`` YAML files, built once per process."""
    return _load(tuple(str(p) for p in extra))
