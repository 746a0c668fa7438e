"""Layering rules: imports flow tui -> store -> checklists, and the CLI stays light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
FORBIDDEN = {"checklists": {"store", "tui", "tinydb", "textual", "rich", "typer"}, "store": {"tui", "textual", "typer"}}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_lower_layers_never_import_upward(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & FORBIDDEN[package])
        for path in (ROOT / package).rglob("*.py")
        if imported_roots(path) & FORBIDDEN[package]
    }
    assert offenders == {}


def test_cli_import_does_not_load_textual() -> None:
    code = "import sys, tui.cli; print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_only_the_app_package_imports_textual() -> None:
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / "tui").rglob("*.py")
                 if "app" not in path.relative_to(ROOT / "tui").parts[:1] and "textual" in imported_roots(path)]
    assert offenders == []


def test_tui_start_path_does_not_load_typer() -> None:
    """`duty-tui` alone reaches the app through tui.entry and tui.launch, without Typer's ~75 ms."""
    code = ("import sys, tui.entry, tui.launch, tui.app.app; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'click'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_tui_reaches_the_store_only_through_its_interface() -> None:
    """Shards, file signatures and TinyDB queries stay inside the backend: tui/ names none of its modules."""
    offenders = {str(path.relative_to(ROOT)): sorted(m for m in imported_modules(path)
                                                     if m.startswith(("store.tinydb", "tinydb")))
                 for path in (ROOT / "tui").rglob("*.py")}
    assert {path: mods for path, mods in offenders.items() if mods} == {}


def test_the_architecture_test_sees_a_backend_import(tmp_path: Path) -> None:
    """The check above would catch `from store.tinydb.changes import record` and `import store.tinydb`."""
    for line in ("from store.tinydb.changes import record", "import store.tinydb", "from store import tinydb"):
        probe = tmp_path / "probe.py"
        probe.write_text(line + "\n", "utf-8")
        assert any(m.startswith("store.tinydb") for m in imported_modules(probe)), line


LOGIN_PATH = ("tui.entry", "tui.quick", "tui.files", "tui.render.banner", "store", "store.account",
              "store.tinydb.summary")


def test_the_login_path_imports_nothing_heavy() -> None:
    """What `remind --login` loads to answer from a kept summary: the standard library's lightest parts and ours."""
    code = (f"import sys; import {', '.join(LOGIN_PATH)}; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'click', 'textual', 'rich', 'tinydb', "
            "'orjson', 'filelock', 'platformdirs', 'dataclasses', 'typing', 'pathlib', 'tomllib', 'checklists'}))")
    # -S: no site-packages, whose .pth files (an editable install's finder) import pathlib themselves.
    out = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("command", [["remind", "--all"], ["status"]], ids=" ".join)
def test_remind_and_plain_status_never_load_typer_or_textual(command: list[str], tmp_path: Path) -> None:
    """Computing from the database and reading back what was kept: neither needs Typer, Click or Textual."""
    db = tmp_path / "duty.json"
    code = (f"import sys; sys.argv = ['duty-tui', '--db', sys.argv[1], *{command!r}]\n"
            "from tui.entry import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'click', 'textual'}))")
    subprocess.run([sys.executable, "-m", "tui", "--db", str(db), "people", "add", "张三", "--role", "党员"],
                   check=True, capture_output=True, cwd=ROOT)
    for _ in range(2):  # computed and kept, then read back
        out = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True,
                             cwd=ROOT)
        assert out.stdout.splitlines()[-1] == "[]", out.stdout


STORE_WRITES = {"append", "add_people", "remove_person", "add_branch", "set_branch_term", "link_account", "set_org"}


def store_writes(path: Path) -> list[str]:
    """Calls of a Store write method on anything named like a store (``store.append(...)``, ``open_store(ctx).x``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in STORE_WRITES:
            receiver = ast.unparse(node.func.value)
            if "store" in receiver.lower():
                found.append(f"{receiver}.{node.func.attr}")
    return found


def test_only_the_use_cases_ask_the_store_to_write() -> None:
    """The CLI and the screens change records through tui/usecases alone, so the rules run on one path."""
    offenders = {str(path.relative_to(ROOT)): store_writes(path) for path in (ROOT / "tui").rglob("*.py")
                 if "usecases" not in path.relative_to(ROOT / "tui").parts[:1] and store_writes(path)}
    assert offenders == {}


def test_the_write_check_sees_a_direct_store_write(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("open_store(ctx).add_people([person])\nself.store.append([draft], expected={})\n", "utf-8")
    assert store_writes(probe) == ["open_store(ctx).add_people", "self.store.append"]
