"""The NLP stage: spaCy models behind a cached loader and a language registry."""

from .models import LANGUAGES, LanguageSpec, language_data, load_model, parse

__all__ = ["LANGUAGES", "LanguageSpec", "language_data", "load_model", "parse"]
