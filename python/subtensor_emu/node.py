"""A node process (`npx subtensor-emu`, or SUBTENSOR_EMU_CMD) and its JSON-RPC over HTTP."""
from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import threading
import urllib.request
from collections import deque
from pathlib import Path
from typing import Any

# spec 425's registration and epoch scheduling (the mainnet-like chain) with fast-runtime timing;
# blocks on demand (a transaction, new_blocks, advance_epochs). `--dev --chain mainnet-like`: that
# chain run as a dev node (Alice authoring, a temporary base path, instant finality, and no p2p
# listener: nothing to start, and no port 30333 for two test sessions to fight over). The dev
# chain itself is the v3.3.13-style localnet, whose blocks do not run subnet epochs.
DEFAULT_ARGS = ["--dev", "--chain", "mainnet-like", "--profile", "fast", "--sealing", "instant",
                "--rpc-port", "0", "--no-prometheus"]
READY_LINE = "Running JSON-RPC server: addr="


class EmuError(RuntimeError):
    """A JSON-RPC error from the node (the message is the node's, e.g. the path of a bad scenario field)."""

    def __init__(self, method: str, error: dict[str, Any]) -> None:
        super().__init__(f"{method}: {error.get('message')}")
        self.code = error.get("code")
        self.message = error.get("message")


class EmuNode:
    """A running node. `rpc()` calls any method; the helpers wrap the dev ones."""

    def __init__(self, proc: subprocess.Popen, port: int, lines: deque) -> None:
        self.proc = proc
        self.port = port
        self._lines = lines

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def output(self) -> str:
        return "\n".join(self._lines)

    def rpc(self, method: str, params: list | None = None, timeout: float = 120) -> Any:
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params or []}).encode()
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}", body, {"content-type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout) as res:
            msg = json.loads(res.read())
        if "error" in msg:
            raise EmuError(method, msg["error"])
        return msg["result"]

    def snapshot(self) -> int:
        return self.rpc("dev_snapshot")

    def revert(self, snapshot_id: int) -> str:
        return self.rpc("dev_revert", [snapshot_id])

    def reset(self) -> str:
        return self.rpc("dev_reset")

    def new_blocks(self, count: int = 1) -> str:
        return self.rpc("dev_newBlock", [{"count": count}])

    def apply_scenario(self, scenario: dict | str | Path) -> dict:
        """A scenario (a dict, YAML/JSON text, or a file path) applied in one block."""
        if isinstance(scenario, Path) or (isinstance(scenario, str) and os.path.exists(scenario)):
            scenario = Path(scenario).read_text()
        return self.rpc("dev_applyScenario", [scenario])

    def advance_epochs(self, netuid: int, epochs: int = 1) -> dict:
        """Blocks until `epochs` epochs of `netuid` have run; returns their blocks."""
        return self.rpc("subtensor_advanceEpochs", [netuid, epochs])

    def advance_to_epoch_end(self, netuid: int) -> dict:
        return self.rpc("subtensor_advanceToEpochEnd", [netuid])

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)


def _local_bin(cwd: Path) -> list[str] | None:
    """What `npx subtensor-emu` would run from `cwd`, found without starting npm (which costs
    seconds): the package's own bin in the emulator's clone, or node_modules/.bin in a project."""
    for d in [cwd, *cwd.parents]:
        pkg = d / "package.json"
        if pkg.is_file():
            try:
                meta = json.loads(pkg.read_text())
            except ValueError:
                meta = {}
            if meta.get("name") == "subtensor-emu" and isinstance(meta.get("bin"), dict) and "subtensor-emu" in meta["bin"]:
                return ["node", str(d / meta["bin"]["subtensor-emu"])]
        link = d / "node_modules" / ".bin" / "subtensor-emu"
        if link.exists():
            return [str(link)]
    return None


def node_command(cwd: str | Path | None = None) -> list[str]:
    """SUBTENSOR_EMU_CMD (e.g. "node /path/to/bin/subtensor-emu.js"), else what `npx subtensor-emu`
    resolves to from `cwd`, else `npx subtensor-emu` itself."""
    cmd = os.environ.get("SUBTENSOR_EMU_CMD")
    if cmd:
        return shlex.split(cmd)
    return _local_bin(Path(cwd or os.getcwd()).resolve()) or ["npx", "--no-install", "subtensor-emu"]


class StartingNode:
    """A node process started but maybe not serving yet: the caller can do other work (import
    bittensor, say) while it boots, then `wait()` for its RPC server."""

    def __init__(self, args: list[str] | None = None, cwd: str | Path | None = None) -> None:
        self.proc = subprocess.Popen(
            [*node_command(cwd), *(DEFAULT_ARGS if args is None else args)],
            cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True,
        )
        self.lines: deque = deque(maxlen=200)
        self.found = threading.Event()
        self.port: list[int] = []
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        # Reads for the node's whole life so a full pipe never blocks it.
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip())
            if not self.port and READY_LINE in line:
                self.port.append(int(line.split(READY_LINE)[1].split(",")[0].rsplit(":", 1)[1]))
                self.found.set()
        self.found.set()

    def wait(self, timeout: float = 60) -> EmuNode:
        node = EmuNode(self.proc, 0, self.lines)
        if not self.found.wait(timeout) or not self.port:
            node.stop()
            raise RuntimeError("subtensor-emu did not start:\n" + "\n".join(self.lines))
        node.port = self.port[0]
        return node


def start_node(args: list[str] | None = None, cwd: str | Path | None = None, timeout: float = 60) -> EmuNode:
    """Starts a node and waits for its RPC server; `args` replace DEFAULT_ARGS."""
    return StartingNode(args, cwd).wait(timeout)
