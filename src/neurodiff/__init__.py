"""neurodiff: explainable differential diagnosis of MS, ALS and their mimics.

Public API (imported lazily so that ``neurodiff --help`` starts fast)::

    import neurodiff
    result = neurodiff.assess({"age": 45, "sex": "female",
                               "findings": {"optic_neuritis": "present"}})
    result.differential[0].id
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Assessment", "Case", "__version__", "assess", "load_knowledge", "next_best"]

if TYPE_CHECKING:
    from neurodiff.engine.assess import assess, next_best
    from neurodiff.knowledge.load import load_knowledge
    from neurodiff.models import Assessment, Case

_LAZY = {
    "assess": ("neurodiff.engine.assess", "assess"),
    "next_best": ("neurodiff.engine.assess", "next_best"),
    "load_knowledge": ("neurodiff.knowledge.load", "load_knowledge"),
    "Assessment": ("neurodiff.models", "Assessment"),
    "Case": ("neurodiff.models", "Case"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'neurodiff' has no attribute {name!r}")
