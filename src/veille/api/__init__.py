"""The REST API: a FastAPI application over the store (``create_app``)."""

from .app import create_app

__all__ = ["create_app"]
