"""The product uses only the public API of the libraries it builds on (Typer, Click, Textual, Rich, python-docx).

A private attribute or module (``screen._bindings``, ``paragraph._p``,
``textual.widgets._toast``) can change in any release without notice, and
we pin none of these libraries to a patch version. Read from the source:
every ``x._name`` where x is not ``self`` or ``cls`` (our own classes keep
their private attributes to themselves), and every import of a module or
name that starts with ``_``.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).parent.parent
PRODUCT = ("checklists", "store", "tui")
# Reached knowingly, each with the reason; anything else found fails the test.
KNOWN = {
    "os._exit": "public, documented: ends a forked child without running the parent's cleanup",
}


def private_uses(path: Path) -> list[str]:
    """`line: what` for each private attribute or module reached in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.endswith("__"):
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if any(p.startswith("_") for p in a.name.split("."))]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module != "__future__":
            module = node.module or ""
            if any(part.startswith("_") for part in module.split(".")):
                found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{a.name}") for a in node.names
                      if a.name.startswith("_") and not a.name.endswith("__")]
    return [f"{line}: {what}" for line, what in sorted(set(found))]


def test_the_product_reaches_no_private_attribute_or_module() -> None:
    found = {str(path.relative_to(ROOT)): [use for use in private_uses(path) if use.split(": ", 1)[1] not in KNOWN]
             for package in PRODUCT for path in sorted((ROOT / package).rglob("*.py"))}
    assert {path: uses for path, uses in found.items() if uses} == {}


def test_the_check_finds_private_attributes_and_modules(tmp_path: Path) -> None:
    """Each way a private API was reached before is reported; our own ``self._x`` is not."""
    probe = tmp_path / "probe.py"
    probe.write_text("from textual.widgets._toast import Toast\n"
                     "import typer.rich_utils._x\n"
                     "from docx.oxml import _private\n"
                     "def f(screen, footer, part, app, self):\n"
                     "    screen._bindings.key_to_bindings\n"
                     "    footer._p.append(part._blob)\n"
                     "    app.screen._compositor\n"
                     "    return self._mine, type(app).__name__\n", "utf-8")
    assert private_uses(probe) == ["1: textual.widgets._toast", "2: typer.rich_utils._x", "3: docx.oxml._private",
                                   "5: screen._bindings", "6: footer._p", "6: part._blob", "7: app.screen._compositor"]
