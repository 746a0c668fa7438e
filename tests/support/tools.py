"""Outside programs the terminal tests need, and what happens when one is missing.

On a developer's machine a missing tmux or sshd skips the tests that need it.
CI sets ``DUTY_TUI_REQUIRE_TERMINAL=1`` (see ``.ci/run``): there a missing
program fails those tests, so a broken install can never pass as "skipped".
"""

from __future__ import annotations

import os
import shutil

import pytest

REQUIRE = "DUTY_TUI_REQUIRE_TERMINAL"


def need(program: str, package: str) -> None:
    """Skip the test, or fail it when terminal tests are required, unless ``program`` can run."""
    if shutil.which(program) is not None:
        return
    message = f"{program} is not installed (Debian package {package})"
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"{message}; {REQUIRE}=1 says it must be", pytrace=False)
    pytest.skip(message)
