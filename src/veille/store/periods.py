"""ISO date values of every granularity veille gives, as day ranges and chart periods.

Values: ``YYYY-MM-DD`` (day), ``YYYY-Www`` (ISO week), ``YYYY-MM`` (month),
``YYYY-SP|SU|FA|WI`` (season: March-May, June-August, September-November, December to
February of the next year) and ``YYYY`` (year). :class:`Span` cuts a window into the whole
months the store keeps monthly counts for and the days at either end.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..errors import E, QueryError

BUCKETS = ("day", "week", "month")
_SEASONS = {"SP": ("03-01", "05-31"), "SU": ("06-01", "08-31"), "FA": ("09-01", "11-30")}
_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4}


def parse_date(value: str) -> tuple[dt.date, dt.date, str] | None:
    """First day, last day and granularity of an ISO date value, or None if it is not one."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = dt.date.fromisoformat(value)
            return day, day, "day"
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            first = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return first, first + dt.timedelta(days=6), "week"
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            first = dt.date(int(m[1]), int(m[2]), 1)
            nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1), "month"
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
            year = int(m[1])
            if m[2] == "WI":
                return dt.date(year, 12, 1), dt.date(year + 1, 3, 1) - dt.timedelta(days=1), "season"
            a, b = _SEASONS[m[2]]
            return dt.date.fromisoformat(f"{year}-{a}"), dt.date.fromisoformat(f"{year}-{b}"), "season"
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31), "year"
    except ValueError:
        return None
    return None


def date_range(value: str, *, name: str = "date") -> tuple[str, str]:
    """The first and last day (ISO) of ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-Www``;
    :class:`QueryError` for anything else (``name`` is the parameter named in the message)."""
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None or parsed[2] == "season":
        raise QueryError(E.E070, name=name, value=value, expected="YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www")
    return parsed[0].isoformat(), parsed[1].isoformat()


def period_of(date: str | None, bucket: str) -> tuple[str | None, str | None]:
    """The ``bucket`` period holding an event date, and the date's own granularity.

    A date finer than or as fine as the bucket gets its period (a week goes to the month
    holding its Thursday, as ISO weeks go to the year holding theirs); a coarser date
    (a month in a week bucket, a season or year in any) gets ``None``: it is reported
    apart, at its own granularity. ``(None, None)`` for an undated event."""
    parsed = parse_date(date) if date else None
    if parsed is None:
        return None, None
    first, _, gran = parsed
    if _RANK[gran] > _RANK[bucket]:
        return None, gran
    if gran == "week":
        first = first + dt.timedelta(days=3)
    if bucket == "day":
        return first.isoformat(), gran
    if bucket == "week":
        year, week, _ = first.isocalendar()
        return f"{year}-W{week:02d}", gran
    return first.isoformat()[:7], gran


def fill_periods(first: str, last: str, bucket: str) -> list[str]:
    """Every ``bucket`` period from period ``first`` to period ``last``, gaps filled (for charts)."""
    start, end = parse_date(first), parse_date(last)
    if start is None or end is None:
        return []
    out, day, stop = [], start[0], end[0]
    while day <= stop:
        if bucket == "day":
            out.append(day.isoformat())
            day += dt.timedelta(days=1)
        elif bucket == "week":
            out.append(_week(day))
            day += dt.timedelta(days=7)
        else:
            out.append(day.isoformat()[:7])
            day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def next_day(day: str) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def _month_end(month: str) -> str:
    return (dt.date.fromisoformat(_next_month(month) + "-01") - dt.timedelta(days=1)).isoformat()


def _next_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year + mon // 12:04d}-{mon % 12 + 1:02d}"


@dataclass
class Span:
    """A date window cut into whole months, read from the monthly tables, and the days at
    either end, counted live. ``first``/``last``: the window's days (None: unbounded);
    ``m1``/``m2``: its first and last whole month (None: unbounded); ``whole``: whether it
    holds any whole month."""

    first: str | None
    last: str | None

    def __post_init__(self) -> None:
        f, la = self.first, self.last
        self.m1 = None if f is None else f[:7] if f.endswith("-01") else next_day(_month_end(f[:7]))[:7]
        self.m2 = None if la is None else la[:7] if la == _month_end(la[:7]) else _prev_month(la[:7])
        self.whole = not (self.m1 and self.m2 and self.m1 > self.m2)

    def event_parts(self, prefix: str = "t.") -> list[tuple[str, list[str], list[Any]]]:
        """``("months", conds, args)`` on first_month/last_month and ``("days", conds, args)``
        on day_first/day_last, together the events whose whole date lies in the window (every
        event, undated ones included, when the window is unbounded)."""
        f, la = self.first, self.last
        if not self.whole or (f is None and la is None):
            conds, args = _window_days(f, la, prefix)
            return [("days", conds, args)]
        parts: list[tuple[str, list[str], list[Any]]] = []
        conds, args = [], []
        if self.m1:
            conds.append("first_month >= ?")
            args.append(self.m1)
        if self.m2:
            conds.append("last_month <= ?")
            args.append(self.m2)
        parts.append(("months", conds, args))
        m1_start = f"{self.m1}-01" if self.m1 else None
        m2_end = _month_end(self.m2) if self.m2 else None
        if f and m1_start and f < m1_start:
            c = [f"{prefix}day_first >= ?", f"{prefix}day_first < ?"]
            a: list[Any] = [f, m1_start]
            if la:
                c.append(f"{prefix}day_last <= ?")
                a.append(la)
            parts.append(("days", c, a))
        if la and m2_end and la > m2_end:
            c = [f"{prefix}day_last > ?", f"{prefix}day_last <= ?"]
            a = [m2_end, la]
            if m1_start:
                c.append(f"{prefix}day_first >= ?")
                a.append(m1_start)
            parts.append(("days", c, a))
        return parts

    def article_parts(self) -> list[tuple[str, list[str], list[Any]]]:
        """``("months", conds, args)`` on month and ``("days", conds, args)`` on published,
        together the articles published in the window."""
        f, la = self.first, self.last
        if not self.whole:
            return [("days", ["published >= ?", "published < ?"], [f or "", next_day(la) if la else "\uffff"])]
        conds, args = ["month != ''"], []
        if self.m1:
            conds.append("month >= ?")
            args.append(self.m1)
        if self.m2:
            conds.append("month <= ?")
            args.append(self.m2)
        parts: list[tuple[str, list[str], list[Any]]] = [("months", conds, args)]
        if f and self.m1 and f < f"{self.m1}-01":
            parts.append(("days", ["published >= ?", "published < ?"], [f, f"{self.m1}-01"]))
        if la and self.m2 and la > _month_end(self.m2):
            parts.append(("days", ["published >= ?", "published < ?"], [next_day(_month_end(self.m2)), next_day(la)]))
        return parts


def _prev_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year - (mon == 1):04d}-{(mon - 2) % 12 + 1:02d}"


def _window_days(first: str | None, last: str | None, prefix: str) -> tuple[list[str], list[Any]]:
    conds, args = [], []
    if first:
        conds.append(f"{prefix}day_first >= ?")
        args.append(first)
    if last:
        conds.append(f"{prefix}day_last <= ?")
        args.append(last)
    return conds, args
