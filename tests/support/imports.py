"""The import graph of our packages, read from the source: what imports what, and the loops in it.

What counts as an import of module B by module A:

- ``import B``, ``from B import name`` and the relative forms (``from . import
  B``, ``from .B import name``), resolved against A's package;
- ``from P import B`` counts as an import of P.B when P.B is a module, and of P
  when any name imported is not a module;
- wherever it is written: at module level, inside a function or method, under
  ``try``/``if``. A loop closed only at call time still ties the modules into
  one, so it counts; only what sits under ``if TYPE_CHECKING:`` does not,
  since it never runs;
- not the parent packages Python imports on the way (``import a.b`` runs
  ``a/__init__``): they count only where a module names them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from pathlib import Path


def modules(root: Path, packages: Iterable[str]) -> dict[str, Path]:
    """Dotted name -> file, for every module of ``packages`` under ``root``."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"
            or isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _type_checking(child):
            for other in child.orelse:
                yield from _imports_in(other)
            continue
        yield from _imports_in(child)


def _imports_in(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        yield node
    yield from _imports(node)


def _base(module: str, path: Path, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    package = package[:len(package) - (node.level - 1)]
    return ".".join(package + ([node.module] if node.module else []))


def _ours(name: str, known: dict[str, Path]) -> str | None:
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imported(module: str, path: Path, known: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """(dotted name, line) of everything ``module`` imports, ours resolved to a module in ``known``."""
    for node in _imports(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            base = _base(module, path, node)
            submodules = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known]
            names = submodules if len(submodules) == len(node.names) else [base, *submodules]
        for name in names:
            yield _ours(name, known) or name, node.lineno


def graph(known: dict[str, Path]) -> dict[str, dict[str, int]]:
    """{module: {module it imports: line of the first such import}}, between ``known`` modules only."""
    edges: dict[str, dict[str, int]] = {}
    for module, path in known.items():
        targets: dict[str, int] = {}
        for name, line in imported(module, path, known):
            if name in known and name != module:
                targets.setdefault(name, line)
        edges[module] = targets
    return edges


def reached(known: dict[str, Path], start: Iterable[str]) -> tuple[set[str], set[str]]:
    """(our modules, other top-level packages) that ``start`` imports, directly or through ours, anywhere."""
    ours: set[str] = set()
    others: set[str] = set()
    todo = list(start)
    while todo:
        module = todo.pop()
        if module in ours:
            continue
        ours.add(module)
        for name, _ in imported(module, known[module], known):
            if name in known:
                todo.append(name)
            else:
                others.add(name.split(".")[0])
    return ours, others


def cycles(edges: dict[str, dict[str, int]]) -> list[list[str]]:
    """Each group of modules that import one another, directly or in a loop (Tarjan's strongly connected
    components of more than one module), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(start: str) -> None:
        # Iterative, so a long chain of imports cannot hit the recursion limit.
        work = [(start, iter(sorted(edges.get(start, {}))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, rest = work[-1]
            step = next(rest, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(edges.get(step, {})))))
                elif step in on_stack:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return sorted(found)


def loop_path(group: list[str], edges: dict[str, dict[str, int]]) -> str:
    """One loop through ``group``, as `a -> b -> a`, to say in a failure where to cut."""
    members = set(group)
    path = [group[0]]
    while True:
        step = min(t for t in edges[path[-1]] if t in members)
        if step in path:
            return " -> ".join(path[path.index(step):] + [step])
        path.append(step)
