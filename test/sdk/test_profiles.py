"""Issue 17 (3): the SDK decides "fast blocks" from Aura.SlotDuration; --profile real and --profile
fast on the same dev chain spec must make it say slow and fast."""
from __future__ import annotations

import pytest
from subtensor_emu import start_node


@pytest.mark.parametrize(("profile", "fast"), [("real", False), ("fast", True)])
def test_sdk_sees_the_profile(profile: str, fast: bool) -> None:
    import bittensor as bt

    node = start_node(["--dev", "--profile", profile, "--sealing", "manual", "--rpc-port", "0", "--no-prometheus"])
    try:
        s = bt.Subtensor(node.url)
        try:
            assert s.is_fast_blocks() is fast
        finally:
            s.close()
    finally:
        node.stop()
