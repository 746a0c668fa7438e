"""What users install: the wheel, in a fresh virtual environment, run from outside the source tree.

The development install is editable, so it imports straight from the source
folders and hides any module or data file the wheel leaves out. This builds
the wheel from the tracked files alone (a stale build/ or egg-info cannot
fill a gap), installs it the way README's server install does, and runs it
from a folder where the source tree cannot be imported by accident.
"""

from __future__ import annotations

import os
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

# Imported here, not in the fixture: its pip environment must be the one pytest started with, not a test's.
from tests.support.install import install

# One worker builds the wheel and runs every test that needs it, so the wheel is built once per run.
pytestmark = [pytest.mark.slow, pytest.mark.tmux, pytest.mark.xdist_group("wheel")]

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ("checklists/", "store/", "tui/")
SHIPPED_SUFFIXES = (".py", ".toml", ".tcss")
SOCKET = f"duty-tui-install-{os.getpid()}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str]]:
    """(the fresh venv's bin folder, the files it must ship, the wheel's names): one copy, one wheel, one venv."""
    try:
        # What is checked is what the wheel holds and that it runs: pip compiling the dependencies checks neither.
        bin_dir, wheel, tracked = install(tmp_path_factory.mktemp("install"), bytecode=False)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.fail(f"the install test needs a git checkout and pip to build and install the wheel: {exc}")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    return bin_dir, [n for n in tracked if n.startswith(SHIPPED) and n.endswith(SHIPPED_SUFFIXES)], names


@pytest.fixture
def outside(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A working folder outside the repository, and an environment that cannot reach the source tree."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "DUTY_TUI_"))}
    env["TERM"] = "xterm-256color"
    env["DUTY_TUI_SYSTEM_CONFIG"] = os.environ["DUTY_TUI_SYSTEM_CONFIG"]  # never the machine's /etc/duty-tui
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder, env


def test_wheel_holds_every_tracked_module_and_data_file(installed) -> None:
    _bin, expected, names = installed
    assert "tui/app/duty.tcss" in expected and "checklists/builtin/yishu-sibiao.toml" in expected
    missing = sorted(set(expected) - set(names))
    assert not missing, f"tracked files missing from the wheel: {missing}"
    assert not [n for n in names if n.startswith("tests/")]


def test_installed_commands_run_outside_the_source_tree(installed, outside) -> None:
    bin_dir, _expected, _names = installed
    folder, env = outside
    db = folder / "scratch.json"

    def run(*args: str) -> str:
        proc = subprocess.run([str(bin_dir / "duty-tui"), *args], cwd=folder, env=env, capture_output=True,
                              text=True, timeout=60, stdin=subprocess.DEVNULL)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    assert run("--version").strip() == "duty-tui 0.1.0"
    assert "yishu-sibiao" in run("checklists")
    assert "张三" in run("--db", str(db), "people", "add", "张三", "--role", "班子成员")
    assert "各清单进度" in run("--db", str(db), "status")
    assert run("--db", str(db), "status") == run("--db", str(db), "status", "--limit", "30")  # kept, and computed
    run("--db", str(db), "whoami", "--link", "张三")
    assert run("--db", str(db), "remind", "--login") == run("--db", str(db), "remind")
    origin = subprocess.run([str(bin_dir / "python"), "-c", "import tui; print(tui.__file__)"], cwd=folder,
                            env=env, capture_output=True, text=True, check=True).stdout
    assert origin.startswith(str(bin_dir.parent)), origin


def test_installed_tui_paints_and_quits_in_a_terminal(installed, outside) -> None:
    bin_dir, _expected, _names = installed
    folder, env = outside
    db = folder / "duty.json"
    exit_file = folder / "exit"
    # tmux runs the script itself, as `ssh -t host duty-tui` runs the binary without a login shell.
    script = folder / "run.sh"
    exports = "".join(f"export {k}='{env[k]}'\n" for k in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                                                           "XDG_CACHE_HOME", "TERM", "PATH") if k in env)
    script.write_text(f"#!/bin/sh\n{exports}cd '{folder}'\n'{bin_dir / 'duty-tui'}' --no-mouse --db '{db}'\n"
                      f"echo EXITED=$? > '{exit_file}'\nsleep 30\n")
    script.chmod(0o755)
    tmux = ["tmux", "-L", SOCKET]
    subprocess.run([*tmux, "kill-server"], capture_output=True)
    subprocess.run([*tmux, "new-session", "-d", "-s", "i", "-x", "80", "-y", "24", str(script)],
                   check=True, env=env, cwd=folder)
    try:
        screen = poll(lambda: subprocess.run([*tmux, "capture-pane", "-p", "-t", "i"], capture_output=True,
                                             text=True).stdout, lambda s: "清单进度" in s or exit_file.exists())
        assert "清单进度" in screen and "Traceback" not in screen, screen
        subprocess.run([*tmux, "send-keys", "-t", "i", "q"], check=True)
        poll(lambda: exit_file.read_text() if exit_file.exists() else "", lambda s: s.endswith("\n"))
        assert exit_file.read_text().strip() == "EXITED=0"
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def poll(read, done, timeout: float = 30) -> str:
    end = time.monotonic() + timeout
    while True:
        value = read()
        if done(value):
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {timeout:g} s; last seen:\n{value}")
        time.sleep(0.1)
