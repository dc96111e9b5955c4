"""Issue 11 through the SDK: a subnet, burned registration, the SDK's `register` and the metagraph.

Proof-of-work registration is not tested: the pinned SDK (10.5.0) and btcli (9.23.2) no longer have a PoW solver
(`Subtensor.register` is `register_limit`, a burn with a price limit), matching subtensor's removal
of PoW in 2026-03.
"""
from __future__ import annotations

import bittensor as bt
import pytest

from subnets import TAO, burned_register, create_subnet, event_values, funded_wallet, storage



def fee_of(receipt) -> int:
    [paid] = event_values(receipt, "TransactionPayment", "TransactionFeePaid")
    return paid["actual_fee"] + paid["tip"]


def test_sdk_burned_register(subtensor, wallets, fund):
    netuid = create_subnet(subtensor, wallets.new("owner"), fund)
    miner = funded_wallet(wallets, fund, "miner")
    burn = subtensor.recycle(netuid).rao
    assert burn == storage(subtensor, "Burn", [netuid])

    res = burned_register(subtensor, miner, netuid)
    hotkey = miner.hotkey.ss58_address
    assert subtensor.is_hotkey_registered(hotkey, netuid)
    uid = subtensor.get_uid_for_hotkey_on_subnet(hotkey, netuid)
    assert storage(subtensor, "Uids", [netuid, hotkey]) == uid
    assert storage(subtensor, "Keys", [netuid, uid]) == hotkey
    assert storage(subtensor, "Owner", [hotkey]) == miner.coldkeypub.ss58_address
    [registered] = event_values(res.extrinsic_receipt, "SubtensorModule", "NeuronRegistered")
    assert list(registered if isinstance(registered, (list, tuple)) else registered.values())[:3] == \
        [netuid, uid, hotkey]
    assert subtensor.get_balance(miner.coldkeypub.ss58_address).rao == \
        100 * TAO - burn - fee_of(res.extrinsic_receipt)

    # The same hotkey again: SDK 10.5 sees the registration itself and sends nothing ...
    balance = subtensor.get_balance(miner.coldkeypub.ss58_address).rao
    again = subtensor.burned_register(miner, netuid, mev_protection=False, wait_for_inclusion=True,
                                      wait_for_finalization=False)
    assert again.success and "Already registered" in again.message
    assert subtensor.get_balance(miner.coldkeypub.ss58_address).rao == balance
    # ... and the call sent anyway fails with the chain's error by name, charging only the fee.
    call = subtensor.compose_call("SubtensorModule", "burned_register", {"netuid": netuid, "hotkey": hotkey})
    sent = subtensor.sign_and_send_extrinsic(call, miner, wait_for_inclusion=True, wait_for_finalization=False)
    assert not sent.success
    assert "HotKeyAlreadyRegisteredInSubNet" in str(sent.message) + str(sent.error)
    assert subtensor.get_balance(miner.coldkeypub.ss58_address).rao == balance - fee_of(sent.extrinsic_receipt)


def test_sdk_register_with_price_limit(subtensor, wallets, fund):
    """`Subtensor.register` in SDK 10.5 is `register_limit`: burn with a 0.5 % price tolerance."""
    netuid = create_subnet(subtensor, wallets.new("owner"), fund)
    miner = funded_wallet(wallets, fund, "miner")
    res = subtensor.register(miner, netuid, mev_protection=False, wait_for_inclusion=True,
                             wait_for_finalization=False)
    assert res.success, f"{res.message} ({res.error})"
    assert subtensor.is_hotkey_registered(miner.hotkey.ss58_address, netuid)

    # A limit below the price is refused by the chain and charges only the fee.
    late = funded_wallet(wallets, fund, "late")
    low = bt.Balance.from_rao(subtensor.recycle(netuid).rao // 2)
    refused = subtensor.register(late, netuid, low, mev_protection=False, wait_for_inclusion=True,
                                 wait_for_finalization=False)
    assert not refused.success
    assert "RegistrationPriceLimitExceeded" in refused.message
    assert not subtensor.is_hotkey_registered(late.hotkey.ss58_address, netuid)


def test_sdk_metagraph_lists_neurons_with_keys_axons_and_stake(subtensor, wallets, fund):
    from bittensor.core.extrinsics.serving import serve_extrinsic
    from bittensor.utils.networking import ip_to_int

    netuid = create_subnet(subtensor, wallets.new("owner"), fund)
    miners = [funded_wallet(wallets, fund, f"miner{i}") for i in range(2)]
    for m in miners:
        burned_register(subtensor, m, netuid)
    served = serve_extrinsic(subtensor, miners[0], "10.1.2.3", 8091, 4, netuid, mev_protection=False,
                             wait_for_inclusion=True, wait_for_finalization=False)
    assert served.success, served.message

    mg = subtensor.metagraph(netuid)
    n = storage(subtensor, "SubnetworkN", [netuid])
    assert mg.n.item() == n
    # Every UID as storage has it: Keys -> hotkey, Owner -> coldkey, Axons, alpha stake.
    for uid in range(n):
        hotkey = storage(subtensor, "Keys", [netuid, uid])
        assert mg.hotkeys[uid] == hotkey
        assert mg.coldkeys[uid] == storage(subtensor, "Owner", [hotkey])
        alpha = storage(subtensor, "TotalHotkeyAlpha", [hotkey, netuid])
        assert float(mg.alpha_stake[uid]) == pytest.approx(alpha / TAO, abs=1e-9)
    by_hotkey = {hk: uid for uid, hk in enumerate(mg.hotkeys)}
    for m in miners:
        uid = by_hotkey[m.hotkey.ss58_address]
        assert mg.coldkeys[uid] == m.coldkeypub.ss58_address
    axon = mg.axons[by_hotkey[miners[0].hotkey.ss58_address]]
    assert (axon.ip, axon.port, axon.protocol) == ("10.1.2.3", 8091, 4)
    stored = storage(subtensor, "Axons", [netuid, miners[0].hotkey.ss58_address])
    assert stored["ip"] == ip_to_int("10.1.2.3") and stored["port"] == 8091
    unserved = mg.axons[by_hotkey[miners[1].hotkey.ss58_address]]
    assert unserved.port == 0
