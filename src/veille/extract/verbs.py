"""French verb forms, shared by the quotes and events stages (their dictionaries list infinitives)."""

from __future__ import annotations


def verb_forms(verb: str) -> set[str]:
    """Inflected forms of a regular -er or -ir verb (déclarer -> déclare, déclaré …;
    avertir -> averti, avertit …); irregular forms are listed in the data file."""
    if verb.endswith("ir"):
        stem = verb[:-2]
        return {verb} | {stem + e for e in ("i", "is", "it", "ie", "issent", "issait", "issaient", "issant", "ira")}
    if not verb.endswith("er"):
        return {verb}
    stem = verb[:-2]
    endings = ["er", "e", "es", "ent", "é", "ée", "és", "ées", "ait", "aient", "ant", "era", "eront", "erait", "a"]
    out = {stem + e for e in endings}
    if stem.endswith("g"):  # juger -> jugeait, jugeant
        out |= {stem + "eait", stem + "eant", stem + "ea"}
    return out
