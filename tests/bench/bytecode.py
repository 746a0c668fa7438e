"""Run benchmarked programs from compiled bytecode, as an installed copy runs.

`pip install .` compiles every module when it installs, and an editable
install writes its .pyc files on first use. A shell with
PYTHONDONTWRITEBYTECODE set (some CI images, this project's own sandbox)
never writes them, so our ~40 modules would be compiled from source on every
start (~50 ms) while Textual, Rich and Typer load from the .pyc files pip
wrote. Benchmarks therefore compile our packages first, into the usual
(git-ignored) __pycache__ folders, exactly what Python itself does on a
normal machine.
"""

from __future__ import annotations

import compileall
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("checklists", "store", "tui")


def use_compiled_bytecode() -> None:
    for package in PACKAGES:
        if not compileall.compile_dir(ROOT / package, quiet=1):
            raise SystemExit(f"could not compile {package}: the benchmark would time source compilation")
