"""Data files shipped with veille: boilerplate rules, agencies, (later) the knowledge base."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError, E

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster


def data_path(*parts: str) -> Path:
    """Path of a file shipped in ``veille/data``."""
    return Path(str(resources.files(__package__).joinpath(*parts)))


def load_yaml(path: Path) -> Any:
    """Load one YAML file; a syntax error names the file and the position."""
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)  # noqa: S506 - a safe loader
    except OSError as exc:
        raise DataFileError(E.E020, file=path, cause=exc.strerror or exc) from exc
    except yaml.YAMLError as exc:
        raise DataFileError(E.E020, file=path, cause=f"invalid YAML: {exc}".replace("\n", " ")) from exc
