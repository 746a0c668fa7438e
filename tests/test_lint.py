"""ruff and mypy, as configured in pyproject.toml, find nothing: CI fails on the first error either reports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing(tmp_path: Path) -> None:
    result = run("mypy", "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_both_report_what_they_are_meant_to(tmp_path: Path) -> None:
    """The same tools on a file with an unused import and a wrong type: each of them fails."""
    probe = tmp_path / "probe.py"
    probe.write_text("import os\n\n\ndef half(n: int) -> int:\n    return n / 2\n", "utf-8")
    assert run("ruff", "check", "--no-cache", "--select", "F401", str(probe), cwd=tmp_path).returncode == 1
    assert run("mypy", "--cache-dir", str(tmp_path / "cache"), str(probe), cwd=tmp_path).returncode == 1
