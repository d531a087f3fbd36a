"""Start a real JupyterHub for a test and remove every trace of it afterwards.

`running_hub(users)` starts `jupyterhub` (the pinned one in this virtualenv) with
tests/hub/jupyterhub_config.py on free loopback ports, in a temporary folder that holds its
database, the proxy's pid file and every user's home. On the way out, whatever happened, the
hub is stopped (it stops the users' servers and the proxy itself), then every process it left
(known by id: the tree under the hub, read while it ran) is killed, and the folder removed.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Hub:
    url: str  # the proxy's public address, as students reach the hub
    token: str  # the test service's API token (tests/hub/jupyterhub_config.py)
    folder: Path  # the hub's state and the homes
    process: subprocess.Popen
    seen: dict[int, psutil.Process] = field(default_factory=dict)  # every process under the hub
    left_over: list[int] = field(default_factory=list)  # pids the hub did not stop itself

    @property
    def homes(self) -> Path:
        return self.folder / "home"

    def log(self, tail: int = 4000) -> str:
        try:
            return (self.folder / "hub.log").read_text(errors="replace")[-tail:]
        except OSError:
            return ""

    def api(self, method: str, path: str, body: dict | None = None) -> dict:
        request = urllib.request.Request(
            f"{self.url}/hub/api{path}",
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
        self.remember_processes()
        return json.loads(text) if text else {}

    def server(self, user: str) -> dict | None:
        """The user's default server as the hub reports it (with its state), or None."""
        return self.api("GET", f"/users/{user}").get("servers", {}).get("")

    def wait_for(self, user: str, ready: bool, timeout: float = 180) -> dict | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = self.server(user)
            if (server is not None and server.get("ready")) == ready and not (
                server and server.get("pending")
            ):
                return server
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited:\n{self.log()}")
            time.sleep(0.5)
        raise RuntimeError(
            f"{user}'s server did not become {'ready' if ready else 'stopped'} in "
            f"{timeout}s:\n{self.log()}"
        )

    def restart(self, user: str) -> tuple[int, int]:
        """Stop the user's server, wait until it is gone, start it again; (old pid, new pid)."""
        old = self.server(user)["state"]["pid"]
        with contextlib.suppress(urllib.error.HTTPError):  # 202: stopping in the background
            self.api("DELETE", f"/users/{user}/server")
        self.wait_for(user, ready=False)
        self.api("POST", f"/users/{user}/server")
        new = self.wait_for(user, ready=True)["state"]["pid"]
        return old, new

    def remember_processes(self) -> None:
        """Note every process under the hub now (the proxy, users' servers, their kernels):
        servers run in sessions of their own, so a process group would not reach them."""
        with contextlib.suppress(psutil.Error):
            root = psutil.Process(self.process.pid)
            for proc in root.children(recursive=True):
                self.seen.setdefault(proc.pid, proc)


@contextlib.contextmanager
def running_hub(users: list[str], timeout: float = 120) -> Iterator[Hub]:
    if not PROXY.exists():
        raise RuntimeError(
            f"{PROXY} is missing: run `make node_modules` (npm ci, from package-lock.json)"
        )
    folder = Path(tempfile.mkdtemp(prefix="tipcourse-hub-"))
    port = free_port()
    env = {
        **os.environ,
        "TIPCOURSE_HUB_DIR": str(folder),
        "TIPCOURSE_HUB_BIN": str(VENV_BIN),
        "TIPCOURSE_HUB_PORT": str(port),
        "TIPCOURSE_HUB_API_PORT": str(free_port()),
        "TIPCOURSE_HUB_PROXY_API_PORT": str(free_port()),
        "TIPCOURSE_HUB_PROXY": str(PROXY),
        "TIPCOURSE_HUB_USERS": ",".join(users),
        "TIPCOURSE_HUB_TOKEN": secrets.token_hex(32),
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
    }
    log = open(folder / "hub.log", "w")
    process = subprocess.Popen(
        [str(VENV_BIN / "jupyterhub"), "-f", str(HERE / "jupyterhub_config.py")],
        cwd=folder,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: one signal reaches the hub and proxy
    )
    hub = Hub(f"http://127.0.0.1:{port}", env["TIPCOURSE_HUB_TOKEN"], folder, process)
    try:
        _wait_until_up(hub, timeout)
        yield hub
    finally:
        _stop(hub)
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


def _wait_until_up(hub: Hub, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if hub.process.poll() is not None:
            raise RuntimeError(f"JupyterHub exited at start:\n{hub.log()}")
        try:
            hub.api("GET", "/")  # through the proxy: both are up
            return
        except (OSError, ValueError):
            time.sleep(0.5)
    raise RuntimeError(f"JupyterHub did not answer in {timeout}s:\n{hub.log()}")


def _stop(hub: Hub) -> None:
    """SIGTERM: the hub stops the servers and the proxy (cleanup_servers, cleanup_proxy).
    Then every process noted under it that is still there is killed, by its id."""
    hub.remember_processes()
    if hub.process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(hub.process.pid, signal.SIGTERM)
        try:
            hub.process.wait(timeout=45)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(hub.process.pid, signal.SIGKILL)
            hub.process.wait(timeout=10)
    left = [p for p in hub.seen.values() if _alive(p)]
    for proc in left:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    psutil.wait_procs(left, timeout=10)
    hub.left_over = [p.pid for p in left]


def _alive(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False
