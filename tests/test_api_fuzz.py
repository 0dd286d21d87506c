"""Property-based fuzzing of the JSON API from its own OpenAPI schema (schemathesis).

Every ``/api`` operation gets generated requests, valid and invalid (positive and negative
generation modes): none may answer 5xx, every 4xx must have the one error shape, and
every answer must match the documented schema. The store is the small hand-made one of
``explore_data``; ``POST /api/ingest`` is enabled with a token the fuzzer does not know,
so it exercises the authorization and body checks, never the (slow) pipeline.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from veille import Store
from veille.api import create_app

from .explore_data import build

MAX_EXAMPLES = 100  # per operation (both modes); the whole file runs in about 40 s

_db = Path(tempfile.mkdtemp(prefix="veille-fuzz-")) / "fuzz.db"
build(Store(_db)).close()
app = create_app(str(_db), ingest_token="fuzz-token-nobody-guesses", max_body_bytes=20_000)
schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(path_regex="^/api/")


def _assert_error_shape(response) -> None:
    body = response.json()
    assert set(body) == {"error"}, body
    err = body["error"]
    assert err["status"] == response.status_code, body
    assert isinstance(err["code"], str) and err["code"], body
    assert isinstance(err["message"], str) and err["message"], body
    assert set(err) <= {"status", "code", "message", "detail"}, body


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_breaks_the_api(case):
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query}: {response.text[:500]}"
    if response.status_code >= 400:
        _assert_error_shape(response)
    # valid requests may still be refused: an actor or article the store does not have (404),
    # a date that fits the pattern but not the calendar (2024-13, 422), a missing token (401)
    case.validate_response(response, excluded_checks=[positive_data_acceptance])
