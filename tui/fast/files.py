"""Signatures of files, cheap enough for a login: has anything changed since a summary was computed?

Only ``os``: tui.fast.kept checks a kept summary with these before it has
loaded anything else of the program.
"""

from __future__ import annotations

import os

# The folder holding the checklists, store and tui packages (this file is tui/fast/files.py).
PROGRAM_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PACKAGES = ("checklists", "store", "tui")
SUFFIXES = (".py", ".toml", ".tcss")


def file_stats(paths: list[str]) -> list[list[object]]:
    """[path, mtime_ns, size, inode] for each path, or [path] where there is no such file (its absence counts too)."""
    found: list[list[object]] = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            found.append([path])
            continue
        found.append([path, st.st_mtime_ns, st.st_size, st.st_ino])
    return found


def unchanged(recorded: list[list[object]]) -> bool:
    """Whether every file still has the signature :func:`file_stats` recorded."""
    paths = [entry[0] for entry in recorded]
    return file_stats(paths) == recorded  # type: ignore[arg-type]


def program_files() -> list[str]:
    """This program's own modules and data files: an upgrade, or an edit, changes some of them."""
    root = PROGRAM_ROOT
    found = []
    for package in PACKAGES:
        for folder, subfolders, names in os.walk(os.path.join(root, package)):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            found += [os.path.join(folder, n) for n in sorted(names) if n.endswith(SUFFIXES)]
    return found
