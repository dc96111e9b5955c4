"""Issue 13 through the SDK: a three-neuron subnet (one validator, two miners serving axons) driven only
by bittensor 10.5's `Subtensor`.

The validator is the subnet owner's hotkey (UID 0, registered with the subnet), so the subnet has exactly
three neurons. It sets weights every tempo with commit-reveal off (`set_weights`), then through the hash
commit-reveal path (`commit_weights` / `reveal_weights`, explicitly: `set_weights` with commit-reveal on
sends timelocked drand commits). After each epoch the miners' incentive and emission in `metagraph()` must
be what the epoch wrote to storage (`Incentive`, `Emission`), read at the same block.
"""
from __future__ import annotations

from typing import Iterator

import bittensor as bt
import numpy as np
import pytest
from bittensor.core.extrinsics.pallets.admin_utils import AdminUtils
from bittensor.core.extrinsics.utils import sudo_call_extrinsic
from subtensor_emu import start_node

from conftest import NODE_ARGS, ROOT
from subnets import TAO, burned_register, create_subnet, funded_wallet, storage

OPTS = dict(mev_protection=False, wait_for_inclusion=True, wait_for_finalization=False)
U16_MAX = 65535
VERSION_KEY = 7


@pytest.fixture(scope="module")
def subtensor() -> Iterator[bt.Subtensor]:
    """A node of this module's own: the subnet here is registered at the dev chain's first lock cost,
    which the session node's earlier subnets have doubled past //Alice's balance."""
    node = start_node(NODE_ARGS, cwd=ROOT)
    try:
        s = bt.Subtensor(node.url)
        try:
            yield s
        finally:
            s.close()
    finally:
        node.stop()


def ok(res) -> None:
    assert res.success, f"{res.message} ({res.error})"


def wait_for_epoch(subtensor, netuid: int, after: int) -> int:
    """Waits until the subnet's epoch counter passes `after`; returns the block it was seen at."""
    while True:
        block = subtensor.get_current_block()
        if subtensor.get_subnet_epoch_index(netuid, block=block) > after:
            return block
        subtensor.wait_for_block()


def tempo_start(subtensor, netuid: int) -> int:
    """Waits for the next epoch, so that a tempo's worth of blocks lies ahead; returns its epoch index."""
    wait_for_epoch(subtensor, netuid, subtensor.get_subnet_epoch_index(netuid))
    return subtensor.get_subnet_epoch_index(netuid)


def epoch_after(subtensor, netuid: int, res) -> int:
    """Waits for the first epoch that runs after the block including `res`; returns a block past it.
    The epoch runs in on_initialize, so it sees everything its parent block included."""
    included = subtensor.substrate.get_block_number(res.extrinsic_receipt.block_hash)
    while True:
        block = subtensor.get_current_block()
        if subtensor.get_last_epoch_block(netuid, block=block) > included:
            return block
        subtensor.wait_for_block()


def check_metagraph_equals_storage(subtensor, netuid: int, block: int) -> tuple[list[int], list[int]]:
    """metagraph() at `block` against the epoch's own storage at that block; returns (incentive, emission)."""
    mg = subtensor.metagraph(netuid, block=block)
    incentive = storage_at(subtensor, "Incentive", [netuid], block)
    emission = storage_at(subtensor, "Emission", [netuid], block)
    assert mg.n.item() == len(incentive) == len(emission) == 3
    # The SDK turns u16 into u16/65535 and RAO into TAO (float32 tensors): the same conversion of
    # storage's integers must give the same numbers exactly.
    assert mg.incentive.tolist() == np.array([i / U16_MAX for i in incentive], dtype=np.float32).tolist()
    assert mg.emission.tolist() == np.array([e / 1e9 for e in emission], dtype=np.float32).tolist()
    return incentive, emission


def storage_at(subtensor, name: str, params: list, block: int):
    v = subtensor.query_subtensor(name, block=block, params=params)
    return getattr(v, "value", v)


def assert_incentive_follows(incentive: list[int], values: list[int]) -> None:
    """One validator's weights are the consensus, so each miner's incentive is its share of the weights:
    the stored u16 is that share × 65535 up to the epoch's I32F32 truncations (floor or ceil of it)."""
    total = sum(values)
    for got, v in zip(incentive, values):
        assert abs(got * total - v * U16_MAX) < total, (incentive, values)


def root_sudo(subtensor, alice, function: str, params: dict) -> None:
    ok(sudo_call_extrinsic(subtensor, alice, function, params, wait_for_inclusion=True, wait_for_finalization=False))


def test_sdk_validator_sets_weights_and_miners_earn(subtensor, alice_wallet, wallets, fund):
    owner = wallets.new("owner")
    netuid = create_subnet(subtensor, owner, fund)
    ok(subtensor.start_call(owner, netuid, **OPTS))
    validator_hotkey = owner.hotkey.ss58_address
    assert subtensor.get_uid_for_hotkey_on_subnet(validator_hotkey, netuid) == 0

    miners = [funded_wallet(wallets, fund, f"miner{i}") for i in range(2)]
    for i, m in enumerate(miners):
        burned_register(subtensor, m, netuid)
        axon = bt.Axon(wallet=m, port=8091 + i, external_ip=f"10.0.0.{i + 1}", external_port=8091 + i)
        ok(subtensor.serve_axon(netuid, axon, **OPTS))
    uids = [subtensor.get_uid_for_hotkey_on_subnet(m.hotkey.ss58_address, netuid) for m in miners]
    assert uids == [1, 2]
    mg = subtensor.metagraph(netuid)
    assert [(a.ip, a.port) for a in mg.axons[1:]] == [("10.0.0.1", 8091), ("10.0.0.2", 8092)]

    # The validator's stake (the only stake, so it has the permit and all of consensus).
    fund(owner.coldkeypub.ss58_address, 100 * TAO)
    ok(subtensor.add_stake(owner, netuid, validator_hotkey, bt.Balance.from_tao(50), **OPTS))

    # Root lifts the owner-call freeze window (as long as the fast-runtime tempo of 10 blocks) and the
    # weights rate limit; the owner turns commit-reveal off with the SDK's AdminUtils call builder.
    root_sudo(subtensor, alice_wallet, "sudo_set_admin_freeze_window", {"window": 0})
    root_sudo(subtensor, alice_wallet, "sudo_set_weights_set_rate_limit", {"netuid": netuid, "weights_set_rate_limit": 0})
    root_sudo(subtensor, alice_wallet, "sudo_set_owner_hparam_rate_limit", {"epochs": 0})
    ok(subtensor.sign_and_send_extrinsic(
        AdminUtils(subtensor).sudo_set_commit_reveal_weights_enabled(netuid=netuid, enabled=False), owner, **{
            k: v for k, v in OPTS.items() if k != "mev_protection"}))
    assert subtensor.commit_reveal_enabled(netuid) is False
    assert storage(subtensor, "Tempo", [netuid]) == 10

    # Commit-reveal off: set_weights every tempo, a different split each time.
    rounds = [[U16_MAX, U16_MAX // 2], [U16_MAX // 4, U16_MAX], [U16_MAX, U16_MAX]]
    for values in rounds:
        res = subtensor.set_weights(owner, netuid, uids, values, version_key=VERSION_KEY, **OPTS)
        ok(res)
        assert storage(subtensor, "Weights", [netuid, 0]) == [(u, v) for u, v in zip(uids, values)]
        incentive, emission = check_metagraph_equals_storage(subtensor, netuid, epoch_after(subtensor, netuid, res))
        assert_incentive_follows(incentive[1:], values)
        assert all(e > 0 for e in emission[1:])

    # Hash commit-reveal on: commit, reveal in the epoch RevealPeriodEpochs later, the next epoch uses it.
    ok(subtensor.sign_and_send_extrinsic(
        AdminUtils(subtensor).sudo_set_commit_reveal_weights_enabled(netuid=netuid, enabled=True), owner, **{
            k: v for k, v in OPTS.items() if k != "mev_protection"}))
    assert subtensor.commit_reveal_enabled(netuid) is True
    reveal_period = subtensor.get_subnet_reveal_period_epochs(netuid)
    for values, salt in [([U16_MAX // 3, U16_MAX], [11, 22, 33]), ([U16_MAX, U16_MAX // 5], [4, 5, 6, 7])]:
        before = storage(subtensor, "Weights", [netuid, 0])
        # At the start of a tempo, so the early reveal below cannot fall into the next epoch.
        tempo_start(subtensor, netuid)
        ok(subtensor.commit_weights(owner, netuid, salt, uids, values, version_key=VERSION_KEY, raise_error=False,
                                    **OPTS))
        [(_, commit_epoch, _, _)] = [tuple(c) for c in storage(subtensor, "WeightCommits", [netuid, validator_hotkey])]
        # Too early: the CheckWeights guard refuses the reveal in the pool with
        # CustomTransactionError::CommitBlockNotInRevealRange (17), and the commit stays.
        early = subtensor.reveal_weights(owner, netuid, uids, values, salt, version_key=VERSION_KEY, max_attempts=1,
                                         **OPTS)
        assert not early.success and "Custom error: 17" in f"{early.message} {early.error}"
        assert len(storage(subtensor, "WeightCommits", [netuid, validator_hotkey])) == 1
        wait_for_epoch(subtensor, netuid, commit_epoch + reveal_period - 1)
        res = subtensor.reveal_weights(owner, netuid, uids, values, salt, version_key=VERSION_KEY, **OPTS)
        ok(res)
        assert storage(subtensor, "Weights", [netuid, 0]) == [(u, v) for u, v in zip(uids, values)] != before
        assert storage(subtensor, "WeightCommits", [netuid, validator_hotkey]) is None
        incentive, emission = check_metagraph_equals_storage(subtensor, netuid, epoch_after(subtensor, netuid, res))
        assert_incentive_follows(incentive[1:], values)
        assert all(e > 0 for e in emission[1:])
