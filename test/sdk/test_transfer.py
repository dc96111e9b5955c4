"""Transfers through the SDK and btcli: balances change by exactly the amount and the fee the chain
charged (TransactionPayment.TransactionFeePaid of that extrinsic)."""
from __future__ import annotations

import bittensor as bt
from bittensor_wallet import Keypair

TAO = 10**9


def events_of(receipt, module: str, event: str) -> list[dict]:
    return [e["attributes"] for e in receipt.triggered_events
            if e["module_id"] == module and e["event_id"] == event]


def fee_paid(receipt, who: str) -> int:
    [paid] = events_of(receipt, "TransactionPayment", "TransactionFeePaid")
    assert paid["who"] == who
    return paid["actual_fee"] + paid["tip"]


def test_sdk_transfer_moves_exactly_the_amount_and_charges_the_fee(subtensor, wallets, fund):
    sender = wallets.new("sender")
    dest = Keypair.create_from_mnemonic(Keypair.generate_mnemonic()).ss58_address
    fund(sender.coldkeypub.ss58_address, 10 * TAO)
    before = subtensor.get_balance(sender.coldkeypub.ss58_address).rao
    assert before == 10 * TAO

    amount = 3 * TAO + 250_000_000
    res = subtensor.transfer(sender, dest, bt.Balance.from_rao(amount), wait_for_inclusion=True)
    assert res.success, res.message
    receipt = res.extrinsic_receipt
    assert receipt.is_success
    [transfer] = events_of(receipt, "Balances", "Transfer")
    assert (transfer["from"], transfer["to"], transfer["amount"]) == (sender.coldkeypub.ss58_address, dest, amount)
    fee = fee_paid(receipt, sender.coldkeypub.ss58_address)
    assert fee > 0
    # (res.transaction_tao_fee is the SDK's estimate from an immortal-era copy of the call, one byte
    # shorter than the mortal extrinsic it sends, so it is not compared with the charged fee.)

    assert subtensor.get_balance(dest).rao == amount
    assert subtensor.get_balance(sender.coldkeypub.ss58_address).rao == before - amount - fee
    # The next nonce the SDK will use moved on by one.
    assert subtensor.substrate.get_account_next_index(sender.coldkeypub.ss58_address) == 1


def test_sdk_transfer_all_empties_the_sender(subtensor, wallets, fund):
    sender = wallets.new("sender")
    dest = Keypair.create_from_mnemonic(Keypair.generate_mnemonic()).ss58_address
    fund(sender.coldkeypub.ss58_address, 5 * TAO)

    res = subtensor.transfer(sender, dest, None, transfer_all=True, keep_alive=False, wait_for_inclusion=True)
    assert res.success, res.message
    fee = fee_paid(res.extrinsic_receipt, sender.coldkeypub.ss58_address)
    [transfer] = events_of(res.extrinsic_receipt, "Balances", "Transfer")
    assert transfer["amount"] == 5 * TAO - fee
    assert subtensor.get_balance(dest).rao == 5 * TAO - fee
    assert subtensor.get_balance(sender.coldkeypub.ss58_address).rao == 0


def test_sdk_transfer_beyond_the_balance_fails_and_changes_nothing(subtensor, wallets, fund):
    sender = wallets.new("sender")
    dest = Keypair.create_from_mnemonic(Keypair.generate_mnemonic()).ss58_address
    fund(sender.coldkeypub.ss58_address, 2 * TAO)

    res = subtensor.transfer(sender, dest, bt.Balance.from_rao(3 * TAO), wait_for_inclusion=True)
    assert not res.success
    assert subtensor.get_balance(sender.coldkeypub.ss58_address).rao == 2 * TAO
    assert subtensor.get_balance(dest).rao == 0


def test_btcli_wallet_transfer(btcli, subtensor, wallets, fund):
    sender = wallets.new("sender")
    dest = Keypair.create_from_mnemonic(Keypair.generate_mnemonic()).ss58_address
    fund(sender.coldkeypub.ss58_address, 4 * TAO)

    out = btcli("wallet", "transfer", "--wallet-name", "sender", "--wallet-path", str(wallets.path),
                "--dest", dest, "--amount", "1.5", "--no-prompt", "--json-output").ok().json()
    assert out["success"] is True
    block, index = (int(x) for x in out["extrinsic_identifier"].split("-"))
    events = subtensor.substrate.get_events(subtensor.get_block_hash(block))
    mine = [e for e in events if e.get("extrinsic_idx") == index]
    fee = [e["attributes"] for e in mine if e["module_id"] == "TransactionPayment"][0]
    assert subtensor.get_balance(dest).rao == 1_500_000_000
    assert subtensor.get_balance(sender.coldkeypub.ss58_address).rao == \
        4 * TAO - 1_500_000_000 - fee["actual_fee"] - fee["tip"]
