"""Time: temporal expressions found in text, normalized to ISO values with a granularity."""

from .expressions import TimeExpr, find_times

__all__ = ["TimeExpr", "find_times"]
