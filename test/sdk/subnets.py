"""Setting up subnets and neurons through the SDK, as a subnet owner and miners do."""
from __future__ import annotations

import bittensor as bt

TAO = 10**9


def event_values(receipt, module: str, event: str) -> list:
    """Attributes of each `module.event` the extrinsic triggered."""
    return [e["attributes"] for e in receipt.triggered_events if e["module_id"] == module and e["event_id"] == event]


def create_subnet(subtensor, owner, fund) -> int:
    """Funds `owner` with the current lock cost (+10 TAO for fees), registers a subnet with the SDK and
    returns its netuid from the chain's `NetworkAdded(netuid, mechanism)` event."""
    lock = subtensor.get_subnet_burn_cost()
    fund(owner.coldkeypub.ss58_address, lock.rao + 10 * TAO)
    res = subtensor.register_subnet(owner, mev_protection=False, wait_for_inclusion=True, wait_for_finalization=True)
    assert res.success, res.message
    [added] = event_values(res.extrinsic_receipt, "SubtensorModule", "NetworkAdded")
    return int(added[0] if isinstance(added, (list, tuple)) else next(iter(added.values())))


def funded_wallet(wallets, fund, name: str, tao: int = 100):
    """A fresh wallet whose coldkey holds `tao` TAO."""
    w = wallets.new(name)
    fund(w.coldkeypub.ss58_address, tao * TAO)
    return w


def burned_register(subtensor, wallet, netuid: int) -> bt.ExtrinsicResponse:
    res = subtensor.burned_register(wallet, netuid, mev_protection=False, wait_for_inclusion=True,
                                    wait_for_finalization=False)
    # The underlying error (e.g. the module error's name) goes into the assertion's message.
    assert res.success, f"{res.message} ({res.error})"
    return res


def storage(subtensor, name: str, params: list):
    """One SubtensorModule storage value read directly (not through a runtime API)."""
    v = subtensor.query_subtensor(name, params=params)
    return getattr(v, "value", v)


def hold_epochs(subtensor, alice_wallet, netuid: int, tempo: int = 1000) -> None:
    """Sets the subnet's tempo through sudo(AdminUtils.sudo_set_tempo), so that no epoch pays
    dividends while a test compares stakes read in different blocks."""
    inner = subtensor.substrate.compose_call("AdminUtils", "sudo_set_tempo", {"netuid": netuid, "tempo": tempo})
    call = subtensor.substrate.compose_call("Sudo", "sudo", {"call": inner})
    res = subtensor.sign_and_send_extrinsic(call=call, wallet=alice_wallet, wait_for_inclusion=True)
    assert res.success, res.message
    # A sudo whose inner call fails is still a successful extrinsic: the stored tempo tells.
    assert storage(subtensor, "Tempo", [netuid]) == tempo
