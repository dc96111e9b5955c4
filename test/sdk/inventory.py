"""Static inventory of what an SDK or btcli entry point asks of the chain.

The dynamic record (SDK_RPC_LOG) stops at the first item the node lacks; this reads the pinned
clients' source instead. For every function it collects the storage items, constants, runtime-API
methods and calls named by string literals, follows calls to other functions of the same package,
and prints the closure for each entry point. It over-approximates (both sides of a fallback or of
the MEV-shield branch are included): it lists what the node must be able to answer.

    .venv-sdk/bin/python test/sdk/inventory.py sdk Subtensor.burned_register Subtensor.metagraph
    .venv-sdk/bin/python test/sdk/inventory.py btcli subnets.create wallets.overview
"""
from __future__ import annotations

import ast
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

PALLET_WRAPPERS = {"SubtensorModule", "Balances", "Sudo", "AdminUtils", "MevShield", "Proxy", "Swap", "Crowdloan"}
STORAGE_BY_NAME = {"query_subtensor", "query_map_subtensor"}  # (name, …) on SubtensorModule
STORAGE_BY_MODULE = {"query_module", "query_map", "query", "query_multiple", "create_storage_key", "query_multi",
                     "get_metadata_storage_function"}
RUNTIME = {"query_runtime_api", "runtime_call", "_runtime_method_exists"}
CONSTANT = {"query_constant", "get_constant"}
COMPOSE = {"compose_call", "create_composed_call"}
# (function names, kind, keyword names of the first and of the second argument, separator in the output)
TWO_NAME_KINDS = (
    (STORAGE_BY_MODULE, "storage", ("module", "pallet"), ("name", "storage_function"), "."),
    (RUNTIME, "runtime_api", ("runtime_api", "api"), ("method",), "_"),
    (CONSTANT, "constant", ("module_name", "module"), ("constant_name", "name"), "."),
    (COMPOSE, "call", ("call_module",), ("call_function",), "."),
)


ENV: list[dict[str, str]] = []  # string constants assigned to local names, per function being visited


def _str(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and ENV:
        return ENV[-1].get(node.id)  # module = "SubtensorModule"; storage_function = "X"; query(module, …)
    return None


def _arg(call: ast.Call, pos: int, *names: str) -> str | None:
    for kw in call.keywords:
        if kw.arg in names:
            return _str(kw.value)
    return _str(call.args[pos]) if len(call.args) > pos else None


class Collector(ast.NodeVisitor):
    def __init__(self) -> None:
        self.items: dict[str, set[str]] = defaultdict(set)  # function key -> needs
        self.calls: dict[str, set[str]] = defaultdict(set)  # function key -> called names
        self.stack: list[str] = []
        self.module = ""
        self.cls: list[str] = []
        self.methods: set[str] = set()  # keys that are Class.method

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.cls.append(node.name)
        self.generic_visit(node)
        self.cls.pop()

    def _func(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        key = f"{self.cls[-1]}.{node.name}" if self.cls else f"{self.module}.{node.name}"
        if self.cls:
            self.methods.add(key)
        self.stack.append(key)
        ENV.append({t.id: n.value.value for n in ast.walk(node) if isinstance(n, ast.Assign)
                    and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
                    for t in n.targets if isinstance(t, ast.Name)})
        self._call_dicts(key, node)
        self.generic_visit(node)
        ENV.pop()
        self.stack.pop()

    def _call_dicts(self, key: str, node: ast.AST) -> None:
        """btcli builds calls as {"call_module": M, "call_function": F} and may set F later by subscript."""
        modules, functions = set(), set()
        for n in ast.walk(node):
            if isinstance(n, ast.Dict):
                for k, v in zip(n.keys, n.values):
                    if _str(k) == "call_module" and (m := _str(v)):
                        modules.add(m)
                    if _str(k) == "call_function" and (f := _str(v)):
                        functions.add(f)
            elif isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant):
                for t in n.targets:
                    if isinstance(t, ast.Subscript) and _str(t.slice) == "call_function" and (f := _str(n.value)):
                        functions.add(f)
        for m in modules:
            self.items[key] |= {f"call {m}.{f}" for f in functions}

    visit_FunctionDef = visit_AsyncFunctionDef = _func

    def visit_Call(self, node: ast.Call) -> None:
        if self.stack:
            self._classify(self.stack[-1], node)
        self.generic_visit(node)

    def _classify(self, fn: str, call: ast.Call) -> None:
        f = call.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None
        if name is None:
            return
        need = self.items[fn]
        pair = next((p for p in TWO_NAME_KINDS if name in p[0]), None)
        if name in STORAGE_BY_NAME and (s := _arg(call, 0, "name")):
            need.add(f"storage SubtensorModule.{s}")
        elif pair:
            _, kind, first, second, sep = pair
            a, b = _arg(call, 0, *first), _arg(call, 1, *second)
            if a and b:
                need.add(f"{kind} {a}{sep}{b}")
        elif name == "get_hyperparameter" and (s := _arg(call, 0, "param_name")):
            need.add(f"storage SubtensorModule.{s}")
        elif name in ("_query_with_fallback", "_runtime_call_with_fallback"):
            for t in call.args:
                if isinstance(t, ast.Tuple) and len(t.elts) >= 2 and (a := _str(t.elts[0])) and (b := _str(t.elts[1])):
                    need.add(f"storage SubtensorModule.{b}" if name == "_query_with_fallback" and a == "SubtensorModule"
                             else f"runtime_api {a}_{b}" if name == "_runtime_call_with_fallback" else f"storage {a}.{b}")
        elif name == "_storage_key" and (s := _arg(call, 0, "storage_fn")):  # btcli: SubtensorModule key helper
            need.add(f"storage SubtensorModule.{s}")
        elif name == "state_call" and (s := _arg(call, 0, "method")):
            need.add(f"runtime_api {s}")
        # SubtensorModule(subtensor).burned_register(...) -> the call itself
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Call) and isinstance(f.value.func, ast.Name) \
                and f.value.func.id in PALLET_WRAPPERS:
            need.add(f"call {f.value.func.id}.{f.attr}")
        self.calls[fn].add(("attr:" if isinstance(f, ast.Attribute) else "name:") + name)


def collect(package_dir: Path) -> Collector:
    c = Collector()
    for path in sorted(package_dir.rglob("*.py")):
        if "async" in path.name or "asyncex" in path.parts or "mock" in path.parts:
            continue  # the sync SDK mirrors the async one; btcli has no such split
        c.module = path.stem
        c.visit(ast.parse(path.read_text(), str(path)))
    return c


def closure(c: Collector, entry: str) -> set[str]:
    # obj.name(...) resolves to methods called `name`; a bare name(...) to module-level functions.
    by_short: dict[str, list[str]] = defaultdict(list)
    for key in set(c.items) | set(c.calls):
        kind = "attr:" if key in c.methods else "name:"
        by_short[kind + key.rsplit(".", 1)[-1]].append(key)
    seen, todo, needs = set(), [entry], set()
    while todo:
        fn = todo.pop()
        if fn in seen:
            continue
        seen.add(fn)
        needs |= c.items.get(fn, set())
        for callee in c.calls.get(fn, ()):
            todo.extend(by_short.get(callee, []))
    return needs


def main() -> None:
    which, entries = sys.argv[1], sys.argv[2:]
    pkg = {"sdk": "bittensor", "btcli": "bittensor_cli"}[which]
    spec = importlib.util.find_spec(pkg)
    assert spec and spec.origin, f"{pkg} is not installed"
    c = collect(Path(spec.origin).parent)
    for entry in entries:
        print(f"## {entry}")
        for need in sorted(closure(c, entry)):
            print(f"  {need}")


if __name__ == "__main__":
    main()
