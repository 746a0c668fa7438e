"""Who is making a change: the OS account behind the process, never $USER.

$USER and $LOGNAME are set by the login shell and anyone can change them;
the uid is what the kernel says, so it is what an audit trail records.
"""

from __future__ import annotations

import os
import pwd


def os_account() -> str:
    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid{uid}"
