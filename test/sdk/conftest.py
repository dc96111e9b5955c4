"""Fixtures of the SDK suite: a real node process, the RPC recorder in front of it, the SDK's
`Subtensor` and btcli, with wallets in temporary folders.

The node is started exactly as a user starts it (`bin/subtensor-emu.js --dev`), once per session,
with 250 ms blocks (the localnet "fast blocks" cadence the SDK is used to) so every wait of the SDK
and btcli ends quickly. Each test works with fresh accounts funded from //Alice, so tests do not
depend on one another's balances.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from rpc_proxy import RpcRecorder  # noqa: E402
from rpc_report import append_report, storage_prefixes  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / "bin" / "subtensor-emu.js"
VENV_BIN = Path(sys.executable).parent
# --sealing can go once `--dev` itself authors 250 ms Aura slots (issue 11, dev genesis).
NODE_ARGS = ["--dev", "--sealing", "250", "--rpc-port", "0", "--no-prometheus"]
START_TIMEOUT_S = 60


@dataclass
class NodeProcess:
    proc: subprocess.Popen
    port: int
    lines: deque = field(default_factory=lambda: deque(maxlen=200))

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def rpc(self, method: str, params: list | None = None):
        """One JSON-RPC call over HTTP, bypassing the SDK (used to check the SDK's answers)."""
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params or []}).encode()
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}", body, {"content-type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as res:
            msg = json.loads(res.read())
        if "error" in msg:
            raise RuntimeError(f"{method} failed: {msg['error']}")
        return msg["result"]

    def output(self) -> str:
        return "\n".join(self.lines)


def _start_node() -> NodeProcess:
    proc = subprocess.Popen(
        ["node", str(BIN), *NODE_ARGS], cwd=ROOT, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    lines: deque = deque(maxlen=200)
    port_found = threading.Event()
    port: list[int] = []

    def drain() -> None:
        # Keeps reading for the node's whole life so a full pipe never blocks it.
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.rstrip())
            if not port and "Running JSON-RPC server: addr=" in line:
                port.append(int(line.split("addr=")[1].split(",")[0].rsplit(":", 1)[1]))
                port_found.set()
        port_found.set()

    threading.Thread(target=drain, daemon=True).start()
    if not port_found.wait(START_TIMEOUT_S) or not port:
        _stop(proc)
        raise RuntimeError("node did not start:\n" + "\n".join(lines))
    node = NodeProcess(proc, port[0], lines)
    node.rpc("system_health")  # the RPC server answers: the node is ready
    return node


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


@pytest.fixture(scope="session")
def node() -> Iterator[NodeProcess]:
    n = _start_node()
    try:
        yield n
    finally:
        _stop(n.proc)


@pytest.fixture(scope="session")
def recorder(node: NodeProcess) -> Iterator[RpcRecorder]:
    """Every client in the suite talks to the node through this relay, which records the requests."""
    rec = RpcRecorder(node.url)
    rec.start()
    try:
        yield rec
    finally:
        rec.stop()


@pytest.fixture(scope="session")
def rpc_url(recorder: RpcRecorder) -> str:
    return recorder.url


@pytest.fixture(autouse=True)
def _record_requests(request: pytest.FixtureRequest) -> Iterator[None]:
    """With SDK_RPC_LOG=<file>, appends each test's JSON-RPC requests (method, runtime API, storage
    item) to that file: the inventory of what the SDK and btcli need from the node."""
    target = os.environ.get("SDK_RPC_LOG")
    if not target or "recorder" not in request.fixturenames:
        yield
        return
    rec: RpcRecorder = request.getfixturevalue("recorder")
    names: dict[str, str] = request.getfixturevalue("storage_names")
    start = len(rec.requests)
    yield
    append_report(Path(target), request.node.nodeid, rec.requests[start:], names)


@pytest.fixture(scope="session")
def storage_names(node: NodeProcess) -> dict[str, str]:
    """Storage key prefix -> Pallet.Item, from the node's metadata (read past the recorder)."""
    from async_substrate_interface.sync_substrate import SubstrateInterface

    with SubstrateInterface(node.url) as substrate:
        items = {(f["module_prefix"], f["storage_name"]) for f in substrate.get_metadata_storage_functions()}
    return storage_prefixes(items)


@pytest.fixture(scope="session")
def subtensor(rpc_url: str):
    import bittensor as bt

    s = bt.Subtensor(rpc_url)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(scope="session")
def alice_wallet(tmp_path_factory: pytest.TempPathFactory):
    from wallets import wallet_from_uri

    return wallet_from_uri(tmp_path_factory.mktemp("wallets"), "alice", "//Alice")


@pytest.fixture
def wallets(tmp_path: Path):
    """A fresh wallet folder for this test (btcli's --wallet-path)."""
    from wallets import WalletFolder

    return WalletFolder(tmp_path / "wallets")


@pytest.fixture
def fund(subtensor, alice_wallet):
    """fund(address, rao): a transfer from //Alice through the SDK, asserted to succeed."""
    import bittensor as bt

    def _fund(address: str, rao: int) -> None:
        res = subtensor.transfer(alice_wallet, address, bt.Balance.from_rao(rao), wait_for_inclusion=True)
        assert res.success, f"funding {address} failed: {res.message}"

    return _fund


@pytest.fixture
def btcli(rpc_url: str, tmp_path: Path, request: pytest.FixtureRequest):
    """Runs the pinned btcli against the node, non-interactively, with its config in a temporary HOME.
    With SDK_RPC_LOG, each btcli command's requests are also reported on their own."""
    from btcli_runner import BtcliRunner

    home = tmp_path / "home"
    home.mkdir()
    on_run = None
    target = os.environ.get("SDK_RPC_LOG")
    if target:
        rec: RpcRecorder = request.getfixturevalue("recorder")
        names: dict[str, str] = request.getfixturevalue("storage_names")

        def on_run(args: list[str], run) -> None:
            start = len(rec.requests)
            try:
                run()
            finally:
                command = " ".join(a for a in args[:2] if not a.startswith("-"))
                append_report(Path(target), f"{request.node.nodeid} :: btcli {command}", rec.requests[start:], names)
    return BtcliRunner(VENV_BIN / "btcli", rpc_url, home, on_run)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A skipped test would hide a missing client or node feature: the suite allows none."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        if reporter:
            reporter.ensure_newline()
            reporter.write_line(f"SDK suite: {len(skipped)} test(s) skipped; skipping is not allowed here", red=True)
