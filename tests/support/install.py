"""Install duty-tui as users do: a wheel built from the tracked files, in a fresh virtual environment.

The development install is editable, so it imports straight from the source
folders: it hides any module or data file the wheel leaves out
(tests/test_install.py), and it starts slower than an installed copy, whose
modules pip compiled at install time (the benchmarks). Only files under
version control go into the wheel (a stale build/ or egg-info cannot fill a
gap), with their content as it is in the working tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The environment the caller started with, minus PYTHON* variables (a test's empty
# HOME would give pip an empty cache and a download on every run).
PIP_ENV = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}


def tracked_files() -> list[str]:
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True).stdout
    return [name for name in out.decode().split("\0") if name and (ROOT / name).is_file()]


def install(base: Path, env: dict[str, str] | None = None, *, bytecode: bool = True) -> tuple[Path, Path, list[str]]:
    """(the new venv's bin folder, the wheel, the tracked files) for one wheel installed into one fresh venv.

    ``bytecode=False`` leaves out pip's compiling of every module of every
    dependency, most of the install's time; the modules a command imports are
    then compiled as it first imports them. Benchmarks keep it on: they time
    an install as users have it.
    """
    env = PIP_ENV if env is None else env
    source = base / "source"
    tracked = tracked_files()
    for name in tracked:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "wheel", "--no-deps", "--wheel-dir", str(base / "dist"), str(source)],
                   env=env, check=True, cwd=base)
    (wheel,) = (base / "dist").glob("duty_tui-*.whl")
    # No ensurepip in the new venv (seconds saved): the caller's pip installs into it.
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    subprocess.run([*pip, "--python", str(venv / "bin/python"), "install", *([] if bytecode else ["--no-compile"]),
                    str(wheel)], env=env, check=True, cwd=base)
    return venv / "bin", wheel, tracked
