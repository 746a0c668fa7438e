"""Who is asking: the one place a use case learns the account a change is recorded under.

Today that is the OS account behind this process (store.account); a writer
service would build an Identity from its peer's credentials (SO_PEERCRED)
instead. Nothing below this seam guesses an account.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Identity:
    account: str


def os_identity() -> Identity:
    """The account the kernel says runs this process (never $USER, which anyone can set)."""
    from store.account import os_account

    return Identity(os_account())
