"""Bytes -> text: encodings, binary detection."""

from __future__ import annotations

import codecs

from ..errors import E, InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NOT_CONTROL = bytes(range(32, 256)) + b"\t\n\x0c\r"  # bytes that are not suspicious


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs on every other byte."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, item: str) -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding). Raises InputError for empty or binary data."""
    if not data.strip():
        raise InputError(E.E002, item=item)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(E.E004, item=item) from exc
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    sample = data[:8192]
    if b"\x00" in sample:
        raise InputError(E.E003, item=item, cause="NUL bytes")
    controls = len(sample.translate(None, _NOT_CONTROL))
    if controls > max(2, len(sample) // 100):
        raise InputError(E.E003, item=item, cause=f"{controls} control bytes in the first {len(sample)}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
