"""README and docs examples are real: every ```console block is re-run and compared.

Refresh them with `python docs/examples.py` after changing the knowledge base.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = importlib.util.spec_from_file_location("doc_examples", ROOT / "docs" / "examples.py")
assert SPEC is not None and SPEC.loader is not None
examples = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(examples)

CASES = [
    (path.name, command, output)
    for path in examples.FILES
    for command, output in examples.blocks(path.read_text(encoding="utf-8"))
]


def test_readme_has_examples_and_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index("make run") < readme.index("## What it is")
    assert "make test" in readme
    assert any(name == "README.md" for name, _, _ in CASES)


@pytest.mark.parametrize(("name", "command", "output"), CASES, ids=[c[1] for c in CASES])
def test_console_example_output_is_current(
    name: str, command: str, output: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert examples.run(command) == output, f"{name}: run `python docs/examples.py`"
