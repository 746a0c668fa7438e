"""Run the console script's entry in a fresh process and see which of the heavier packages it loaded.

None of them means tui.fast answered from the summary kept with the
database; the query layer (``checklists``) means the answer was computed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("checklists", "typer", "click", "rich", "textual", "tinydb", "orjson", "filelock", "dataclasses")
PROBE = f"""
import sys
sys.argv = ["duty-tui", *sys.argv[1:]]
from tui.entry import main
try:
    main()
finally:
    heavy = sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r}))
    print("LOADED=" + ",".join(heavy), file=sys.stderr)
"""


def entry(*args: str, **env: str) -> tuple[str, list[str]]:
    """(stdout, heavy packages loaded) of `duty-tui ARGS`, with ``env`` added to this process's environment."""
    out = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, **env}, timeout=60)
    assert out.returncode == 0, out.stderr
    loaded = out.stderr.rsplit("LOADED=", 1)[1].strip()
    return out.stdout, [name for name in loaded.split(",") if name]
