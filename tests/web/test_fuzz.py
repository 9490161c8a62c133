"""Property-based fuzzing of the REST API from its own OpenAPI document (schemathesis).

At least 2,000 generated requests across the operations; the only property asserted is
the one that matters for robustness: no response is a server error (5xx).
"""

from __future__ import annotations

from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from neurodiff.web.app import create_app

pytestmark = pytest.mark.slow

APP = create_app()
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)
PER_OPERATION = 500  # GET operations without parameters exhaust after a few examples
STATUS: Counter[int] = Counter()


@SCHEMA.parametrize()
@settings(
    max_examples=PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_never_answers_with_a_server_error(case: schemathesis.Case) -> None:
    response = case.call()
    STATUS[response.status_code // 100] += 1
    assert response.status_code < 500, f"{case.method} {case.path}: {response.text[:200]}"


def test_fuzzing_sent_at_least_2000_requests() -> None:
    # runs after the parametrized test in file order
    assert sum(STATUS.values()) >= 2000, STATUS
    assert STATUS[5] == 0
    print(f"fuzzing: {sum(STATUS.values())} requests, by status class {dict(STATUS)}")
