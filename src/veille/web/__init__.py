"""Server-rendered web pages (Jinja2) and vendored JavaScript, mounted on the API app."""

from __future__ import annotations

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    """Mount the pages and static files on ``app`` (placeholder until the pages land)."""
