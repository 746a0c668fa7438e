"""The settings duty-tui reads for itself: flags, environment, user file, system file, defaults.

`ssh -t host duty-tui` starts no login shell, so /etc/profile.d never runs and
an exported DUTY_TUI_DB would silently give each user a personal, empty
database. What every invocation must see (above all, which database the bureau
shares) therefore lives in a file the program reads on its own. Both ways in
(tui.entry's quick start and the Typer callback) call ``resolve``, so they can
never disagree about which database they open.

Nothing here imports Typer or Textual; tomllib and zoneinfo load only when a
file exists or a time zone is named, to keep the start-up path cheap.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

APP = "duty-tui"
SYSTEM_FILE = Path("/etc/duty-tui/config.toml")
ENV_SYSTEM_FILE = "DUTY_TUI_SYSTEM_CONFIG"  # where the system file is; tests must never write /etc
DEFAULT_SOON_DAYS = 14
MAX_LOCK_TIMEOUT = 3600
MAX_SOON_DAYS = 366
MAX_ORG_NAME = 40


class ConfigError(Exception):
    """Every problem found, one line each; ``exit_code`` 2 for a bad value, 3 for a file the OS refuses."""

    def __init__(self, problems: list[str], exit_code: int = 2):
        super().__init__("\n".join(problems))
        self.problems = problems
        self.exit_code = exit_code


@dataclass(frozen=True)
class Origin:
    """Where a setting's value came from: ``duty-tui config`` shows it so an admin can see why."""

    kind: str  # flag | env | user | system | default
    detail: str = ""  # the flag, the variable or the file

    def describe(self) -> str:
        label = {"flag": "命令行", "env": "环境变量", "user": "用户配置文件", "system": "系统配置文件",
                 "default": "默认"}[self.kind]
        return f"{label} {self.detail}" if self.detail else label


@dataclass
class Settings:
    """Everything chosen before a command runs (``duty-tui --db X status``), resolved once."""

    checklists_dir: Path | None = None
    db_path: Path | None = None
    read_only: bool = False
    timezone: str | None = None  # IANA name; None is the system's local time (TZ, /etc/localtime)
    org_name: str | None = None
    lock_timeout: float | None = None
    soon_days: int = DEFAULT_SOON_DAYS
    origins: dict[str, Origin] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)  # "system"/"user" -> the file looked for

    @property
    def tz(self):
        """The configured zone as a ZoneInfo, or None for the system's local time."""
        if self.timezone is None:
            return None
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.timezone)

    def named(self, key: str) -> bool:
        """Whether someone chose this value (flag, environment or a file) rather than the default."""
        origin = self.origins.get(key)
        return origin is not None and origin.kind != "default"


# -- checking one value -------------------------------------------------------


def _path(value: Any) -> Path:
    if not isinstance(value, str) or not value.strip() or "\0" in value:
        raise ValueError
    path = Path(value).expanduser()
    if not path.is_absolute():  # relative to what? the admin's cwd, or each user's? refuse instead
        raise ValueError
    return path


def _env_path(value: str) -> Path:
    return Path(value)  # as typed in a shell, relative to the working folder like --db


def _timezone(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(value)
    except Exception:  # ZoneInfoNotFoundError, or ValueError for a key like "../x"
        raise ValueError from None
    return value


def _org_name(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError
    from checklists.text import text_problem

    name = value.strip()
    if not name or len(name) > MAX_ORG_NAME or text_problem(name) is not None:
        raise ValueError  # shown in every header: no control or invisible characters, nothing that cannot fit
    return name


def _seconds(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError
    if not math.isfinite(value) or not 0 <= value <= MAX_LOCK_TIMEOUT:
        raise ValueError
    return float(value)


def _env_seconds(value: str) -> float:
    return _seconds(float(value))


def _days(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SOON_DAYS:
        raise ValueError
    return value


@dataclass(frozen=True)
class Key:
    name: str  # as written in the file
    attr: str  # the Settings field
    expected: str
    check: Callable[[Any], Any]
    env: str | None = None
    from_env: Callable[[str], Any] | None = None
    flag: str | None = None


KEYS = [
    Key("db", "db_path", '数据库文件的绝对路径（可用 ~），如 "/srv/duty/duty.json"', _path,
        "DUTY_TUI_DB", _env_path, "--db"),
    Key("checklists", "checklists_dir", '自定义清单目录的绝对路径（可用 ~），如 "/srv/duty/checklists"', _path,
        "DUTY_TUI_CHECKLISTS", _env_path, "--checklists"),
    Key("timezone", "timezone", '时区名（IANA），如 "Asia/Shanghai"', _timezone, "DUTY_TUI_TIMEZONE", _timezone),
    Key("org_name", "org_name", f'不超过 {MAX_ORG_NAME} 个字、不含控制字符或不可见字符的单位名称，如 "某某局党组"',
        _org_name),
    Key("lock_timeout", "lock_timeout", f"等待的秒数（0 到 {MAX_LOCK_TIMEOUT}），如 10", _seconds,
        "DUTY_TUI_LOCK_TIMEOUT", _env_seconds),
    Key("soon_days", "soon_days", f"整数天数（0 到 {MAX_SOON_DAYS}），如 14", _days),
]
BY_NAME = {k.name: k for k in KEYS}


def shown(value: Any, limit: int | None = 60) -> str:
    """A value as TOML would spell it: quoted, control characters escaped, cut to ``limit``."""
    import json

    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float):
        text = repr(value)  # inf and nan as TOML spells them
    elif isinstance(value, dict):
        text = "（一个表）"
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text if limit is None or len(text) <= limit else text[:limit - 3] + "..."


# -- reading the files ----------------------------------------------------------


def system_file(environ: Mapping[str, str]) -> Path:
    return Path(environ.get(ENV_SYSTEM_FILE) or SYSTEM_FILE)


def user_file() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP) / "config.toml"


def read_file(path: Path) -> dict[str, Any] | None:
    """The file's table, or None when there is no such file; anything else unreadable is a ConfigError."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        from store.errors import os_reason

        raise ConfigError([f"无法读取配置文件 {path}：{os_reason(exc)}"], 3) from None
    import tomllib

    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError([f"配置文件 {path}：不是 UTF-8 编码的文本；请用 UTF-8 保存"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"配置文件 {path}：不是有效的 TOML（{exc}）"]) from None


def check_table(table: dict[str, Any], where: str) -> tuple[dict[str, Any], list[str]]:
    """Checked values by key name, and one problem line per unknown key or bad value."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for name, value in table.items():
        key = BY_NAME.get(name)
        if key is None:
            known = "、".join(BY_NAME)
            problems.append(f'{where}：未知的键 "{name}"（值 {shown(value)}）；可用的键：{known}')
            continue
        try:
            values[name] = key.check(value)
        except ValueError:
            problems.append(f'{where}：键 "{name}" 的值 {shown(value)} 不合法，应为{key.expected}')
    return values, problems


# -- putting the layers together ------------------------------------------------


def resolve(flags: Mapping[str, Any] | None = None, *, read_only: bool = False,
            environ: Mapping[str, str] | None = None) -> Settings:
    """Flags > environment > user file > system file > default, for each key on its own.

    ``flags`` maps key names ("db", "checklists") to what was typed, or None.
    Every file and variable is checked in full even where a higher layer wins:
    a broken system file is reported to everyone at once, not the day someone
    stops overriding it. Raises ConfigError with every problem found.
    """
    environ = os.environ if environ is None else environ
    flags = flags or {}
    files = {"system": system_file(environ), "user": user_file()}
    layers: list[tuple[Origin, dict[str, Any]]] = []
    problems: list[str] = []
    for kind in ("user", "system"):
        table = read_file(files[kind])
        if table is not None:
            values, found = check_table(table, f"配置文件 {files[kind]}")
            problems += found
            layers.append((Origin(kind, str(files[kind])), values))
    from_env: dict[str, Any] = {}
    for key in KEYS:
        raw = environ.get(key.env) if key.env else None
        if raw and key.from_env:
            try:
                from_env[key.name] = key.from_env(raw)
            except ValueError:
                problems.append(f'环境变量 {key.env}：值 {shown(raw)} 不合法，应为{key.expected}')
    if problems:
        raise ConfigError(problems)
    settings = Settings(read_only=read_only, files=files)
    defaults = _defaults(files["user"])
    for key in KEYS:
        if key.flag and flags.get(key.name) is not None:
            origin, value = Origin("flag", key.flag), Path(flags[key.name])
        elif key.name in from_env:
            origin, value = Origin("env", key.env or ""), from_env[key.name]
        else:
            origin, value = next(((o, v[key.name]) for o, v in layers if key.name in v),
                                 (Origin("default"), defaults[key.name]))
        setattr(settings, key.attr, value)
        settings.origins[key.name] = origin
    return settings


def _defaults(user: Path) -> dict[str, Any]:
    from store import DEFAULT_LOCK_TIMEOUT, default_location

    return {"db": default_location(), "checklists": user.parent / "checklists", "timezone": None,
            "org_name": None, "lock_timeout": DEFAULT_LOCK_TIMEOUT, "soon_days": DEFAULT_SOON_DAYS}
