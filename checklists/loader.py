"""Finding, reading and merging checklist files: built-in ones and the user's.

User files replace a built-in checklist with the same id, so a bureau can
write its own "1书4表" without forking the program.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from . import daysoff, festivals
from .errors import DefinitionError, Problem
from .fingerprint import files_fingerprint
from .holiday_file import FILE_NAME as HOLIDAYS_FILE
from .holiday_file import read_overrides
from .model import Checklist
from .toml_errors import syntax_error

ENV_DIR = "DUTY_TUI_CHECKLISTS"


def parse_text(text: str, file: str, source: str = "user") -> tuple[Checklist | None, list[Problem]]:
    import tomllib

    from .schema import parse_checklist

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem(file, syntax_error(exc))]
    return parse_checklist(data, file, source)


def read_file(path: Path, source: str = "user") -> tuple[Checklist | None, list[Problem]]:
    """Parse one file; unreadable or non-UTF-8 files are problems, not crashes."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [Problem(str(path), f"not UTF-8 text (byte {exc.start}); save the file as UTF-8")]
    except OSError as exc:
        return None, [Problem(str(path), f"cannot read: {exc.strerror or exc}")]
    checklist, problems = parse_text(text, str(path), source)
    return (replace(checklist, path=path) if checklist else None), problems


def checklist_files(folder: Path) -> list[Path]:
    """The checklist files of a folder: every *.toml but the holidays file."""
    return sorted(p for p in folder.glob("*.toml") if p.name != HOLIDAYS_FILE)


def validate_paths(paths: list[Path]) -> tuple[list[Checklist], list[Problem]]:
    """Check files and folders as `duty-tui validate` does, ids unique across them.

    A file named holidays.toml is an org's days off (see
    :mod:`checklists.holiday_file`), checked as such wherever it is named.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = checklist_files(path)
            holidays = path / HOLIDAYS_FILE
            if holidays.is_file():
                problems += read_overrides(holidays)[1]
            elif not found:
                problems.append(Problem(str(path), "folder holds no *.toml checklist files"))
            files.extend(found)
        elif path.name == HOLIDAYS_FILE and path.is_file():
            problems += read_overrides(path)[1]
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(str(path), "no such file or folder"))
    checklists: list[Checklist] = []
    first_seen: dict[str, Path] = {}
    for file in files:
        checklist, file_problems = read_file(file)
        problems.extend(file_problems)
        if checklist is None:
            continue
        if checklist.id in first_seen:
            problems.append(Problem(str(file), f"duplicate checklist id, also defined in {first_seen[checklist.id]}",
                                    checklist.id, field="id"))
            continue
        first_seen[checklist.id] = file
        checklists.append(checklist)
    return checklists, problems


def builtin_checklists() -> list[Checklist]:
    result: list[Checklist] = []
    problems: list[Problem] = []
    from importlib import resources

    folder = resources.files("checklists.builtin")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            checklist, found = parse_text(entry.read_text("utf-8"), f"checklists/builtin/{entry.name}", "builtin")
            problems.extend(found)
            if checklist:
                result.append(checklist)
    if problems:
        raise DefinitionError(problems)
    return result


def default_user_dir() -> Path:
    from platformdirs import user_config_path

    return user_config_path("duty-tui") / "checklists"


def user_dir(explicit: Path | None = None) -> Path:
    """The folder of the user's own checklists: flag, then environment, then default."""
    if explicit is not None:
        return explicit
    env = os.environ.get(ENV_DIR)
    return Path(env) if env else default_user_dir()


class Library:
    """All checklists in effect: built-ins, with user files added or replacing by id."""

    def __init__(self, checklists: list[Checklist]):
        self._by_id = {c.id: c for c in checklists}

    def __iter__(self) -> Iterator[Checklist]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, checklist_id: str) -> Checklist | None:
        return self._by_id.get(checklist_id)

    def targets(self) -> dict[str, int]:
        """Each item's goal per period, keyed "checklist/item": what replaying a count item's events needs."""
        return {f"{c.id}/{i.id}": i.target for c in self._by_id.values() for i in c.items}

    def resolve(self, name: str) -> Checklist | None:
        """Find by id or by Chinese title, as users type either."""
        name = name.strip()
        found = self._by_id.get(name) or self._by_id.get(name.lower())
        if found:
            return found
        matches = [c for c in self._by_id.values() if c.title == name]
        if not matches:
            bare = name.strip("《》\"“”")
            matches = [c for c in self._by_id.values() if c.title.strip("《》\"“”") == bare]
        return matches[0] if len(matches) == 1 else None


def fingerprint_files(folder: Path) -> list[Path]:
    """Every file the library in effect is read or derived from: a change to any of them changes the library."""
    here = Path(__file__).parent
    files = [*sorted((here / "builtin").glob("*.toml")), *sorted((here / "builtin" / "report").glob("*.toml")),
             *(here / name for name in ("schema.py", "model.py", "loader.py", "festivals.py", "daysoff.py",
                                        "holiday_file.py", "report_spec.py")),
             *_notices_files()]
    if folder.is_dir():
        files += sorted(folder.glob("*.toml"))
    return files


def _fingerprint(folder: Path) -> str:
    """Changes whenever a checklist file, the code that parses them or the notices change."""
    return files_fingerprint(fingerprint_files(folder), str(folder))


def _notices_files() -> list[Path]:
    """The holidays package's China table, found without importing the package (~60 ms).

    An upgrade that carries a new year's notice changes it, and so the cache.
    """
    from importlib.util import find_spec

    try:
        spec = find_spec("holidays")
    except (ImportError, ValueError):
        return []
    locations = list(spec.submodule_search_locations or []) if spec else []
    return [Path(location) / "countries" / "china.py" for location in locations]


def _read_cache(cache: Path, fingerprint: str) -> list[Checklist] | None:
    try:
        with open(cache, "rb") as handle:
            stored_fingerprint, checklists, dates, notices, overrides = pickle.load(handle)
    except Exception:  # a missing, stale or damaged cache is simply rebuilt
        return None
    if stored_fingerprint != fingerprint:
        return None
    festivals.remember(dates)
    daysoff.install(overrides, notices)
    return checklists


def _write_cache(cache: Path, fingerprint: str, checklists: list[Checklist], overrides: dict) -> None:
    """Store the library, and the moving holidays and the notices of the years around now."""
    import tempfile

    this_year = date.today().year
    years = range(this_year - 10, this_year + 3)
    dates = festivals.table_for(years)
    notices = daysoff.read_notices(years.start - 1, years.stop)
    daysoff.install(overrides, notices)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".library.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((fingerprint, checklists, dates, notices, overrides), handle,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        pass  # the cache only saves time; never fail a command over it


def load_library(folder: Path | None = None, *, required: bool = False, cache_dir: Path | None = None) -> Library:
    """Built-ins plus the user's folder; a missing default folder is simply empty.

    Raises DefinitionError if any file is invalid, so the program never runs on
    half a library. ``required`` makes a missing explicitly named folder an error.
    With ``cache_dir``, a successfully validated library is kept as a pickle
    keyed on every file's size and mtime: parsing 22 TOML files costs more than
    the rest of a `status` run on a small database. The folder's holidays.toml
    is installed as this process's calendar (:func:`checklists.daysoff.install`).
    """
    folder = user_dir(folder)
    if required and not folder.is_dir():
        raise DefinitionError([Problem(str(folder), "清单目录不存在；请先创建它，或改正路径（--checklists、DUTY_TUI_CHECKLISTS 或配置文件）")])
    cache = cache_dir / "library.pickle" if cache_dir else None
    fingerprint = _fingerprint(folder) if cache else ""
    if cache:
        cached = _read_cache(cache, fingerprint)
        if cached is not None:
            return Library(cached)
    checklists = builtin_checklists()
    overrides: dict = {}
    if folder.is_dir():
        holidays = folder / HOLIDAYS_FILE
        overrides, problems = read_overrides(holidays) if holidays.is_file() else ({}, [])
        files = checklist_files(folder)
        users, found = validate_paths(files) if files else ([], [])
        problems += found
        if problems:
            raise DefinitionError(problems)
        by_id = {c.id: c for c in checklists}
        for checklist in users:
            by_id[checklist.id] = checklist
        checklists = list(by_id.values())
    daysoff.install(overrides)
    if cache:
        _write_cache(cache, fingerprint, checklists, overrides)
    return Library(checklists)
