"""Issue 12 through btcli: `stake add`, `stake remove`, `stake move`, `stake transfer`, run
non-interactively (--no-prompt, --no-mev-protection: no MevShield pallet in this node), their effect
read back through the SDK and the chain's storage.
"""
from __future__ import annotations

import bittensor as bt

from subnets import TAO, burned_register, create_subnet, funded_wallet, hold_epochs, storage

OPTS = dict(mev_protection=False, wait_for_inclusion=True, wait_for_finalization=False)


def wallet_args(wallets, name: str) -> list[str]:
    return ["--wallet-name", name, "--wallet-path", str(wallets.path), "--hotkey", "default"]


def test_btcli_stake_add_remove_move_transfer(btcli, subtensor, wallets, fund, alice_wallet):
    owner = wallets.new("owner")
    netuid = create_subnet(subtensor, owner, fund)
    assert subtensor.start_call(owner, netuid, **OPTS).success
    # The dev chain runs the coinbase and the epochs: stakes read in later blocks must not have
    # earned dividends in between for the arithmetic below to hold.
    hold_epochs(subtensor, alice_wallet, netuid)
    a = funded_wallet(wallets, fund, "a", tao=200)
    b = funded_wallet(wallets, fund, "b")
    burned_register(subtensor, a, netuid)
    burned_register(subtensor, b, netuid)
    cold, hot = a.coldkeypub.ss58_address, a.hotkey.ss58_address

    free0 = subtensor.get_balance(cold).rao
    btcli("stake", "add", "--netuid", str(netuid), "--amount", "10", *wallet_args(wallets, "a"),
          "--no-safe-staking", "--no-mev-protection", "--no-prompt", "--json-output").ok()
    alpha = subtensor.get_stake(cold, hot, netuid).rao
    assert alpha > 0 and alpha == storage(subtensor, "TotalHotkeyAlpha", [hot, netuid])
    assert free0 - subtensor.get_balance(cold).rao >= 10 * TAO

    quarter = alpha // 4
    btcli("stake", "remove", "--netuid", str(netuid), "--amount", str(quarter / TAO), *wallet_args(wallets, "a"),
          "--no-safe-staking", "--no-mev-protection", "--no-prompt", "--json-output").ok()
    after_remove = subtensor.get_stake(cold, hot, netuid).rao
    assert 0 < after_remove < alpha

    btcli("stake", "move", "--origin-netuid", str(netuid), "--dest-netuid", str(netuid),
          "--dest-ss58", b.hotkey.ss58_address, "--amount", str(quarter / TAO), *wallet_args(wallets, "a"),
          "--no-mev-protection", "--no-prompt", "--json-output").ok()
    moved = subtensor.get_stake(cold, b.hotkey.ss58_address, netuid).rao
    assert moved > 0
    assert subtensor.get_stake(cold, hot, netuid).rao == after_remove - moved

    btcli("stake", "transfer", "--origin-netuid", str(netuid), "--dest-netuid", str(netuid),
          "--dest-ss58", b.coldkeypub.ss58_address, "--amount", str(quarter / TAO), *wallet_args(wallets, "a"),
          "--no-mev-protection", "--no-prompt", "--json-output").ok()
    transferred = subtensor.get_stake(b.coldkeypub.ss58_address, hot, netuid).rao
    assert transferred > 0
    assert subtensor.get_stake(cold, hot, netuid).rao == after_remove - moved - transferred
