"""pytest fixtures: one emulator node per session, a scenario per test (applied once, then reverted
to before every test), a connected bittensor `Subtensor` and the scenario's wallets.

    def test_something(emu):
        emu.subtensor.metagraph(emu.netuid)
        emu.wallets["validator"]

Choose the scenario with the ini option `subtensor_emu_scenario` or, per test, the marker
`@pytest.mark.subtensor_emu_scenario("path.yaml")`; node arguments with `subtensor_emu_args`.
"""
from __future__ import annotations

import shlex
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from .node import DEFAULT_ARGS, EmuNode, StartingNode
from .wallets import wallets_for


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("subtensor_emu_scenario", "scenario file applied for the `emu` fixture (relative to the rootdir)", default="")
    parser.addini("subtensor_emu_args", "arguments for subtensor-emu (default: " + " ".join(DEFAULT_ARGS) + ")", default="")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "subtensor_emu_scenario(path): the scenario file the `emu` fixture applies for this test")


@dataclass
class Emu:
    """What a test gets: the node, a connected Subtensor, the scenario's wallets and outcome."""

    node: EmuNode
    subtensor: Any
    wallets: dict[str, Any]
    scenario: dict[str, Any] = field(default_factory=dict)

    @property
    def netuids(self) -> list[int]:
        return list(self.scenario.get("netuids", []))

    @property
    def netuid(self) -> int:
        """The scenario's first subnet."""
        return self.netuids[0]

    def uid(self, account: str, netuid: int | None = None) -> int:
        n = self.netuid if netuid is None else netuid
        for neuron in self.scenario.get("neurons", []):
            if neuron["account"] == account and neuron["netuid"] == n:
                return neuron["uid"]
        raise KeyError(f"{account} has no uid on netuid {n}")


class _Session:
    """The session's node and one snapshot per scenario (taken a block after applying it)."""

    def __init__(self, node: EmuNode) -> None:
        self.node = node
        self.base = node.snapshot()
        self.prepared: dict[str, tuple[int, dict, dict]] = {}

    def prepare(self, path: Path | None) -> tuple[int, dict, dict]:
        key = str(path) if path else ""
        if key not in self.prepared:
            self.node.revert(self.base)
            doc = yaml.safe_load(path.read_text()) if path else {}
            outcome = self.node.apply_scenario(doc) if path else {}
            # One block on top: clients count blocks since registration (the SDK's set_weights
            # waits for more than WeightsSetRateLimit of them), so tests start one block later.
            self.node.new_blocks(1)
            self.prepared[key] = (self.node.snapshot(), doc, outcome)
        snap = self.prepared[key][0]
        self.node.revert(snap)
        return self.prepared[key]


@pytest.fixture(scope="session")
def emu_session(pytestconfig: pytest.Config) -> Iterator[_Session]:
    raw = pytestconfig.getini("subtensor_emu_args")
    starting = StartingNode(shlex.split(raw) if raw else None, cwd=pytestconfig.rootpath)
    _import_sdk_in_background()
    node = starting.wait()
    try:
        yield _Session(node)
    finally:
        node.stop()


_sdk_import: threading.Thread | None = None


def _import_sdk_in_background() -> None:
    """`import bittensor` takes 1.5–2 s of Python; in a thread it runs while the node boots and
    applies the scenario (another process: the waits release the GIL), so the first test waits for
    the slower of the two, not for their sum. `emu_subtensor` joins it (and imports again, which
    raises any import error in the test's own thread)."""
    global _sdk_import
    if _sdk_import is None:
        def load() -> None:
            try:
                import bittensor  # noqa: F401
            except Exception:
                pass
        _sdk_import = threading.Thread(target=load, name="import-bittensor", daemon=True)
        _sdk_import.start()


@pytest.fixture(scope="session")
def emu_subtensor(emu_session: _Session) -> Iterator[Any]:
    if _sdk_import is not None:
        _sdk_import.join()
    import bittensor as bt

    s = bt.Subtensor(emu_session.node.url)
    try:
        yield s
    finally:
        s.close()


def _scenario_path(request: pytest.FixtureRequest) -> Path | None:
    marker = request.node.get_closest_marker("subtensor_emu_scenario")
    name = marker.args[0] if marker else request.config.getini("subtensor_emu_scenario")
    if not name:
        return None
    for base in (Path(request.node.fspath).parent, request.config.rootpath):
        if (base / name).is_file():
            return (base / name).resolve()
    raise pytest.UsageError(f"subtensor_emu_scenario: {name} not found")


@pytest.fixture
def emu(emu_session: _Session, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Emu]:
    """The chain as the scenario left it; everything the test does is reverted afterwards."""
    snap, doc, outcome = emu_session.prepare(_scenario_path(request))
    # Only now the Subtensor: the scenario was applied while `import bittensor` went on.
    subtensor = request.getfixturevalue("emu_subtensor")
    try:
        yield Emu(emu_session.node, subtensor, wallets_for(doc, tmp_path / "wallets"), outcome)
    finally:
        emu_session.node.revert(snap)
