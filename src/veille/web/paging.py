"""Pagination of the web pages: every list is read one page at a time, never unbounded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.datastructures import URL

MAX_PAGE = 10_000  # deeper pages are refused (HTTP 422) rather than scanned


@dataclass(frozen=True, slots=True)
class Page:
    """Page ``number`` (from 1) of a listing of ``total`` rows, ``size`` a page; ``rows``
    are the ones shown. ``url`` is the page's own address: the links to the previous and
    next pages keep its other parameters."""

    number: int
    size: int
    rows: list[Any]
    total: int
    url: URL
    param: str = "page"

    @staticmethod
    def offset_of(number: int, size: int) -> int:
        return (number - 1) * size

    @classmethod
    def of(cls, listing: dict[str, Any], *, number: int, size: int, url: URL) -> Page:
        """From a paged read of the store (``{"total", "items", ...}``)."""
        return cls(number, size, list(listing["items"]), int(listing["total"]), url)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def first_index(self) -> int:
        """1-based index of the first row shown, for ``<ol start=…>``."""
        return (self.number - 1) * self.size + 1

    def _link(self, number: int) -> str:
        url = self.url.remove_query_params(self.param)
        if number > 1:
            url = url.include_query_params(**{self.param: number})
        return url.path + (f"?{url.query}" if url.query else "")

    @property
    def prev_url(self) -> str | None:
        return self._link(min(self.number - 1, self.pages)) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self._link(self.number + 1) if self.number < min(self.pages, MAX_PAGE) else None
