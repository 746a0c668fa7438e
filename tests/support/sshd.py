"""A private OpenSSH server on 127.0.0.1, so tests and benchmarks take the path users take: `ssh -t host duty-tui`.

`start_sshd` runs Debian's ``/usr/sbin/sshd`` in the foreground with a config,
host key, client key and log of its own in a temp folder, on a free port. It
logs in the account running the tests (root in CI, which is why root logins
are allowed) by public key only, and touches nothing of the machine's own
SSH setup apart from creating ``/run/sshd`` when running as root, which sshd
insists on. ``UsePAM no`` keeps it independent of ``/etc/pam.d``; without PAM
sshd refuses accounts whose password is locked (``!`` in ``/etc/shadow``), so
`start_sshd` tries one login and fails with sshd's log if it is refused.

What a command sees over SSH is the account's environment, not the test's:
HOME is the account's real home, PATH is sshd's default, and no DUTY_TUI_*
variable passes. Tests hand their settings over on the remote command line
(`remote_command`) and point the XDG folders somewhere private
(`private_dirs`) so nothing is written into the real home.

Login shells. `ssh -t host` with no command makes sshd start the account's
shell as a login shell, which reads ``/etc/profile`` (and through it
``/etc/profile.d``), then ``~/.profile``. Tests must not edit either on a
developer's machine, so a server started with ``home=`` sets HOME to that
folder for every session (sshd's ``SetEnv`` overrides the HOME it takes from
the password file), and `login_shell` writes a ``.profile`` there that
sources a snippet of the test's choosing: the snippet stands where a file in
``/etc/profile.d`` would, and runs in the same shell with the same terminal
and environment, just after ``/etc/profile`` instead of inside it. The real
``/etc/profile`` still runs, as it would for a user. The shell starts in the
real home directory (sshd changes into it before HOME is replaced), so what a
test types there must not write relative paths. Such a server is kept apart
from the one for plain commands, whose HOME stays the real one.
"""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.support.tmux import Tmux

SSHD = "/usr/sbin/sshd"
HOST = "127.0.0.1"


@dataclass
class SshServer:
    port: int
    key: Path
    log: Path
    home: Path | None
    process: subprocess.Popen[bytes]

    def client(self, remote: str | None = None, *, tty: bool = False) -> list[str]:
        """The `ssh` command line that logs in here and runs ``remote`` (a shell command line), or a login shell.

        ``-F none`` and the identity options keep the developer's own SSH
        config and agent out of it; a host key check against /dev/null and
        BatchMode mean it can neither prompt nor remember anything.
        """
        return ["ssh", "-F", "none", "-p", str(self.port), "-i", str(self.key),
                "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "GlobalKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                *(["-t"] if tty else []), HOST, *([remote] if remote is not None else [])]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def remote_command(argv: Sequence[str], env: Mapping[str, str] | None = None) -> str:
    """``argv`` run with ``env`` added, as one line for the remote shell.

    ssh joins its arguments with spaces and the account's shell parses the
    result, so each word is quoted for that shell.
    """
    prefix = ["env", *(f"{name}={value}" for name, value in env.items())] if env else []
    return shlex.join([*prefix, *argv])


def private_dirs(folder: Path) -> dict[str, str]:
    """XDG variables that keep a remote program's config, data and cache inside ``folder``."""
    return {f"XDG_{kind.upper()}_HOME": str(folder / kind) for kind in ("config", "data", "cache", "state")}


def start_sshd(folder: Path, *, home: Path | None = None, timeout: float = 10) -> SshServer:
    """sshd serving on a free port of 127.0.0.1, its files in ``folder``; HOME set to ``home`` when given."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("host_key", "client_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(folder / name)],
                       check=True, capture_output=True)
    (folder / "authorized_keys").write_bytes((folder / "client_key.pub").read_bytes())
    if os.geteuid() == 0:
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # privilege separation, needed when run as root
    for _attempt in range(5):
        server = _launch(folder, _free_port(), home, timeout)
        if server is not None:
            break
    else:
        raise RuntimeError(f"sshd found no free port; its log:\n{(folder / 'sshd.log').read_text()}")
    login = subprocess.run(server.client("true"), stdin=subprocess.DEVNULL, capture_output=True, text=True,
                           timeout=timeout)
    if login.returncode != 0:
        server.stop()
        raise RuntimeError(f"sshd refused to log this account in ({login.stderr.strip()}); its log:\n"
                           f"{server.log.read_text()}")
    return server


def _launch(folder: Path, port: int, home: Path | None, timeout: float) -> SshServer | None:
    """sshd on ``port`` once it listens, or None if another process took the port first."""
    config = folder / "sshd_config"
    settings = [f"Port {port}", f"ListenAddress {HOST}", f'HostKey "{folder / "host_key"}"',
                f'PidFile "{folder / "sshd.pid"}"', f'AuthorizedKeysFile "{folder / "authorized_keys"}"',
                "StrictModes no",  # the temp folder's modes are not the point of these tests
                "PermitRootLogin yes", "UsePAM no", "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "PrintMotd no", "PrintLastLog no"]
    if home is not None:
        home.mkdir(parents=True, exist_ok=True)
        settings.append(f'SetEnv HOME="{home}"')
    config.write_text("\n".join(settings) + "\n")
    log = folder / "sshd.log"
    with log.open("wb") as sink:
        process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stdin=subprocess.DEVNULL,
                                   stdout=sink, stderr=subprocess.STDOUT)
    ready = f"Server listening on {HOST} port {port}."
    end = time.monotonic() + timeout
    while ready not in log.read_text(errors="replace"):
        if process.poll() is not None:
            if "Address already in use" in log.read_text(errors="replace"):
                return None
            raise RuntimeError(f"sshd exited with status {process.returncode}; its log:\n{log.read_text()}")
        if time.monotonic() > end:
            process.kill()
            process.wait()
            raise RuntimeError(f"sshd did not listen within {timeout} s; its log:\n{log.read_text()}")
        time.sleep(0.02)
    return SshServer(port=port, key=folder / "client_key", log=log, home=home, process=process)


def _free_port() -> int:
    """A port nobody listens on right now; sshd may still lose it to another process, hence the retries."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def login_shell(server: SshServer, snippet: Path, *, width: int = 80, height: int = 24,
                timeout: float = 15) -> Tmux:
    """An interactive login shell over `ssh -t` in a fresh tmux pane, its profile sourcing ``snippet``.

    ``server`` must have been started with ``home=``.
    """
    if server.home is None:
        raise ValueError("login_shell needs a server started with home=, or it would edit the real ~/.profile")
    # bash and sh read ~/.profile when no ~/.bash_profile exists; zsh reads ~/.zprofile instead.
    for name in (".profile", ".zprofile"):
        (server.home / name).write_text(f". {shlex.quote(str(snippet))}\n")
    return Tmux(shlex.join(server.client(tty=True)), width=width, height=height, timeout=timeout)
