"""Turns recorded JSON-RPC requests into the inventory the node must serve: RPC methods, runtime
API calls (state_call) and storage items (keys resolved to Pallet.Item by their twox128 prefixes)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

import xxhash

STORAGE_METHODS = {"state_getStorage", "state_getStorageAt", "state_getStorageHash", "state_getStorageSize",
                   "state_getKeysPaged", "state_getKeys", "state_queryStorageAt", "state_subscribeStorage"}


def twox128(name: str) -> str:
    b = name.encode()
    return (xxhash.xxh64(b, seed=0).digest()[::-1] + xxhash.xxh64(b, seed=1).digest()[::-1]).hex()


def storage_prefixes(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    """{hex prefix (64 chars): "Pallet.Item"} for (pallet prefix, storage name) pairs."""
    return {twox128(p) + twox128(s): f"{p}.{s}" for p, s in items}


def _keys(method: str, params: list) -> list[str]:
    if not params:
        return []
    first = params[0]
    if method in ("state_queryStorageAt", "state_subscribeStorage") and isinstance(first, list):
        return [k for k in first if isinstance(k, str)]
    return [first] if isinstance(first, str) else []


def summarise(requests: list[tuple[str, list]], names: dict[str, str]) -> dict[str, list[str]]:
    methods: dict[str, None] = {}
    apis: dict[str, None] = {}
    storage: dict[str, None] = {}
    for method, params in requests:
        methods[method] = None
        if method == "state_call" and params:
            apis[str(params[0])] = None
        if method in STORAGE_METHODS:
            for key in _keys(method, params):
                k = key.removeprefix("0x")
                storage[names.get(k[:64], f"unknown prefix 0x{k[:64]}") if len(k) >= 64 else f"0x{k}"] = None
    return {"rpc_methods": list(methods), "runtime_apis": list(apis), "storage": list(storage)}


def append_report(path: Path, test_id: str, requests: list[tuple[str, list]], names: dict[str, str]) -> None:
    with path.open("a") as f:
        f.write(json.dumps({"test": test_id, **summarise(requests, names)}) + "\n")
