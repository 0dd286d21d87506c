"""Cleaning: raw document -> clean article (title, body, headings, captions, removed lines)."""

from .article import clean
from .rules import Rules, load_rules

__all__ = ["Rules", "clean", "load_rules"]
