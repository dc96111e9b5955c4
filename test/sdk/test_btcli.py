"""Issue 11 through btcli, non-interactively (--no-prompt, wallets in a temporary folder).

`--no-mev-protection`: the node has no
MevShield pallet yet (btcli turns the shield on by default for `subnets create`).
"""
from __future__ import annotations

from subnets import TAO, create_subnet, funded_wallet, storage



def wallet_args(wallets, name: str) -> list[str]:
    return ["--wallet-name", name, "--wallet-path", str(wallets.path), "--hotkey", "default"]


def charged_fee(subtensor, extrinsic_identifier: str) -> int:
    """The fee TransactionPayment charged the extrinsic btcli reports as "<block>-<index>"."""
    block, index = (int(x) for x in extrinsic_identifier.split("-"))
    events = subtensor.substrate.get_events(subtensor.get_block_hash(block))
    [paid] = [e["attributes"] for e in events
              if e.get("extrinsic_idx") == index and e["event_id"] == "TransactionFeePaid"]
    return paid["actual_fee"] + paid["tip"]


def test_btcli_wallet_balance(btcli, subtensor, wallets, fund):
    w = wallets.new("holder")
    fund(w.coldkeypub.ss58_address, 7 * TAO)
    out = btcli("wallet", "balance", "--wallet-name", "holder", "--wallet-path", str(wallets.path),
                "--json-output").ok().json()
    [row] = out["balances"].values()
    assert row["coldkey"] == w.coldkeypub.ss58_address
    assert row["free"] == 7.0 and row["staked"] == 0.0
    assert out["totals"]["free"] == subtensor.get_balance(w.coldkeypub.ss58_address).tao


def test_btcli_subnets_create_list_and_hyperparameters(btcli, subtensor, wallets, fund):
    owner = wallets.new("owner")
    cost = btcli("subnets", "burn-cost", "--json-output").ok().json()
    lock = cost["burn_cost"]["rao"]
    assert lock == subtensor.get_subnet_burn_cost().rao
    fund(owner.coldkeypub.ss58_address, lock + 10 * TAO)
    # Every identity field is given: btcli asks for any missing one even with --no-prompt.
    created = btcli("subnets", "create", *wallet_args(wallets, "owner"), "--subnet-name", "emu-sdk-test",
                    "--github-repo", "https://github.com/example/emu", "--subnet-contact", "dev@example.com",
                    "--subnet-url", "https://example.com", "--discord-handle", "emu", "--description", "SDK test",
                    "--logo-url", "https://example.com/logo.png", "--additional-info", "none",
                    "--no-mev-protection", "--no-prompt", "--json-output").ok().json()
    assert created["success"] is True
    netuid = int(created["netuid"])
    assert subtensor.subnet_exists(netuid)
    assert storage(subtensor, "SubnetOwner", [netuid]) == owner.coldkeypub.ss58_address
    assert subtensor.get_balance(owner.coldkeypub.ss58_address).rao == \
        10 * TAO - charged_fee(subtensor, created["extrinsic_identifier"])

    listed = btcli("subnets", "list", "--json-output").ok().json()
    assert listed["total_netuids"] == len(subtensor.get_all_subnets_netuid())
    row = listed["subnets"][str(netuid)]
    assert row["netuid"] == netuid
    assert row["tempo"]["sn_tempo"] == storage(subtensor, "Tempo", [netuid])

    hyper = btcli("subnets", "hyperparameters", "--netuid", str(netuid), "--json-output").ok().json()
    values = {h["hyperparameter"]: h["value"] for h in hyper}
    # (get_subnet_hyperparams_v3, which btcli reads, has no difficulty entry at spec 425)
    for param, item in (("tempo", "Tempo"), ("immunity_period", "ImmunityPeriod"),
                        ("max_validators", "MaxAllowedValidators"), ("max_regs_per_block", "MaxRegistrationsPerBlock")):
        assert str(values[param]) == str(storage(subtensor, item, [netuid])), param


def test_btcli_subnets_register_and_wallet_overview(btcli, subtensor, wallets, fund):
    netuid = create_subnet(subtensor, wallets.new("owner"), fund)
    miner = funded_wallet(wallets, fund, "miner")
    burn = storage(subtensor, "Burn", [netuid])
    reg = btcli("subnets", "register", "--netuid", str(netuid), *wallet_args(wallets, "miner"),
                "--no-prompt", "--json-output").ok().json()
    assert reg["success"] is True, reg
    hotkey = miner.hotkey.ss58_address
    uid = subtensor.get_uid_for_hotkey_on_subnet(hotkey, netuid)
    assert uid is not None
    assert subtensor.get_balance(miner.coldkeypub.ss58_address).rao == \
        100 * TAO - burn - charged_fee(subtensor, reg["extrinsic_identifier"])

    overview = btcli("wallet", "overview", "--wallet-name", "miner", "--wallet-path", str(wallets.path),
                     "--json-output").ok().json()
    assert overview["wallet"] == f"miner|{miner.coldkeypub.ss58_address}"
    [subnet] = [s for s in overview["subnets"] if s["netuid"] == netuid]
    [neuron] = subnet["neurons"]
    assert (neuron["hotkey_ss58"], neuron["uid"]) == (hotkey, uid)
    assert subnet["tempo"] == storage(subtensor, "Tempo", [netuid])
