"""Line-level boilerplate signals: the pattern rules, photo credits and attributions.

Each function looks at one stripped, typography-normalized line. Signals that need the
article's structure (title copies, captions, headings, orphan lines) live in
:mod:`veille.clean.article`; signals across articles in :mod:`veille.clean.signals`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .rules import LineRule, Rules

_TERMINAL = re.compile(r"[.!?…;]\s*[»\"”’')\]]*\s*$")
_CREDIT_START = re.compile(
    r"(?i)^(©|\(c\)\s|photos?\W{0,2}[:©/]|photo d.illustration|cr[ée]dits?(\s+photos?)?\W{0,2}:|"
    r"credits?\W{0,2}:|foto\W{0,2}:|bild\W{0,2}:|image\W{0,2}:|illustration\W{0,2}:|source photo\W{0,2}:)"
)
_SLASH = re.compile(r"\S\s*/\s*\S")
_VIA = re.compile(r"(?i)(?<!\w)via\s+\S")
_INLINE_CREDIT = re.compile(
    r"(?:(?<=[.!?»\"”)])|(?<=\s))\s*[(\[]?(?P<credit>(?:©\s*|(?:Photos?|PHOTOS?|Cr[ée]dits?(?: photos?)?|"
    r"CR[ÉE]DITS?|Credits?|Foto|FOTO|Bild|Image|Illustration)\W{0,2}[:©/]\s*)[^!?]{2,80}?)[)\]]?\s*$"
)
_ATTRIBUTION = re.compile(
    r"(?i)^[(—–-]*\s*(?:selon|d.après|source|sources|avec|according to|quelle)\s*:?\s*"
    r"(?:l.agence(?: de presse)?\s+|le journal\s+|le quotidien\s+|le site\s+|the\s+)?"
    r"(?P<name>[^\s,;:][^;:()]{0,60}?)\s*[.)]*$"
)


class Signal(NamedTuple):
    reason: str
    detail: str | None = None
    sources: tuple[str, ...] = ()  # agencies a wire credit or a source line names


def word_count(line: str) -> int:
    return len(line.split())


def ends_sentence(line: str) -> bool:
    """Whether the line ends like a sentence (., !, ?, …, ; possibly before a closing mark)."""
    return bool(_TERMINAL.search(line))


def is_photo_credit(line: str, rules: Rules) -> bool:
    """A short line naming a photographer or agency the way photo credits do.

    "NAME / AGENCY via Getty Images", "AP Photo / Name, Pool, File", "© Reuters",
    "Photo : AFP", "EPA-EFE/NAME", and machine translations of them.
    """
    words = word_count(line)
    if words > 16 or (words > 3 and ends_sentence(line) and not line.rstrip().endswith(")")):
        return False
    if _CREDIT_START.search(line):
        return True
    agency = rules.agency_re.search(line) is not None
    slash = _SLASH.search(line) is not None
    via = _VIA.search(line) is not None
    photo_word = rules.photo_word_re.search(line) is not None
    if agency and (slash or via or photo_word):
        return True
    return via and photo_word


_SOURCE_SPLIT = re.compile(r"\s*(?:,|;|/|&|\bet\b|\band\b|\bund\b)\s*")
_SOURCE_PREFIX = re.compile(
    r"(?i)^(?:l'agence(?: de presse)?\s+|le journal\s+|le quotidien\s+|le site\s+|the\s+|les agences?\s+|l')"
)


def attribution(line: str, rules: Rules) -> list[str]:
    """The agencies or outlets a stand-alone source line names ("Selon RIA Novosti",
    "Sources : IRNA, TASS", "Avec AFP et Reuters"); [] if the line is not one."""
    if word_count(line) > 9:
        return []
    m = _ATTRIBUTION.match(line)
    if not m:
        return []
    names = []
    for part in _SOURCE_SPLIT.split(m.group("name").strip()):
        name = _SOURCE_PREFIX.sub("", part.strip(" .")).strip()
        if not name:
            continue
        if rules.agency_re.fullmatch(name) or rules.agency_name(name):
            names.append(name)
            continue
        if line.lstrip("(—–- ")[:4].casefold() == "avec":  # "Avec Emmanuel Macron" is no wire credit
            return []
        tokens = name.split()
        if not (1 <= len(tokens) <= 4 and all(t[:1].isupper() or t[:1].isdigit() for t in tokens)):
            return []
        names.append(name)
    return names


_TRAILING_PHOTO = re.compile(
    r"(?<=[.!?»\"”)])\s+(?P<credit>(?:Photos?|PHOTOS?|Foto|FOTO)\s+\S[^.!?]{0,60}/[^.!?]{1,40})$"
)
_TRAILING_PAREN = re.compile(r"\s*\((?P<credit>[^()]{2,80})\)\s*$")


def split_inline_credit(line: str, rules: Rules | None = None) -> tuple[str, str] | None:
    """Split "Caption text. Photo : AGENCY", "Caption. Photo Reuters/NAME" or
    "Caption (NAME via AP)" into the caption and its credit."""
    m = _INLINE_CREDIT.search(line) or _TRAILING_PHOTO.search(line)
    credit_start = m.start() if m else None
    if m is None and rules is not None:
        p = _TRAILING_PAREN.search(line)
        inner = p.group("credit") if p else ""
        credit_like = _VIA.search(inner) or "©" in inner or _SLASH.search(inner) or rules.photo_word_re.search(inner)
        if p and credit_like and word_count(inner) <= 10:
            credit_start = p.start()
    if credit_start is None or credit_start == 0:
        return None
    credit = line[credit_start:].strip()
    if word_count(credit) > 12:
        return None
    kept = line[:credit_start].rstrip(" -–—,(")
    if word_count(kept) < 3:
        return None
    return kept, credit


def _matching_rule(line: str, words: int, rules: Rules) -> LineRule | None:
    """The first rule, in file order, that matches the line.

    The rules anchored at the line start are tried together with one match() (the first
    alternative that matches is the first such rule); the few unanchored ones are searched
    one by one. A user pattern that cannot be combined falls back to trying every rule.
    """
    if rules.anchored_rule is None:
        return next((r for r in rules.line_rules if _applies(r, line, words)), None)
    first = None
    m = rules.anchored_rule.match(line)
    if m and m.lastgroup:
        first = int(m.lastgroup[1:])
        if not _fits(rules.line_rules[first], words):  # too long for that rule: the exact, slow way
            return next((r for r in rules.line_rules if _applies(r, line, words)), None)
    for i in rules.unanchored:
        if first is not None and i > first:
            break
        if _applies(rules.line_rules[i], line, words):
            return rules.line_rules[i]
    return rules.line_rules[first] if first is not None else None


def _fits(rule: LineRule, words: int) -> bool:
    return rule.max_words is None or words <= rule.max_words


def _applies(rule: LineRule, line: str, words: int) -> bool:
    return _fits(rule, words) and rule.regex.search(line) is not None


def classify_line(line: str, rules: Rules) -> Signal | None:
    """The boilerplate signal one line carries on its own, or None."""
    words = word_count(line)
    if words > rules.max_words:
        return None  # longer than anything a rule, a credit or an attribution can match
    rule = _matching_rule(line, words, rules)
    if rule is not None:
        if rule.reason == "wire_credit":
            found = tuple(dict.fromkeys(rules.agency_re.findall(line)))
            return Signal("wire_credit", ", ".join(found) or None, found)
        if rule.reason == "foreign_language":
            return Signal(rule.reason, rule.language)
        return Signal(rule.reason)
    sources = tuple(attribution(line, rules))
    if sources:
        reason = "wire_credit" if line.lstrip("(—–- ")[:4].casefold() == "avec" else "attribution"
        return Signal(reason, ", ".join(sources), sources)
    if is_photo_credit(line, rules):
        return Signal("photo_credit")
    return None
