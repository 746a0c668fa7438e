"""Shared fixtures: every test runs with its own config/data folders and a pinned clock."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep tests away from the real user's config and data folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    for name in ("DUTY_TUI_CHECKLISTS", "DUTY_TUI_DB", "DUTY_TUI_TODAY", "NO_COLOR", "DUTY_TUI_LOCK_TIMEOUT",
                 "DUTY_TUI_TIMEZONE"):
        monkeypatch.delenv(name, raising=False)
    # Never the real /etc/duty-tui (CI runs as root): a system file only where a test writes one.
    monkeypatch.setenv("DUTY_TUI_SYSTEM_CONFIG", str(home / "etc-duty-tui" / "config.toml"))
    monkeypatch.setenv("COLUMNS", "80")
    return home


@pytest.fixture
def data_dir() -> Path:
    return Path(__file__).parent / "data"


def env_for_subprocess(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    return env


ROOT = Path(__file__).resolve().parent.parent


def run_cli(db: Path, *args: str, preexec_fn=None, **env: str) -> subprocess.CompletedProcess:
    """The real command line (`python -m tui`) on database ``db``, as a user or a cron job runs it."""
    return subprocess.run([sys.executable, "-m", "tui", "--db", str(db), *args], capture_output=True, text=True,
                          cwd=ROOT, env=env_for_subprocess(**env), timeout=60, stdin=subprocess.DEVNULL,
                          preexec_fn=preexec_fn)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist turns -n into workers
def pytest_cmdline_main(config: pytest.Config) -> None:
    """``--snapshot-update`` runs in one process: only there does syrupy see every test and drop stale pictures."""
    if config.getoption("update_snapshots", False) and config.getoption("numprocesses", None):
        config.option.numprocesses = 0
        config.option.dist = "no"


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups off the items
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Keep a module whose fixture is built once per module on one worker, where it is built once.

    The suite runs with ``--dist loadgroup``: tests without a group are handed
    out one by one, so a module's tests would land on every worker, and a
    worker switching modules tears the fixture down and builds it again. The
    groups are handed out first, largest first; the single tests that follow
    balance the workers' ends.
    """
    for item in items:
        if item.get_closest_marker("xdist_group"):
            continue
        fixtures = getattr(item, "_fixtureinfo", None)
        if fixtures and any(defs[-1].scope == "module" for defs in fixtures.name2fixturedefs.values()):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A tmux test skips on a machine without tmux, but never where terminal tests are required (CI)."""
    if item.get_closest_marker("tmux"):
        from tests.support.tools import need

        need("tmux", "tmux")


@contextmanager
def refused(match: str | None = None, *, code: str | None = None) -> Iterator[pytest.ExceptionInfo]:
    """Expect a Refusal; ``match`` is searched for in what the command line would print."""
    import re

    from checklists.errors import Refusal
    from tui.errors import explain

    with pytest.raises(Refusal) as caught:
        yield caught
    text = explain(caught.value, "cli")
    if match is not None:
        assert re.search(match, text), text
    if code is not None:
        assert caught.value.code == code, caught.value
