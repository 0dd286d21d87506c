"""The SQLite store: schema, migrations, writes (``Store``) and reads (``query``)."""

from .db import SCHEMA_VERSION, Store, default_db_path

__all__ = ["SCHEMA_VERSION", "Store", "default_db_path"]
