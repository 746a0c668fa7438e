"""A staffed database, the built-in library, and a store that notes every write it is asked for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checklists.loader import load_library
from store import open_store
from store.interface import Store
from tui import usecases

WRITES = ("append", "add_people", "remove_person", "add_branch", "set_branch_term", "link_account", "set_org")


class Recording:
    """The Store it wraps, with every write method noted (by name) before it is passed on."""

    def __init__(self, store: Store):
        self.inner = store
        self.writes: list[str] = []

    def __getattr__(self, name: str) -> Any:
        found = getattr(self.inner, name)
        if name not in WRITES:
            return found

        def write(*args: Any, **kwargs: Any) -> Any:
            self.writes.append(name)
            return found(*args, **kwargs)

        return write


@pytest.fixture(scope="session")
def library():
    return load_library()


@pytest.fixture
def store(tmp_path: Path, library) -> Store:
    store = open_store(tmp_path / "duty.json", lock_timeout=5)
    setup = usecases.Session(store, library, usecases.Identity("clerk"))
    usecases.add_people(setup, usecases.AddPeople((
        usecases.PersonValues("张三", ("班子成员", "党员"), "办公室", "第一党支部"),
        usecases.PersonValues("李四", ("党组书记", "党员"), "", "第一党支部"),
        usecases.PersonValues("王五", ("党员",), "财务科", "第二党支部"))))
    usecases.set_org(setup, usecases.SetOrg(since="2023-01-01"))
    return store


@pytest.fixture
def recording(store: Store) -> Recording:
    return Recording(store)


def session_of(store: Any, library, account: str = "clerk") -> usecases.Session:
    return usecases.Session(store, library, usecases.Identity(account))
