"""The whole knowledge base as one JSON-ready dict (with every number's provenance)."""

from __future__ import annotations

from typing import Any

from neurodiff.knowledge.load import KnowledgeBase


def knowledge_dump(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "version": kb.version,
        "meta": kb.meta.model_dump(mode="json", by_alias=True),
        "diseases": [d.model_dump(mode="json", exclude_none=True) for d in kb.diseases],
        "findings": [f.model_dump(mode="json", exclude_none=True) for f in kb.findings],
        "groups": [g.model_dump(mode="json", exclude_none=True) for g in kb.groups],
        "references": {
            key: ref.model_dump(mode="json", exclude_none=True)
            for key, ref in sorted(kb.references.items())
        },
        "comparison": kb.comparison.model_dump(mode="json"),
    }
