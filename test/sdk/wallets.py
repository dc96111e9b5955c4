"""Unencrypted wallets in a temporary folder, in the on-disk layout btcli and the SDK read."""
from __future__ import annotations

from pathlib import Path

from bittensor_wallet import Keypair, Wallet


def _store(path: Path, name: str, coldkey: Keypair, hotkey: Keypair, hotkey_name: str = "default") -> Wallet:
    w = Wallet(name=name, hotkey=hotkey_name, path=str(path))
    w.set_coldkey(coldkey, encrypt=False, overwrite=True)
    w.set_coldkeypub(coldkey, overwrite=True)
    w.set_hotkey(hotkey, encrypt=False, overwrite=True)
    w.set_hotkeypub(hotkey, overwrite=True)
    return w


def wallet_from_uri(path: Path, name: str, uri: str) -> Wallet:
    """A wallet whose coldkey and hotkey are the dev account `uri` (e.g. //Alice)."""
    kp = Keypair.create_from_uri(uri)
    return _store(path, name, kp, kp)


class WalletFolder:
    """One test's wallet folder; `new(name)` creates a wallet with fresh random keys."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)

    def new(self, name: str, hotkey_name: str = "default") -> Wallet:
        cold = Keypair.create_from_mnemonic(Keypair.generate_mnemonic())
        hot = Keypair.create_from_mnemonic(Keypair.generate_mnemonic())
        return _store(self.path, name, cold, hot, hotkey_name)

    def add_hotkey(self, wallet: Wallet, hotkey_name: str) -> Wallet:
        """Another hotkey under `wallet`'s coldkey."""
        hot = Keypair.create_from_mnemonic(Keypair.generate_mnemonic())
        w = Wallet(name=wallet.name, hotkey=hotkey_name, path=str(self.path))
        w.set_hotkey(hot, encrypt=False, overwrite=True)
        w.set_hotkeypub(hot, overwrite=True)
        return w
