"""Shared fixtures: the packaged knowledge base and its compiled model (loaded once)."""

from __future__ import annotations

import pytest

from neurodiff.engine.model import Model, compile_model
from neurodiff.knowledge.load import KnowledgeBase, load_knowledge


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="session")
def model(kb: KnowledgeBase) -> Model:
    return compile_model(kb)
