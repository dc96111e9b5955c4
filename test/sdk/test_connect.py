"""The SDK's Subtensor against the node's chain core: connection, blocks, hashes, balances."""
from __future__ import annotations

import json
import subprocess

from bittensor_wallet import Keypair

from conftest import BIN, ROOT

DEV_NAMES = ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"]


def genesis_balances() -> dict[str, int]:
    """Endowments as written in the dev chain spec the node runs (not read through the node)."""
    spec = json.loads((ROOT / "genesis" / "dev.json").read_text())
    return {addr: amount for addr, amount in spec["genesis"]["runtimeGenesis"]["patch"]["balances"]["balances"]}


def test_subtensor_connects_and_reads_the_runtime(subtensor):
    runtime = subtensor.substrate.runtime
    assert runtime.runtime_version == 425  # subtensor's spec_version, which the node implements
    assert subtensor.substrate.chain == "Bittensor"
    # The SDK decodes storage, events and runtime-API results with the V15 registry.
    assert runtime.metadata_v15 is not None


def test_subtensor_connects_directly_to_the_node_port(node):
    """The literal user call, without the suite's recording relay in between."""
    import bittensor as bt

    s = bt.Subtensor(node.url)
    try:
        # Blocks keep coming every 250 ms: the SDK's answer lies between two direct reads.
        before = int(node.rpc("chain_getHeader")["number"], 16)
        current = s.get_current_block()
        after = int(node.rpc("chain_getHeader")["number"], 16)
        assert before <= current <= after
        assert s.get_block_hash(current) == node.rpc("chain_getBlockHash", [current])
    finally:
        s.close()


def test_genesis_hash_matches_the_chain_spec(subtensor):
    expected = subprocess.run(["node", str(BIN), "export-genesis-head", "--hash", "--chain", "dev"], cwd=ROOT,
                              capture_output=True, text=True, check=True, timeout=60).stdout.strip()
    assert subtensor.get_block_hash(0) == expected


def test_current_block_and_block_hashes(subtensor, node):
    start = subtensor.get_current_block()
    assert subtensor.wait_for_block(start + 2)
    now = subtensor.get_current_block()
    assert now >= start + 2
    for n in range(max(1, now - 2), now + 1):
        h = subtensor.get_block_hash(n)
        header = node.rpc("chain_getHeader", [h])
        assert int(header["number"], 16) == n
        assert header["parentHash"] == subtensor.get_block_hash(n - 1)
    # The SDK's block-number lookup by hash agrees with the header.
    assert subtensor.substrate.get_block_number(subtensor.get_block_hash(now)) == now


def test_balances_of_untouched_dev_accounts_equal_the_genesis_endowments(subtensor):
    endowed = genesis_balances()
    # Dave, Eve and Ferdie: no test spends from or pays into them (Alice funds, Bob receives).
    for name in ("Dave", "Eve", "Ferdie"):
        addr = Keypair.create_from_uri(f"//{name}").ss58_address
        assert subtensor.get_balance(addr).rao == endowed[addr], name
    addrs = [Keypair.create_from_uri(f"//{n}").ss58_address for n in ("Dave", "Eve", "Ferdie")]
    batch = subtensor.get_balances(*addrs)
    assert {a: b.rao for a, b in batch.items()} == {a: endowed[a] for a in addrs}


def test_unknown_account_has_zero_balance(subtensor):
    fresh = Keypair.create_from_mnemonic(Keypair.generate_mnemonic()).ss58_address
    assert subtensor.get_balance(fresh).rao == 0


def test_existential_deposit_is_the_chains_500_rao(subtensor):
    # subtensor runtime: `pub const ExistentialDeposit: Balance = 500`.
    assert subtensor.get_existential_deposit().rao == 500


def test_async_subtensor_reads_the_same_chain(rpc_url, subtensor):
    """AsyncSubtensor (what btcli and async miners use) against the same node."""
    import asyncio

    import bittensor as bt

    async def read() -> tuple[int, int, str]:
        async with bt.AsyncSubtensor(rpc_url) as s:
            dave = Keypair.create_from_uri("//Dave").ss58_address
            return (await s.get_balance(dave)).rao, await s.get_current_block(), await s.get_block_hash(0)

    dave_balance, block, genesis = asyncio.run(read())
    assert dave_balance == genesis_balances()[Keypair.create_from_uri("//Dave").ss58_address]
    assert block <= subtensor.get_current_block()
    assert genesis == subtensor.get_block_hash(0)
