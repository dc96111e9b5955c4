"""Issue 12 through the SDK: stake through a subnet's pool and read it back.

`add_stake`, `unstake`, `move_stake` and `transfer_stake` of bittensor 10.5 (mev_protection off:
the node has no MevShield pallet), and `get_stake`, `get_delegates`, `all_subnets` answering the
same numbers as the chain's storage and runtime APIs.
"""
from __future__ import annotations

import bittensor as bt

from subnets import TAO, burned_register, create_subnet, event_values, funded_wallet, storage

OPTS = dict(mev_protection=False, wait_for_inclusion=True, wait_for_finalization=False)


def fee_of(receipt) -> int:
    [paid] = event_values(receipt, "TransactionPayment", "TransactionFeePaid")
    return paid["actual_fee"] + paid["tip"]


def started_subnet(subtensor, wallets, fund) -> int:
    owner = wallets.new("owner")
    netuid = create_subnet(subtensor, owner, fund)
    res = subtensor.start_call(owner, netuid, **OPTS)
    assert res.success, res.message
    assert storage(subtensor, "SubtokenEnabled", [netuid]) is True
    return netuid


def ledger_stake(subtensor, hotkey: str, coldkey: str, netuid: int) -> int:
    """The coldkey's alpha as the StakeInfoRuntimeApi reports it (0 when there is no row)."""
    info = subtensor.substrate.runtime_call("StakeInfoRuntimeApi", "get_stake_info_for_hotkey_coldkey_netuid",
                                            [hotkey, coldkey, netuid])
    info = getattr(info, "value", info)
    return int(info["stake"]) if info else 0


def test_sdk_add_stake_unstake_and_get_stake(subtensor, wallets, fund):
    netuid = started_subnet(subtensor, wallets, fund)
    miner = funded_wallet(wallets, fund, "miner", tao=200)
    burned_register(subtensor, miner, netuid)
    hotkey, coldkey = miner.hotkey.ss58_address, miner.coldkeypub.ss58_address

    before = subtensor.get_balance(coldkey).rao
    res = subtensor.add_stake(miner, netuid, hotkey, bt.Balance.from_tao(20), **OPTS)
    assert res.success, f"{res.message} ({res.error})"
    [added] = event_values(res.extrinsic_receipt, "SubtensorModule", "StakeAdded")
    added = list(added if isinstance(added, (list, tuple)) else added.values())
    assert added[:2] == [coldkey, hotkey] and added[2] == 20 * TAO and added[4] == netuid
    alpha = added[3]
    assert subtensor.get_balance(coldkey).rao == before - 20 * TAO - fee_of(res.extrinsic_receipt)
    assert subtensor.get_stake(coldkey, hotkey, netuid).rao == alpha == ledger_stake(subtensor, hotkey, coldkey, netuid)
    assert storage(subtensor, "TotalHotkeyAlpha", [hotkey, netuid]) == alpha

    half = bt.Balance.from_rao(alpha // 2).set_unit(netuid)
    res = subtensor.unstake(miner, netuid, hotkey, half, **OPTS)
    assert res.success, f"{res.message} ({res.error})"
    [removed] = event_values(res.extrinsic_receipt, "SubtensorModule", "StakeRemoved")
    removed = list(removed if isinstance(removed, (list, tuple)) else removed.values())
    # StakeRemoved(coldkey, hotkey, tao, alpha into the pool, netuid, fee in alpha)
    assert removed[3] + removed[5] == alpha // 2
    left = subtensor.get_stake(coldkey, hotkey, netuid).rao
    assert left == alpha - alpha // 2 == ledger_stake(subtensor, hotkey, coldkey, netuid)


def test_sdk_move_and_transfer_stake(subtensor, wallets, fund):
    netuid = started_subnet(subtensor, wallets, fund)
    a = funded_wallet(wallets, fund, "a", tao=200)
    b = funded_wallet(wallets, fund, "b")
    burned_register(subtensor, a, netuid)
    burned_register(subtensor, b, netuid)
    assert subtensor.add_stake(a, netuid, a.hotkey.ss58_address, bt.Balance.from_tao(20), **OPTS).success
    cold = a.coldkeypub.ss58_address
    alpha = subtensor.get_stake(cold, a.hotkey.ss58_address, netuid).rao

    moved = subtensor.move_stake(a, netuid, a.hotkey.ss58_address, netuid, b.hotkey.ss58_address,
                                 bt.Balance.from_rao(alpha // 2).set_unit(netuid), **OPTS)
    assert moved.success, f"{moved.message} ({moved.error})"
    assert subtensor.get_stake(cold, b.hotkey.ss58_address, netuid).rao == alpha // 2
    assert subtensor.get_stake(cold, a.hotkey.ss58_address, netuid).rao == alpha - alpha // 2

    other = b.coldkeypub.ss58_address
    sent = subtensor.transfer_stake(a, other, b.hotkey.ss58_address, netuid, netuid,
                                    bt.Balance.from_rao(alpha // 2).set_unit(netuid), **OPTS)
    assert sent.success, f"{sent.message} ({sent.error})"
    assert subtensor.get_stake(other, b.hotkey.ss58_address, netuid).rao == alpha // 2
    assert subtensor.get_stake(cold, b.hotkey.ss58_address, netuid).rao == 0


def test_sdk_get_delegates_and_all_subnets(subtensor, wallets, fund):
    netuid = started_subnet(subtensor, wallets, fund)
    v = funded_wallet(wallets, fund, "validator", tao=200)
    burned_register(subtensor, v, netuid)
    hotkey = v.hotkey.ss58_address
    assert subtensor.add_stake(v, netuid, hotkey, bt.Balance.from_tao(10), **OPTS).success
    # A take below the default makes the hotkey a delegate (Delegates row).
    call = subtensor.compose_call("SubtensorModule", "decrease_take", {"hotkey": hotkey, "take": 1000})
    assert subtensor.sign_and_send_extrinsic(call, v, wait_for_inclusion=True, wait_for_finalization=False).success

    delegates = {d.hotkey_ss58: d for d in subtensor.get_delegates()}
    d = delegates[hotkey]
    assert d.owner_ss58 == v.coldkeypub.ss58_address
    assert storage(subtensor, "Delegates", [hotkey]) == 1000
    assert netuid in d.registrations
    stake = subtensor.get_stake(v.coldkeypub.ss58_address, hotkey, netuid).rao
    assert d.nominators[v.coldkeypub.ss58_address][netuid].rao == stake

    subnets = {s.netuid: s for s in subtensor.all_subnets()}
    s = subnets[netuid]
    assert s.tao_in.rao == storage(subtensor, "SubnetTAO", [netuid])
    assert s.alpha_in.rao == storage(subtensor, "SubnetAlphaIn", [netuid])
    assert s.alpha_out.rao == storage(subtensor, "SubnetAlphaOut", [netuid])
