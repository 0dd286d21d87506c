"""French verb forms, shared by the quotes and events stages (their dictionaries list infinitives)."""

from __future__ import annotations


def verb_forms(verb: str) -> set[str]:
    """Inflected forms of a regular -er or -ir verb (déclarer -> déclare, déclaré …;
    avertir -> averti, avertit …); irregular forms are listed in the data file."""
    if verb.endswith("ir"):
        stem = verb[:-2]
        return {verb} | {
            stem + e
            for e in ("i", "is", "it", "ie", "ies", "issent", "issait", "issaient", "issant", "ira", "iront", "irait",
                      "issons", "issez", "irons", "irez")
        }
    if not verb.endswith("er"):
        return {verb}
    stem = verb[:-2]
    endings = ["er", "e", "es", "ent", "é", "ée", "és", "ées", "ait", "aient", "ant", "era", "eront", "erait", "a",
               "ez", "erons", "erez", "erai", "erions", "eraient", "ions", "iez"]
    out = {stem + e for e in endings}
    if stem.endswith("g"):  # juger -> jugeait, jugeant, jugeons
        out |= {stem + "eait", stem + "eant", stem + "ea", stem + "eons"}
    elif stem.endswith("c"):  # lancer -> lançons
        out |= {stem[:-1] + "çons", stem[:-1] + "çait", stem[:-1] + "çant", stem[:-1] + "ça"}
    else:  # "nous condamnons"
        out.add(stem + "ons")
    return out
