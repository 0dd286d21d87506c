"""The REST API: a FastAPI application over the store (``create_app``)."""
