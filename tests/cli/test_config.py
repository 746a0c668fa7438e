"""Configuration files: which layer wins, what a bad file says, and `duty-tui config`.

The system file is always named by DUTY_TUI_SYSTEM_CONFIG (tests/conftest.py
points it into a temporary home), so no test ever reads or writes /etc/duty-tui.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from store.tinydb.lock import locked
from tests.cli.test_os_errors import as_plain_user, mode, one_line
from tests.conftest import ROOT
from tui.config import KEYS, ConfigError, resolve

# A distinct value for every key in every layer it has; "expect" is what the value becomes in Settings.
LAYERS = {
    "db": {"flag": "/flag/duty.json", "env": "/env/duty.json", "user": "/user/duty.json", "system": "/srv/duty.json"},
    "checklists": {"flag": "/flag/lists", "env": "/env/lists", "user": "/user/lists", "system": "/srv/lists"},
    "timezone": {"env": "UTC", "user": "Asia/Urumqi", "system": "Asia/Shanghai"},
    "org_name": {"user": "某某处党支部", "system": "某某局党组"},
    "lock_timeout": {"env": "20", "user": 7.5, "system": 5},
    "soon_days": {"user": 7, "system": 30},
}
ORDER = ["flag", "env", "user", "system"]
BY_NAME = {k.name: k for k in KEYS}


def expect(key: str, value):
    if key in ("db", "checklists"):
        return Path(value)
    if key == "lock_timeout":
        return float(value)
    return value


def toml(values: dict) -> str:
    return "".join(f"{name} = {json.dumps(value, ensure_ascii=False)}\n" for name, value in values.items())


def user_file(home: Path) -> Path:
    return home / ".config" / "duty-tui" / "config.toml"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def system_file() -> Path:
    return Path(os.environ["DUTY_TUI_SYSTEM_CONFIG"])


@pytest.mark.parametrize("key", sorted(LAYERS))
def test_each_layer_beats_the_next_for_every_key(key, isolated_env, monkeypatch) -> None:
    """Flags > environment > user file > system file > default, one key at a time."""
    layers = LAYERS[key]
    present = [layer for layer in ORDER if layer in layers]
    for top in range(len(present) + 1):
        given = present[top:]
        flags = {key: layers["flag"]} if "flag" in given else {}
        environ = {"DUTY_TUI_SYSTEM_CONFIG": str(system_file())}
        if "env" in given:
            environ[BY_NAME[key].env] = layers["env"]
        for layer, path in (("user", user_file(isolated_env)), ("system", system_file())):
            write(path, toml({key: layers[layer]}) if layer in given else "")
        settings = resolve(flags, environ=environ)
        winner = given[0] if given else "default"
        assert settings.origins[key].kind == winner, (key, given)
        if given:
            assert getattr(settings, BY_NAME[key].attr) == expect(key, layers[winner])
        assert all(o.kind == "default" for name, o in settings.origins.items() if name != key)


def test_defaults() -> None:
    settings = resolve({}, environ={"DUTY_TUI_SYSTEM_CONFIG": str(system_file())})
    assert (settings.timezone, settings.tz, settings.org_name, settings.lock_timeout, settings.soon_days) == \
        (None, None, None, 10.0, 14)
    assert settings.db_path.name == "duty.json" and settings.checklists_dir.name == "checklists"
    assert not any(settings.named(key.name) for key in KEYS)


def test_timezone_is_a_zoneinfo_and_paths_may_start_with_a_tilde(isolated_env) -> None:
    write(system_file(), 'timezone = "Asia/Shanghai"\ndb = "~/duty/duty.json"\n')
    settings = resolve({})
    assert settings.tz == ZoneInfo("Asia/Shanghai")
    assert settings.db_path == isolated_env / "duty" / "duty.json"


def test_tz_in_the_environment_does_not_beat_a_configured_zone(monkeypatch) -> None:
    """TZ is the machine's default; the bureau's day boundaries come from its config (or DUTY_TUI_TIMEZONE)."""
    write(system_file(), 'timezone = "Asia/Shanghai"\n')
    monkeypatch.setenv("TZ", "UTC")
    assert resolve({}).timezone == "Asia/Shanghai"


def test_every_problem_in_every_layer_is_reported_at_once(isolated_env) -> None:
    write(system_file(), 'soon_days = -1\n')
    write(user_file(isolated_env), 'org = "x"\n')
    with pytest.raises(ConfigError) as info:
        resolve({}, environ={"DUTY_TUI_SYSTEM_CONFIG": str(system_file()), "DUTY_TUI_LOCK_TIMEOUT": "soon"})
    assert len(info.value.problems) == 3 and info.value.exit_code == 2


# -- through the real command line ---------------------------------------------------------------


def cli(*args: str, preexec_fn=None, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **env}, timeout=60, stdin=subprocess.DEVNULL, preexec_fn=preexec_fn)


BAD = [
    # (file text, key, value as shown, what the line must say is expected)
    ('datbase = "/srv/duty.json"\n', "datbase", '"/srv/duty.json"', "可用的键：db、checklists"),
    ("db = 5\n", "db", "5", "绝对路径"),
    ('db = "duty.json"\n', "db", '"duty.json"', "绝对路径"),
    ("checklists = [\"/a\"]\n", "checklists", '["/a"]', "绝对路径"),
    ('timezone = "Beijing"\n', "timezone", '"Beijing"', "Asia/Shanghai"),
    ('timezone = "../../etc/passwd"\n', "timezone", '"../../etc/passwd"', "IANA"),
    ('org_name = ""\n', "org_name", '""', "单位名称"),
    ('org_name = "某局\\u001b[2J"\n', "org_name", '"某局\\u001b[2J"', "控制字符"),
    ('lock_timeout = "10"\n', "lock_timeout", '"10"', "秒数"),
    ("lock_timeout = -1\n", "lock_timeout", "-1", "秒数"),
    ("lock_timeout = nan\n", "lock_timeout", "nan", "秒数"),
    ("soon_days = 1.5\n", "soon_days", "1.5", "整数天数"),
    ("soon_days = true\n", "soon_days", "true", "整数天数"),
    ("soon_days = 400\n", "soon_days", "400", "整数天数"),
    ("[soon_days]\nx = 1\n", "soon_days", "（一个表）", "整数天数"),
]


@pytest.mark.parametrize("layer", ["system", "user"])
@pytest.mark.parametrize(("text", "key", "value", "expected"), BAD, ids=[b[0].strip() for b in BAD])
def test_a_bad_value_is_one_line_naming_file_key_value_and_expectation(layer, text, key, value, expected,
                                                                       isolated_env) -> None:
    path = write(system_file() if layer == "system" else user_file(isolated_env), text)
    one_line(cli("whoami"), 2, str(path), f'"{key}"', value, expected)


@pytest.mark.parametrize(("content", "says"), [
    (b'db = "/srv/duty.json', "不是有效的 TOML"),
    ('org_name = "某局"\n'.encode("gbk"), "不是 UTF-8"),
])
def test_a_file_that_is_not_toml_is_one_line(content, says) -> None:
    path = write(system_file(), content)
    one_line(cli("status"), 2, str(path), says)


def test_a_bad_environment_value_names_the_variable() -> None:
    one_line(cli("whoami", DUTY_TUI_LOCK_TIMEOUT="soon"), 2, "DUTY_TUI_LOCK_TIMEOUT", '"soon"', "秒数")
    one_line(cli("whoami", DUTY_TUI_TIMEZONE="CST"), 2, "DUTY_TUI_TIMEZONE", '"CST"', "Asia/Shanghai")


def test_a_system_file_nobody_may_read_stops_everyone_naming_it() -> None:
    """Silently skipping it would hand each user a personal, empty database."""
    path = write(system_file(), 'db = "/srv/duty/duty.json"\n')
    with mode(path, 0o000):
        one_line(cli("whoami", preexec_fn=as_plain_user()), 3, str(path))
    path.unlink()
    path.mkdir()
    one_line(cli("whoami"), 3, str(path))


def test_a_broken_file_still_lets_help_and_validate_run() -> None:
    write(system_file(), "db = 5\n")
    assert cli("status", "--help").returncode == 0
    assert cli("validate", str(ROOT / "checklists" / "builtin" / "huishang.toml")).returncode == 0


def test_config_shows_each_value_and_where_it_came_from(isolated_env, tmp_path) -> None:
    system = write(system_file(), 'db = "/srv/duty/duty.json"\norg_name = "某某局党组"\nlock_timeout = 30\n')
    user = write(user_file(isolated_env), 'timezone = "Asia/Shanghai"\nlock_timeout = 2.5\n')
    result = cli("--checklists", str(tmp_path / "lists"), "config", DUTY_TUI_DB="/env/duty.json")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        'db = "/env/duty.json"  # 环境变量 DUTY_TUI_DB',
        f'checklists = "{tmp_path / "lists"}"  # 命令行 --checklists',
        f'timezone = "Asia/Shanghai"  # 用户配置文件 {user}',
        f'org_name = "某某局党组"  # 系统配置文件 {system}',
        f"lock_timeout = 2.5  # 用户配置文件 {user}",
        "soon_days = 14  # 默认",
        "",
        f"系统配置文件：{system}（已读取）",
        f"用户配置文件：{user}（已读取）",
    ]


def test_config_as_json_and_with_nothing_configured(isolated_env) -> None:
    result = cli("config", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["settings"]["db"] == {"value": str(isolated_env / ".local/share/duty-tui/duty.json"),
                                      "source": "default", "from": None}
    assert data["settings"]["timezone"] == {"value": None, "source": "default", "from": None}
    assert data["settings"]["lock_timeout"]["value"] == 10
    assert data["files"] == {"system": {"path": str(system_file()), "exists": False},
                             "user": {"path": str(user_file(isolated_env)), "exists": False}}


def test_the_system_file_chooses_the_database_for_every_command(tmp_path) -> None:
    """What `ssh host duty-tui status` needs: no shell profile, no DUTY_TUI_DB, the shared file all the same."""
    shared = tmp_path / "srv" / "duty.json"
    write(system_file(), f'db = "{shared}"\n')
    assert cli("people", "add", "张三", "--role", "班子成员").returncode == 0
    assert json.loads(shared.read_text())["people"]
    whoami = cli("whoami", "--link", "张三")
    assert whoami.returncode == 0 and f"数据库：{shared}" in whoami.stdout.splitlines()
    status = cli("status", COLUMNS="200")
    # The table folds a path wider than the terminal (a long temporary folder): the path read whole.
    assert status.returncode == 0 and f"数据库：{shared}" in "".join(status.stdout.split("\n"))
    assert json.loads(cli("status", "--format", "json").stdout)["database"] == str(shared)


def test_the_configured_lock_timeout_reaches_the_store(tmp_path) -> None:
    shared = tmp_path / "duty.json"
    write(system_file(), f'db = "{shared}"\nlock_timeout = 0.2\n')
    assert cli("people", "add", "张三", "--role", "党员").returncode == 0
    with locked(tmp_path / "duty.json.lock"):
        busy = cli("tick", "jieri-lianjie", "chunjie", "-p", "2024")
    one_line(busy, 3, "等待 0.2 秒", str(tmp_path / "duty.json.lock"))
