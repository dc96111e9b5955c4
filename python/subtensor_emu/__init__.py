"""Drive a subtensor emulator node from Python: start it, apply scenarios, snapshot and revert,
advance epochs. The pytest fixtures live in `subtensor_emu.pytest_plugin` (loaded automatically
once the package is installed)."""
from .node import EmuNode, EmuError, start_node
from .wallets import wallets_for

__all__ = ["EmuNode", "EmuError", "start_node", "wallets_for"]
