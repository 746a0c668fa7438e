"""`duty-tui config`: each setting in effect and where it came from.

When a user over SSH gets another database than the colleague beside them,
the question is always "which layer won": a flag, a variable left in a
profile, their own file or the system file. This answers it in one screen.
"""

from __future__ import annotations

import json

import typer

from ..config import KEYS, Settings, shown
from ..context import settings
from .formats import Format

UNSET = {"timezone": "（未设置：本机时区）", "org_name": "（未设置：标题为“全面从严治党主体责任”）"}
FILE_LABELS = {"system": "系统配置文件", "user": "用户配置文件"}


def _value(options: Settings, attr: str):
    value = getattr(options, attr)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return str(value) if value is not None and not isinstance(value, (int, float, str)) else value


def show(
    ctx: typer.Context,
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="输出格式：table 或 json"),
) -> None:
    """显示生效的设置及其来源（命令行、环境变量、用户或系统配置文件、默认）。 Show the settings in effect."""
    options = settings(ctx)
    if fmt is Format.json:
        data = {
            "settings": {key.name: {"value": _value(options, key.attr), "source": options.origins[key.name].kind,
                                    "from": options.origins[key.name].detail or None} for key in KEYS},
            "files": {kind: {"path": str(path), "exists": path.is_file()} for kind, path in options.files.items()},
        }
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for key in KEYS:
        value = _value(options, key.attr)
        text = UNSET.get(key.name, "") if value is None else shown(value, limit=None)
        typer.echo(f"{key.name} = {text}  # {options.origins[key.name].describe()}")
    typer.echo("")
    for kind, path in options.files.items():
        typer.echo(f"{FILE_LABELS[kind]}：{path}（{'已读取' if path.is_file() else '不存在'}）")
