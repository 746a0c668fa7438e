"""A cheap fingerprint of a set of files, for caches kept between runs (the checklist library, pinyin keys).

Size and modification time stand for content: a cache is thrown away when
any file it was built from is replaced, grown or touched, without reading
the files themselves on every start.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def files_fingerprint(files: Iterable[Path], seed: str = "") -> str:
    """sha1 over each file's path, size and mtime; a file that cannot be stat'ed is left out."""
    digest = hashlib.sha1(seed.encode())
    for file in files:
        try:
            st = file.stat()
        except OSError:
            continue
        digest.update(f"{file}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()
