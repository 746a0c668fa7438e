"""A TOML file's syntax error, led in Chinese with the line and column tomllib found it at.

tomllib words its errors in English and puts the place at the end ("…
(at line 2, column 1)"); a reader needs the place first, in their language.
Its own description is kept after it: it names the token that went wrong.
"""

from __future__ import annotations

import re

_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = "(at end of document)"


def syntax_error(exc: Exception) -> str:
    text = str(exc)
    found = _AT.search(text)
    if found:
        return f"TOML 语法错误（第 {found[1]} 行第 {found[2]} 列）：{text[:found.start()]}"
    if text.endswith(_AT_END):
        return f"TOML 语法错误（在文件末尾）：{text.removesuffix(_AT_END).strip()}"
    return f"TOML 语法错误：{text}"
