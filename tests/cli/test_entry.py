"""`duty-tui` alone starts the TUI without Typer; it must read the options exactly as Typer does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tui.launch
from tui.cli import app
from tui.entry import tui_options

ROOT = Path(__file__).resolve().parents[2]

SAME = [
    [],
    ["--db", "/srv/duty/duty.json"],
    ["--db=/srv/duty/duty.json", "--read-only"],
    ["--checklists", "/etc/duty", "--demo", "--no-mouse"],
    ["--no-mouse", "--checklists=本局清单", "--db", "台账.json"],
]
TO_TYPER = [
    ["status"], ["--help"], ["-h"], ["--version"], ["--db"], ["--db", "--demo"], ["--db="], ["--dbx", "a"],
    ["--demo", "--demo"], ["--db", "a", "--db", "b"], ["--db", "a", "status"], ["--readonly"], ["--", "x"],
]


def typer_reading(argv: list[str], monkeypatch) -> tuple:
    seen: list[tuple] = []

    def capture(ctx, *, demo: bool, mouse: bool) -> None:
        from tui.context import settings

        seen.append((settings(ctx), demo, mouse))

    monkeypatch.setattr(tui.launch, "launch", capture)
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 0, result.output
    (reading,) = seen
    return reading


ENVIRONMENTS = [{}, {"DUTY_TUI_DB": "/env/duty.json", "DUTY_TUI_CHECKLISTS": "/env/lists",
                     "DUTY_TUI_LOCK_TIMEOUT": "3", "DUTY_TUI_TIMEZONE": "UTC"}]
CONFIGS = {
    "no-files": ("", ""),
    "system+user": ('db = "/srv/duty/duty.json"\nchecklists = "/srv/duty/lists"\norg_name = "某某局党组"\n'
                    'timezone = "Asia/Shanghai"\nlock_timeout = 30\n',
                    'lock_timeout = 5\nsoon_days = 7\n'),
}


def write_configs(name: str, home: Path) -> None:
    system, user = CONFIGS[name]
    for path, text in ((Path(os.environ["DUTY_TUI_SYSTEM_CONFIG"]), system),
                       (home / ".config" / "duty-tui" / "config.toml", user)):
        if text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")


@pytest.mark.parametrize("argv", SAME, ids=" ".join)
@pytest.mark.parametrize("env", ENVIRONMENTS, ids=["no-env", "env"])
@pytest.mark.parametrize("config", sorted(CONFIGS))
def test_global_options_read_the_same_as_typer(argv, env, config, isolated_env, monkeypatch) -> None:
    """Same flags, environment and config files give the same settings, down to where each came from."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    write_configs(config, isolated_env)
    quick = tui_options(argv)
    assert quick == typer_reading(argv, monkeypatch)
    if config != "no-files" and not env and not argv:
        assert quick[0].origins["db"].kind == "system" and quick[0].lock_timeout == 5.0


@pytest.mark.parametrize(("text", "env"), [("soon_days = -3\n", {}), ("", {"DUTY_TUI_TIMEZONE": "Mars/Base"})])
def test_a_bad_config_stops_both_paths_with_the_same_line(text, env, monkeypatch, capsys) -> None:
    system = Path(os.environ["DUTY_TUI_SYSTEM_CONFIG"])
    system.parent.mkdir(parents=True, exist_ok=True)
    system.write_text(text, "utf-8")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as quick:
        tui_options(["--no-mouse"])
    quick_err = capsys.readouterr().err
    result = CliRunner().invoke(app, ["--no-mouse", "whoami"])
    assert quick.value.code == result.exit_code == 2
    assert quick_err.count("\n") == 1 and quick_err in result.stderr


@pytest.mark.parametrize("argv", TO_TYPER, ids=" ".join)
def test_anything_else_goes_to_typer(argv) -> None:
    assert tui_options(argv) is None


def test_console_script_without_a_terminal_still_prints_the_summary(tmp_path) -> None:
    """The quick path needs a terminal; a pipe goes through Typer to the status fallback."""
    out = subprocess.run([sys.executable, "-m", "tui", "--db", str(tmp_path / "duty.json")], cwd=ROOT,
                         capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert out.returncode == 0, out.stderr
    assert "没有终端" in out.stderr and "清单" in out.stdout


REMIND_SAME = [
    ["remind"],
    ["remind", "--login"],
    ["--db", "/srv/duty/duty.json", "remind", "--all"],
    ["--read-only", "remind", "--person", "张三"],
    ["--db=台账.json", "--checklists", "/etc/duty", "remind", "--person=王五", "-f", "json"],
    ["remind", "--format=json", "--all"],
    ["remind", "--mail"],
    ["--checklists=本局清单", "remind", "--mail", "--person", "张三"],
    ["remind", "-f", "text", "--login"],
    ["remind", "--login", "--all"],  # parsed alike; the command then refuses the pair
]
REMIND_TO_TYPER = [
    ["remind", "--help"], ["remind", "-h"], ["remind", "--person"], ["remind", "--person", "--all"],
    ["remind", "-f", "xml"], ["remind", "--format="], ["remind", "--login", "--login"], ["remind", "x"],
    ["remind", "--db", "x.json"], ["--demo", "remind"], ["--db", "remind"], ["--db", "a", "--db", "b", "remind"],
    ["remind", "--login=yes"], ["--read-only=1", "remind"], ["remind", "--person", "a", "--person", "b"],
    ["status", "remind"], ["--version", "remind"],
]


def typer_remind_reading(argv: list[str], monkeypatch) -> tuple:
    import tui.remind
    from tui.resolve import settings_for

    seen: list[tuple] = []

    def run(settings, options) -> int:
        seen.append((settings, options))
        return 0

    def login(flags, read_only, options) -> int:
        seen.append((settings_for(flags, read_only=read_only), options))
        return 0

    monkeypatch.setattr(tui.remind, "run", run)
    monkeypatch.setattr(tui.remind, "login", login)
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 0, result.output
    (reading,) = seen
    return reading


@pytest.mark.parametrize("argv", REMIND_SAME, ids=" ".join)
@pytest.mark.parametrize("env", ENVIRONMENTS, ids=["no-env", "env"])
def test_remind_options_read_the_same_as_typer(argv, env, isolated_env, monkeypatch) -> None:
    """`remind` answered by tui.fast gets the same settings and options Typer would have given it."""
    from tui.fast.argv import parse_remind as parse
    from tui.resolve import settings_for

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    write_configs("system+user", isolated_env)
    parsed = parse(argv)
    assert parsed is not None
    flags, read_only, options = parsed
    assert (settings_for(flags, read_only=read_only), options) == typer_remind_reading(argv, monkeypatch)


@pytest.mark.parametrize("argv", REMIND_TO_TYPER, ids=" ".join)
def test_any_other_remind_line_goes_to_typer(argv) -> None:
    from tui.fast.argv import parse_remind as parse

    assert parse(argv) is None


STATUS_SAME = [["status"], ["--db", "/srv/duty/duty.json", "status"], ["--read-only", "--checklists=/etc/duty", "status"]]
STATUS_TO_TYPER = [["status", "--all"], ["status", "-h"], ["status", "x"], ["--demo", "status"], ["status", "--"],
                   ["--db", "status"], ["status", "status"]]


@pytest.mark.parametrize("argv", STATUS_SAME, ids=" ".join)
def test_plain_status_reads_the_same_as_typer(argv, isolated_env, monkeypatch) -> None:
    """`status` answered by tui.fast (kept, or computed without Typer) gets what Typer would have given it."""
    import tui.status
    from tui.fast.argv import parse_status
    from tui.resolve import settings_for

    write_configs("system+user", isolated_env)
    seen: list[tuple] = []
    monkeypatch.setattr(tui.status, "run", lambda settings, args: seen.append((settings, args)) or 0)
    assert CliRunner().invoke(app, argv).exit_code == 0
    parsed = parse_status(argv)
    assert parsed is not None
    flags, read_only = parsed
    assert seen == [(settings_for(flags, read_only=read_only), tui.status.StatusArgs())]


@pytest.mark.parametrize("argv", STATUS_TO_TYPER, ids=" ".join)
def test_status_with_options_goes_to_typer(argv) -> None:
    from tui.fast.argv import parse_status

    assert parse_status(argv) is None


def test_typer_and_the_quick_parser_spell_options_from_one_table() -> None:
    """Every option the quick parser reads is declared to Typer with the same spellings (tui.fast.argv's
    table); remind's formats are the same choices."""
    import typer.main

    from tui.fast import argv

    root = typer.main.get_command(app)
    remind = root.commands["remind"]  # type: ignore[attr-defined]

    def spelled(command) -> dict[str, tuple[str, ...]]:
        return {p.name: tuple(p.opts) for p in command.params}

    assert spelled(root).items() >= {**argv.GLOBAL_VALUED, **argv.GLOBAL_SWITCHES}.items()
    assert spelled(remind) == {**argv.REMIND_VALUED, **argv.REMIND_SWITCHES}
    assert tuple(next(p for p in remind.params if p.name == "fmt").type.choices) == argv.FORMATS


def test_demo_without_a_terminal_prints_the_demo_summary_never_the_real_one(tmp_path) -> None:
    """The fallback summary must come from the database the user asked to see: the sample one."""
    from tests.conftest import run_cli

    real = tmp_path / "real.json"
    assert run_cli(real, "people", "add", "真实的人", "--role", "班子成员").returncode == 0
    before = real.read_bytes()
    out = run_cli(real, "--demo")
    assert out.returncode == 0, out.stderr
    assert "示例数据库" in out.stderr and "ssh -t" in out.stderr
    assert "各清单进度" in out.stdout and "duty-tui-demo-" in out.stdout  # the table names the database it read
    assert str(real) not in out.stdout and "真实的人" not in out.stdout
    assert real.read_bytes() == before


RECORD_SAME = [
    ["tick", "yishu-sibiao", "chengnuoshu", "--subject", "张三"],
    ["--db", "/srv/duty/duty.json", "tick", "-s", "张三", "yishu-sibiao", "chengnuoshu", "-n", "会上签订"],
    ["tick", "yishu-sibiao", "--subject=张三", "chengnuoshu", "--period=2024", "--evidence", "文号 1", "-d", "2024-03-05"],
    ["--read-only", "untick", "yishu-sibiao", "chengnuoshu", "-s", "张三", "--note", "签错了", "-p", "2024"],
    ["na", "yishu-sibiao", "chengnuoshu", "--reason", "调离", "--date=2024/3/5", "-s", "张三"],
]
RECORD_TO_TYPER = [
    ["tick"], ["tick", "a"], ["tick", "a", "b", "c"], ["tick", "a", "b", "--help"], ["tick", "-h"],
    ["tick", "a", "b", "-s张三"], ["tick", "a", "b", "-s=张三"], ["tick", "a", "b", "-s", "x", "-s", "y"],
    ["tick", "a", "b", "--subject"], ["tick", "a", "b", "--subject="], ["tick", "a", "b", "--note", "-5"],
    ["tick", "a", "b", "--reason", "x"], ["untick", "a", "b", "--date", "2024-01-01"], ["na", "a", "b"],
    ["tick", "--", "a", "b"], ["--demo", "tick", "a", "b"], ["--db", "tick", "a", "b"], ["tick", "a", "-", "b"],
    ["tick", "a", "b", "--subjec", "x"], ["log", "tick", "a"],
]


def typer_record_reading(argv: list[str], monkeypatch) -> tuple:
    import tui.recording

    seen: list[tuple] = []

    def record(options, *args, **kwargs) -> str:
        seen.append((options, args, kwargs))
        return "已保存"

    monkeypatch.setattr(tui.recording, "record", record)
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 0, result.output
    (reading,) = seen
    return reading


@pytest.mark.parametrize("argv", RECORD_SAME, ids=" ".join)
def test_record_lines_read_the_same_as_typer(argv, isolated_env, monkeypatch) -> None:
    """`tick`, `untick` and `na` recorded without Typer get the settings and values Typer gives the same line."""
    import tui.recording

    write_configs("system+user", isolated_env)
    expected = typer_record_reading(argv, monkeypatch)
    seen: list[tuple] = []
    monkeypatch.setattr(tui.recording, "keep_summaries_current", lambda: None)
    monkeypatch.setattr(tui.recording, "echo", lambda line: None)
    monkeypatch.setattr(tui.recording, "record", lambda options, *a, **k: seen.append((options, a, k)) or "")
    assert tui.recording.quick(argv) == 0
    (reading,) = seen
    options, args, kwargs = reading
    # Typer hands "" for an option not given where the quick path hands None: record reads both as "not given".
    assert (options, args[:3], {k: v or "" for k, v in kwargs.items()}, args[3] or "", args[4]) == \
        (expected[0], expected[1][:3], {k: v or "" for k, v in expected[2].items()}, expected[1][3] or "",
         expected[1][4])
    assert (kwargs["when"] is None) == (expected[2]["when"] is None)  # an empty --date is checked, a missing one not


@pytest.mark.parametrize("argv", RECORD_TO_TYPER, ids=" ".join)
def test_any_other_record_line_goes_to_typer(argv) -> None:
    from tui.fast.argv import parse_record

    assert parse_record(argv) is None


def test_typer_declares_the_record_options_from_the_quick_table() -> None:
    import typer.main

    from tui.fast import argv

    root = typer.main.get_command(app)
    for command, names in argv.RECORDS.items():
        params = {p.name: p for p in root.commands[command].params}  # type: ignore[attr-defined]
        options = {name: tuple(p.opts) for name, p in params.items() if p.param_type_name == "option"}
        assert options == {name: argv.RECORD_OPTIONS[name] for name in names}, command
        assert {name for name, p in params.items() if p.required} == {"checklist", "item", *argv.REQUIRED.get(command, ())}


@pytest.mark.parametrize("argv", [
    ["tick", "yishu-sibiao", "chengnuoshu", "-s", "张三", "--note", "会上签订"],
    ["tick", "yishu-sibiao", "chengnuoshu", "-s", "张三", "--note", "a\x1b[31mb"],  # refused: a control
    ["na", "yishu-sibiao", "chengnuoshu", "-s", "张三", "--reason", "调离"],
    ["tick", "yishu-sibiao", "chengnuoshu", "-s", "李四"],  # not in the roster: refused
    ["tick", "dangfei-jiaona", "交纳本月党费", "-s", "张三", "--period", "2024-13"],
    ["tick", "yishu-sibiao", "没有这项", "-s", "张三"],
    ["na", "yishu-sibiao", "chengnuoshu", "-s", "张三", "--reason", "调离", "--date", "2024-02-30"],
    ["untick", "yishu-sibiao", "chengnuoshu", "-s", "张三"],
], ids=" ".join)
def test_the_quick_path_prints_and_exits_byte_for_byte_as_typer(argv, tmp_path) -> None:
    """The same line on stdout, the same refusal on stderr and the same exit code, on twin databases."""
    from tests.conftest import env_for_subprocess

    outcomes = []
    for way, code in (("quick", "from tui.entry import main"), ("typer", "from tui.cli import main")):
        db = tmp_path / way / "duty.json"
        env = env_for_subprocess()
        subprocess.run([sys.executable, "-m", "tui", "--db", str(db), "people", "add", "张三", "--role", "班子成员"],
                       check=True, capture_output=True, cwd=ROOT, env=env)
        script = f"import sys; sys.argv = ['duty-tui', '--db', {str(db)!r}, *sys.argv[1:]]\n{code}\nmain()"
        done = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, cwd=ROOT, env=env)
        outcomes.append((done.returncode, done.stdout, done.stderr.replace(str(db).encode(), b"DB")))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][1].startswith("已保存：".encode()) or (outcomes[0][0] and outcomes[0][2])
