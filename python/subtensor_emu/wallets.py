"""bittensor wallets for a scenario's accounts that are given by secret URI."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from bittensor_wallet import Keypair, Wallet


def _is_uri(ref: str) -> bool:
    return ref.startswith("//") or len(ref.split(" ")) >= 12


def wallets_for(scenario: dict[str, Any], path: Path) -> dict[str, Wallet]:
    """One unencrypted wallet per account whose coldkey is a secret URI; the hotkey is the
    account's `hotkey` or `<coldkey>_hk` (the scenario's own default)."""
    out: dict[str, Wallet] = {}
    for name, acct in (scenario.get("accounts") or {}).items():
        cold = acct.get("coldkey")
        if not isinstance(cold, str) or not _is_uri(cold):
            continue
        hot = acct.get("hotkey", f"{cold}_hk")
        w = Wallet(name=name, hotkey="default", path=str(path))
        ck = Keypair.create_from_uri(cold)
        w.set_coldkey(ck, encrypt=False, overwrite=True)
        w.set_coldkeypub(ck, overwrite=True)
        if isinstance(hot, str) and _is_uri(hot):
            hk = Keypair.create_from_uri(hot)
            w.set_hotkey(hk, encrypt=False, overwrite=True)
            w.set_hotkeypub(hk, overwrite=True)
        out[name] = w
    return out
