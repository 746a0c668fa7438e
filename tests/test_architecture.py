"""Layering rules: imports flow tui -> store -> checklists, and the CLI stays light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import imports

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


LOGIN_PATH = ("tui.entry", "tui.fast.argv", "tui.fast.kept", "tui.fast.answer", "tui.fast.files",
              "tui.fast.banner", "tui.fast.terminal", "store.summary", "store.account")


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


def test_pypinyin_loads_only_when_a_name_is_matched() -> None:
    """Its dictionaries take a while to load: importing the matcher, the CLI or the app must not load them."""
    code = ("import sys, checklists.names, tui.cli, tui.app.app; print('pypinyin' in sys.modules); "
            "checklists.names.matches('张三', 'zs'); print('pypinyin' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["False", "True"]


# -- no import loops, and imports only down the layers -----------------------------------------------------

LAYERS = ("checklists", "store", "tui")  # each may import those before it, never those after


def layer_violations(root: Path, layers: tuple[str, ...]) -> list[str]:
    """`a -> b (file:line)` for every import of a later layer by an earlier one."""
    known = imports.modules(root, layers)
    rank = {package: number for number, package in enumerate(layers)}
    return [f"{module} -> {target} ({known[module].relative_to(root)}:{line})"
            for module, targets in imports.graph(known).items() for target, line in targets.items()
            if rank[target.split(".")[0]] > rank[module.split(".")[0]]]


def import_loops(root: Path, packages: tuple[str, ...]) -> list[str]:
    edges = imports.graph(imports.modules(root, packages))
    return [imports.loop_path(group, edges) for group in imports.cycles(edges)]


def test_no_module_imports_another_that_imports_it_back() -> None:
    """No loop of imports anywhere, at module level or inside functions (tests/support/imports.py says what
    counts): a loop means neither module can be understood, tested or loaded without the other."""
    assert import_loops(ROOT, LAYERS) == []


def test_imports_flow_down_the_layers_only() -> None:
    """tui -> store -> checklists, for every import, relative ones and those inside functions included."""
    assert layer_violations(ROOT, LAYERS) == []


def write_package(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


def test_the_loop_check_finds_loops_however_they_are_written(tmp_path: Path) -> None:
    """A synthetic package with loops closed at call time, through `from . import x` and through a package,
    is reported; one whose back edge is only for type checking is not."""
    write_package(tmp_path, {
        "low/__init__.py": "",
        "low/a.py": "from . import b\n",
        "low/b.py": "def f():\n    from .c import g\n",
        "low/c.py": "import low.a\n",
        "low/d.py": "from low.sub import e\n",
        "low/sub/__init__.py": "",
        "low/sub/e.py": "def f():\n    from .. import d\n",
        "low/f.py": "from typing import TYPE_CHECKING\nfrom . import g\n",
        "low/g.py": "TYPE_CHECKING = False\nif TYPE_CHECKING:\n    from . import f\n",
    })
    assert import_loops(tmp_path, ("low",)) == ["low.a -> low.b -> low.c -> low.a", "low.d -> low.sub.e -> low.d"]


def test_the_layer_check_finds_an_upward_import(tmp_path: Path) -> None:
    """An upward import inside a function, written relatively or absolutely, is reported; downward is fine."""
    write_package(tmp_path, {
        "base/__init__.py": "",
        "base/model.py": "def f():\n    from top import view\n",
        "top/__init__.py": "from base import model\n",
        "top/view.py": "import base.model\n",
    })
    assert layer_violations(tmp_path, ("base", "top")) == ["base.model -> top.view (base/model.py:2)"]


FAST_MAY_LOAD = {"store.summary", "store.account", "store.tinydb.summary"}


def test_the_fast_path_imports_only_the_standard_library_and_the_summary_reader() -> None:
    """Every import in tui.fast, inside functions too, and through whatever it imports of ours, reaches of ours
    only the package itself, the summary reader (store.summary) and the account (store.account), and
    nothing outside the standard library."""
    known = imports.modules(ROOT, LAYERS)
    fast = {name for name in known if name.startswith("tui.fast")}
    ours, others = imports.reached(known, fast)
    assert ours - fast == FAST_MAY_LOAD
    assert others - set(sys.stdlib_module_names) == set()
    assert {"tui.fast.argv", "tui.fast.kept", "tui.fast.answer"} <= fast  # the check did read the package


def test_importing_the_fast_path_loads_nothing_else() -> None:
    """The same, as Python does it: importing all of tui.fast loads no other module of ours, nothing from
    site-packages, and no heavy part of the standard library (typing, dataclasses, pathlib)."""
    fast = sorted(name for name in imports.modules(ROOT, ("tui",)) if name.startswith("tui.fast"))
    code = (f"import sys; before = set(sys.modules); import {', '.join(fast)}; "
            "print(' '.join(sorted(set(sys.modules) - before)))")
    # -S: no site-packages, whose .pth files (an editable install's finder) import modules of their own.
    out = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    loaded = {name.split(".")[0] for name in out.stdout.split()}
    assert loaded - set(sys.stdlib_module_names) == {"tui"}
    assert loaded & {"typing", "dataclasses", "pathlib", "tomllib"} == set()


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
