"""What every use case runs with (the store, the library, who is asking) and how a write is retried.

A use case reads, decides by the rules, and asks the store to write "if
still as I read it". Between the read and the write someone else may have
written: the store refuses (StoreConflict) and the whole decision is made
again on fresh data, a few times at most. A change that keeps losing the race
is refused as busy rather than retried for ever.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from checklists.errors import Refusal
from checklists.loader import Library
from checklists.model import Checklist, Item
from store.errors import StoreConflict
from store.interface import Store

from .identity import Identity

T = TypeVar("T")
ATTEMPTS = 5


@dataclass(frozen=True)
class Session:
    store: Store
    library: Library
    identity: Identity

    @property
    def account(self) -> str:
        return self.identity.account

    def checklist(self, checklist_id: str) -> Checklist:
        found = self.library.get(checklist_id)
        if found is None:
            raise Refusal("checklist-unknown", name=checklist_id)
        return found

    def item(self, checklist_id: str, item_id: str) -> tuple[Checklist, Item]:
        checklist = self.checklist(checklist_id)
        item = checklist.item(item_id)
        if item is None:
            raise Refusal("item-unknown", checklist=checklist.id, name=item_id,
                          known=tuple(i.id for i in checklist.items))
        return checklist, item


def retried(decide_and_write: Callable[[], T], *, attempts: int = ATTEMPTS) -> T:
    """Run read → rules → write again while the store says what was read has changed."""
    for _ in range(attempts - 1):
        try:
            return decide_and_write()
        except StoreConflict:
            continue
    try:
        return decide_and_write()
    except StoreConflict as exc:
        raise StoreConflict("conflict-persists", attempts=attempts, **exc.fields) from None
