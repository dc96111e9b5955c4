"""The strict-xfail classifier: only a missing subtensor item counts as "not implemented yet"."""
from __future__ import annotations

import pytest

from pending import SubtensorModuleMissing, names_missing_subtensor_item, pending_subtensor_module


@pytest.mark.parametrize("text", [
    'Storage function "SubtensorModule.NetworksAdded" not found',
    "Call function 'SubtensorModule.burned_register' not found",
    "Runtime API Call 'SubnetRegistrationRuntimeApi.get_network_registration_cost' not found in registry",
    "Runtime API Call 'StakeInfoRuntimeApi.get_stake_info_for_coldkeys' not found in registry",
    '❌ An unknown error has occurred: Storage function \n"SubtensorModule.MechanismCountCurrent" not found',
])
def test_missing_subtensor_items_are_recognised(text):
    assert names_missing_subtensor_item(text)


@pytest.mark.parametrize("text", [
    'Storage function "System.Account" not found',
    "Pallet 'MevShield' not found",
    "Runtime API Call 'TransactionPaymentApi.query_info' not found in registry",
    "SubtensorModule.HotKeyAlreadyRegisteredInSubNet",
    "Subtensor returned: Invalid Transaction",
])
def test_other_failures_are_not(text):
    assert not names_missing_subtensor_item(text)


def test_pending_context_converts_only_missing_items():
    with pytest.raises(SubtensorModuleMissing):
        with pending_subtensor_module():
            raise ValueError("Runtime API Call 'NeuronInfoRuntimeApi.get_neurons_lite' not found in registry")
    with pytest.raises(AssertionError) as e:
        with pending_subtensor_module():
            raise AssertionError("balance mismatch")
    assert not isinstance(e.value, SubtensorModuleMissing)
