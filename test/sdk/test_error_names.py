"""A failed extrinsic names its module error through the SDK.

The SDK (`bittensor.utils.format_error_message`) reports a module error's name only when the
error's metadata entry carries docs; without them every failure reads
"UnknownError(UnknownType) ... Unknown Description". Here a SubtensorModule error the node raises at
dispatch must reach the SDK's message by name, together with the doc line the metadata gives it.
"""
from __future__ import annotations

from subnets import funded_wallet


def error_docs(subtensor, pallet: str, name: str) -> list[str]:
    """The docs of `pallet`'s error `name` as the node's metadata declares them."""
    meta = subtensor.substrate.metadata
    p = meta.get_metadata_pallet(pallet)
    for e in p.errors:
        if e.name == name:
            return list(e.value["docs"])
    raise AssertionError(f"{pallet} has no error {name} in the metadata")


def test_sdk_message_names_subtensor_module_error(subtensor, wallets, fund):
    owner = funded_wallet(wallets, fund, "owner")
    existing = set(subtensor.get_all_subnets_netuid())
    missing = max(existing) + 1
    assert missing not in existing

    # `start_call` on a subnet the chain does not have fails in the pallet with SubnetNotExists.
    res = subtensor.start_call(owner, missing, mev_protection=False, wait_for_inclusion=True,
                               wait_for_finalization=False)
    assert not res.success
    docs = error_docs(subtensor, "SubtensorModule", "SubnetNotExists")
    assert docs and all(d.strip() for d in docs)
    assert "SubnetNotExists" in res.message
    assert " ".join(docs) in res.message
    assert "UnknownError" not in res.message and "Unknown Description" not in res.message
