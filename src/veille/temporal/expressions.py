"""Temporal expressions: find them in French text and normalize them to ISO values.

Absolute expressions ("le 14 mars 2024", "en février 2022", "au printemps 2024", "en
2014") are normalized on their own. Relative ones ("mardi", "lundi dernier", "la semaine
prochaine", "un jour plus tôt", "le mois dernier", "l'année prochaine", "fin février",
"mi-mars") need a reference day — the article's publication date — and are left without
a value when there is none: a value is never guessed. Day and month names, season names
and fixed shifts are data (``veille/data/lang/fr.yaml``, section ``time``).

Values: ``YYYY-MM-DD`` (day), ``YYYY-Www`` (ISO week), ``YYYY-MM`` (month),
``YYYY-SP|SU|FA|WI`` (season), ``YYYY`` (year).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..nlp import language_data

_NUM = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
        "neuf": 9, "dix": 10, "quinze": 15}


@dataclass(slots=True)
class TimeExpr:
    start: int
    end: int
    text: str
    value: str | None  # ISO value, None when the text and reference do not allow one
    granularity: str  # day | week | month | season | year
    relative: bool  # normalized against the reference day (or the date before it)


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    past: frozenset[str]
    future: frozenset[str]
    days: dict[str, int]
    pattern: re.Pattern[str]
    future_cues: frozenset[str] = frozenset()  # words that put a clause in the future


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4)
def _lexicon(lang: str) -> _Lexicon:
    data: dict[str, Any] = language_data(lang).get("time") or {}
    months = {m: i + 1 for i, m in enumerate(data.get("months", []))}
    months.update({m.replace("é", "e").replace("û", "u"): i for m, i in list(months.items())})
    weekdays = {d: i for i, d in enumerate(data.get("weekdays", []))}
    seasons = dict(data.get("seasons", {}))
    past, future = frozenset(data.get("past", [])), frozenset(data.get("future", []))
    days = {k.casefold(): int(v) for k, v in (data.get("days") or {}).items()}
    m, w, s = _alt(list(months)), _alt(list(weekdays)), _alt(list(seasons))
    adj = _alt(sorted(past | future))
    parts = _alt(data.get("month_parts", []))
    year = r"(?:19|20)\d\d"
    pattern = re.compile(
        rf"""(?ix)(?<![\w-])(?:
          (?P<wd_full>(?:{w})\s+)?(?:le\s+)?(?P<d>\d{{1,2}})(?:er)?(?:\s+(?:au|-)\s+\d{{1,2}}(?:er)?)?\s+(?P<dm>{m})(?:\s+(?P<dy>{year}))?
        | (?P<mp>{parts})[\s-]+(?P<mpm>{m})(?:\s+(?P<mpy>{year}))?
        | (?:(?:en|au\s+mois\s+de|d[eu']|depuis|jusqu'en)\s+)?(?P<m>{m})\s+(?P<my>{year})
        | (?:en|au\s+mois\s+d[e'])\s*(?P<mo>{m})(?!\s+\d)
        | (?P<madj_m>{m})\s+(?P<madj>{adj})
        | (?:dans\s+la\s+|la\s+|le\s+|l'|en\s+fin\s+d[e']\s*|en\s+début\s+d[e']\s*)
          (?P<tod>nuit|soirée|matinée|après-midi|matin\s+même|journée)(?!\s+d[eu'])
        | il\s+y\s+a\s+(?P<ago_n>\d+|{_alt(list(_NUM))})\s+(?P<ago_unit>jours?|semaines?|mois|ans?)
        | (?:l')(?P<an>an)\s+(?P<anadj>{adj})
        | (?:au\s+|à\s+l'|l'|en\s+|cet\s+|ce\s+|le\s+)(?P<s>{s})(?:\s+(?P<sy>{year})|\s+(?P<sadj>{adj}))?
        | (?P<s2>{s})\s+(?P<sy2>{year})
        | (?P<wd>{w})(?:\s+(?P<wdadj>{adj}))?(?:\s+(?:matin|soir|après-midi))?
        | (?P<shift>{_alt(list(days))})
        | (?P<n>\d+|{_alt(list(_NUM))})\s+(?P<unit>jours?|semaines?|mois|ans?)\s+plus\s+(?P<dir>tôt|tard)
        | (?:la\s+|cette\s+)(?P<week>semaine)(?:\s+(?P<wkadj>{adj}))?
        | (?:le\s+|ce\s+)(?P<month>mois)(?:\s+(?P<mnadj>{adj}|-ci))?
        | (?:l'|cette\s+)(?P<yearword>année)(?:\s+(?P<yradj>{adj}))?
        | (?:en|depuis|d'ici|jusqu'en|avant|après|l'an|de|dès)\s+(?P<y>{year})(?![\d]|[,.]\d)
        )(?![\w-])"""
    )
    cues = frozenset(w.casefold() for w in data.get("future_cues", []))
    return _Lexicon(months, weekdays, seasons, past, future, days, pattern, cues)


def _day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:  # "le 31 février"
        return None


def _nearest_year(month: int, day: int, ref: dt.date, ahead: bool = False) -> int:
    """The year of a day-month said without one: news speak of the recent past, or of the
    coming weeks ("la visite prévue le 5 décembre"): the latest such date up to 45 days
    after the reference; when the clause speaks of the future ("doivent se retrouver début
    juillet", "se tiendra en mars"), the first such date from a week before the reference."""
    if ahead:
        for y in (ref.year, ref.year + 1):
            d = _day(y, month, min(day, 28))
            if d is not None and d >= ref - dt.timedelta(days=7):
                return y
    horizon = ref + dt.timedelta(days=45)
    for y in (ref.year + 1, ref.year, ref.year - 1):
        d = _day(y, month, min(day, 28))
        if d is not None and d <= horizon:
            return y
    return ref.year - 1


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def find_times(text: str, *, reference: dt.date | None = None, lang: str = "fr") -> list[TimeExpr]:
    """Every temporal expression of ``text`` with its ISO value (None when it cannot be
    known). Relative day expressions chain: "un jour plus tôt" counts from the last day
    mentioned before it, else from the reference."""
    lex = _lexicon(lang)
    out: list[TimeExpr] = []
    last_day: dt.date | None = None
    for m in lex.pattern.finditer(text):
        value, gran, rel, day = _normalize(m, lex, reference, last_day, _ahead(text, m.start(), lex))
        if gran is None:
            continue
        if day is not None:
            last_day = day
        out.append(TimeExpr(m.start(), m.end(), m.group(0), value, gran, rel))
    return out


def _ahead(text: str, start: int, lex: _Lexicon) -> bool:
    """Whether the clause before an expression speaks of the future: one of the language's
    ``future_cues`` ("doivent", "se tiendra", "prévu") between the sentence start and it."""
    if not lex.future_cues:
        return False
    cut = max(text.rfind(c, 0, start) for c in ".!?\n;")
    words = re.findall(r"\w+", text[cut + 1 : start].casefold())
    return any(w in lex.future_cues for w in words[-8:])


def _normalize(
    m: re.Match[str], lex: _Lexicon, ref: dt.date | None, last: dt.date | None, ahead: bool = False
) -> tuple[str | None, str | None, bool, dt.date | None]:
    """(value, granularity, relative, the day it fixes) for one match."""
    g = m.groupdict()
    if g["d"]:
        month = lex.months[g["dm"].casefold()]
        if g["dy"]:
            day = _day(int(g["dy"]), month, int(g["d"]))
            return (day.isoformat() if day else None), "day", False, day
        if ref is None:
            return None, "day", True, None
        day = _day(_nearest_year(month, int(g["d"]), ref, ahead), month, int(g["d"]))
        return (day.isoformat() if day else None), "day", True, day
    if g["mp"]:
        month = lex.months[g["mpm"].casefold()]
        year = int(g["mpy"]) if g["mpy"] else (_nearest_year(month, 15, ref, ahead) if ref else None)
        return (f"{year}-{month:02d}" if year else None), "month", not g["mpy"], None
    if g["m"]:
        return f"{int(g['my'])}-{lex.months[g['m'].casefold()]:02d}", "month", False, None
    if g["mo"]:
        month = lex.months[g["mo"].casefold()]
        return (f"{_nearest_year(month, 15, ref, ahead)}-{month:02d}" if ref else None), "month", True, None
    if g["madj_m"]:  # "mai dernier", "mars prochain"
        if ref is None:
            return None, "month", True, None
        month, adj = lex.months[g["madj_m"].casefold()], g["madj"].casefold()
        if adj in lex.future:
            year = ref.year if month > ref.month else ref.year + 1
        else:
            year = ref.year if month < ref.month else ref.year - 1
        return f"{year}-{month:02d}", "month", True, None
    if g["tod"]:  # "dans la soirée", "le matin même": the day last spoken of
        base = last or ref
        return (base.isoformat() if base else None), "day", True, base
    if g["ago_n"]:
        if ref is None:
            return None, "day", True, None
        n = int(g["ago_n"]) if g["ago_n"].isdigit() else _NUM[g["ago_n"].casefold()]
        unit = g["ago_unit"].casefold()
        if unit.startswith("jour"):
            day = ref - dt.timedelta(days=n)
            return day.isoformat(), "day", True, day
        if unit.startswith("semaine"):
            return _week(ref - dt.timedelta(weeks=n)), "week", True, None
        if unit == "mois":
            y, mo = _shift_month(ref.year, ref.month, -n)
            return f"{y}-{mo:02d}", "month", True, None
        return str(ref.year - n), "year", True, None
    if g["an"]:
        if ref is None:
            return None, "year", True, None
        return str(ref.year + (1 if g["anadj"].casefold() in lex.future else -1)), "year", True, None
    if g["s2"]:  # "printemps 2024" ("été" alone is a past participle, so a season needs more)
        return f"{int(g['sy2'])}-{lex.seasons[g['s2'].casefold()]}", "season", False, None
    if g["s"]:
        code = lex.seasons[g["s"].casefold()]
        if g["sy"]:
            return f"{int(g['sy'])}-{code}", "season", False, None
        if ref is None:
            return None, "season", True, None
        year = ref.year - 1 if (g["sadj"] or "").casefold() in lex.past else (
            ref.year + 1 if (g["sadj"] or "").casefold() in lex.future else ref.year)
        return f"{year}-{code}", "season", True, None
    if g["wd"]:
        if ref is None:
            return None, "day", True, None
        wd = lex.weekdays[g["wd"].casefold()]
        adj = (g["wdadj"] or "").casefold()
        if adj in lex.future:
            delta = (wd - ref.weekday()) % 7 or 7
        else:  # a bare weekday in news is the last one, the day itself included
            delta = -((ref.weekday() - wd) % 7)
            if adj in lex.past and delta == 0:
                delta = -7
        day = ref + dt.timedelta(days=delta)
        return day.isoformat(), "day", True, day
    if g["shift"]:
        word = g["shift"].casefold()
        base = (last or ref) if word in ("la veille", "le lendemain") else ref  # the day before *that* day
        if base is None:
            return None, "day", True, None
        day = base + dt.timedelta(days=lex.days[g["shift"].casefold()])
        return day.isoformat(), "day", True, day
    if g["n"]:
        n = int(g["n"]) if g["n"].isdigit() else _NUM[g["n"].casefold()]
        base = last or ref
        if base is None:
            return None, "day", True, None
        sign = -1 if g["dir"].casefold() == "tôt" else 1
        unit = g["unit"].casefold()
        if unit.startswith("jour"):
            day = base + dt.timedelta(days=sign * n)
            return day.isoformat(), "day", True, day
        if unit.startswith("semaine"):
            return _week(base + dt.timedelta(weeks=sign * n)), "week", True, None
        if unit == "mois":
            y, mo = _shift_month(base.year, base.month, sign * n)
            return f"{y}-{mo:02d}", "month", True, None
        return str(base.year + sign * n), "year", True, None
    if g["week"]:
        if ref is None:
            return None, "week", True, None
        adj = (g["wkadj"] or "").casefold()
        k = -1 if adj in lex.past else (1 if adj in lex.future else 0)
        return _week(ref + dt.timedelta(weeks=k)), "week", True, None
    if g["month"]:
        if ref is None:
            return None, "month", True, None
        adj = (g["mnadj"] or "").casefold()
        k = -1 if adj in lex.past else (1 if adj in lex.future else 0)
        y, mo = _shift_month(ref.year, ref.month, k)
        return f"{y}-{mo:02d}", "month", True, None
    if g["yearword"]:
        if ref is None:
            return None, "year", True, None
        adj = (g["yradj"] or "").casefold()
        k = -1 if adj in lex.past else (1 if adj in lex.future else 0)
        return str(ref.year + k), "year", True, None
    if g["y"]:
        return g["y"], "year", False, None
    return None, None, False, None
