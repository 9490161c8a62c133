"""Keep the console examples in README.md and docs/*.md true.

A block like

    ```console
    $ neurodiff compare als ms
    ...output...
    ```

is re-run here with a fixed terminal width. ``python docs/examples.py`` rewrites the
outputs in place; ``tests/test_docs.py`` fails when any output is out of date.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```console\n\$ (?P<command>[^\n]+)\n(?P<output>.*?)```", re.DOTALL)
WIDTH = "100"


def run(command: str) -> str:
    """Run one `neurodiff ...` example in-process and return its stdout."""
    from typer.testing import CliRunner

    from neurodiff.cli import app

    words = shlex.split(command)
    if words[0] != "neurodiff":
        raise ValueError(f"examples must start with 'neurodiff': {command}")
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = WIDTH
    try:
        result = CliRunner().invoke(app, words[1:], catch_exceptions=False)
    finally:
        if previous is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = previous
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


def blocks(text: str) -> list[tuple[str, str]]:
    return [(m["command"], m["output"]) for m in BLOCK.finditer(text)]


def refresh(path: Path) -> bool:
    """Rewrite the outputs in ``path``; True when something changed."""
    text = path.read_text(encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        updated = BLOCK.sub(lambda m: f"```console\n$ {m['command']}\n{run(m['command'])}```", text)
    finally:
        os.chdir(cwd)
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    return updated != text


if __name__ == "__main__":
    changed = [str(p.relative_to(ROOT)) for p in FILES if refresh(p)]
    sys.stdout.write(("updated: " + ", ".join(changed) if changed else "up to date") + "\n")
