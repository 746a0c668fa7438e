"""One sshd for plain commands and one for login shells, shared by the whole test session.

Starting sshd (and making its keys) costs a fraction of a second; sharing
it keeps the SSH tests as fast as the tmux ones.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.sshd import SSHD, SshServer, start_sshd
from tests.support.tools import need


@pytest.fixture(scope="session")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SshServer]:
    """A server whose sessions see the account's real HOME, as `ssh host cmd` does."""
    need(SSHD, "openssh-server")
    need("tmux", "tmux")
    server = start_sshd(tmp_path_factory.mktemp("sshd"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def login_sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SshServer]:
    """A server whose sessions get a private HOME, so login shells read a profile the test writes."""
    need(SSHD, "openssh-server")
    need("tmux", "tmux")
    folder = tmp_path_factory.mktemp("login-sshd")
    server = start_sshd(folder, home=folder / "home")
    yield server
    server.stop()
