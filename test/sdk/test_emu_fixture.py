"""Issue 17 (5): the repo's pytest fixture (python/subtensor_emu, installed into the SDK venv by
scripts/setup-python-sdk.sh) used as a subnet developer uses it: its own node through
`npx subtensor-emu`, the 3-neuron example scenario, wallets from it, and a revert after each test."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.subtensor_emu_scenario("../../examples/3-neuron.yaml")


def test_validator_sets_weights_on_its_miners(emu):
    st, netuid = emu.subtensor, emu.netuid
    neurons = st.neurons_lite(netuid)
    assert len(neurons) == 3
    validator, miners = emu.uid("validator"), [emu.uid("miner1"), emu.uid("miner2")]
    validator_hotkey = emu.wallets["validator"].hotkey.ss58_address
    assert neurons[validator].hotkey == validator_hotkey
    assert [neurons[u].axon_info.ip for u in miners] == ["10.0.0.2", "10.0.0.3"]
    # the scenario's stake, in alpha
    assert st.query_subtensor("TotalHotkeyAlpha", params=[validator_hotkey, netuid]).value > 0

    res = st.set_weights(emu.wallets["validator"], netuid, miners, [1.0, 0.25],
                         mev_protection=False, wait_for_inclusion=True, wait_for_finalization=True)
    assert res.success, res.message
    # the SDK sends max-normalised u16 weights: 1.0 → 65535, 0.25 → round(0.25 × 65535)
    assert dict(st.weights(netuid))[validator] == [(miners[0], 65535), (miners[1], round(0.25 * 65535))]


def test_each_test_starts_from_the_scenario(emu):
    # the weights of the test above went with its reverted blocks
    assert dict(emu.subtensor.weights(emu.netuid)) == {}
    # the scenario's block and the one the fixture builds on top of it
    assert emu.subtensor.get_current_block() == emu.scenario["number"] + 1
