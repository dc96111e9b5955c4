"""A WebSocket relay between a client and the node that records every JSON-RPC request.

Used by the suite (SDK_RPC_LOG=<file>) to list exactly which RPC methods, runtime APIs and storage
items the SDK and btcli touch, so the node's missing parts can be named precisely.
"""
from __future__ import annotations

import asyncio
import json
import threading
from typing import Callable

import websockets


class RpcRecorder:
    """Relays ws://127.0.0.1:<port> to `upstream`; `requests` holds (method, params) in order."""

    def __init__(self, upstream: str, on_request: Callable[[str, list], None] | None = None) -> None:
        self.upstream = upstream
        self.requests: list[tuple[str, list]] = []
        self._on_request = on_request
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stop: asyncio.Future | None = None
        self.port = 0
        self.url = ""
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> str:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("RPC recorder did not start")
        self.url = f"ws://127.0.0.1:{self.port}"
        return self.url

    def stop(self) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set_result, None)
        self._thread.join(10)

    def _record(self, raw: str | bytes) -> None:
        try:
            msg = json.loads(raw)
        except ValueError:
            return
        for m in msg if isinstance(msg, list) else [msg]:
            if isinstance(m, dict) and "method" in m:
                params = m.get("params") or []
                self.requests.append((m["method"], params))
                if self._on_request:
                    self._on_request(m["method"], params)

    async def _relay(self, client) -> None:
        async with websockets.connect(self.upstream, max_size=None) as node:
            async def up() -> None:
                async for raw in client:
                    self._record(raw)
                    await node.send(raw)

            async def down() -> None:
                async for raw in node:
                    await client.send(raw)

            tasks = [asyncio.ensure_future(up()), asyncio.ensure_future(down())]
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            for t in tasks:
                t.cancel()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)

        async def main() -> None:
            self._stop = self._loop.create_future()
            async with websockets.serve(self._relay, "127.0.0.1", 0, max_size=None) as server:
                self.port = server.sockets[0].getsockname()[1]
                self._ready.set()
                await self._stop

        self._loop.run_until_complete(main())


if __name__ == "__main__":
    # Standalone: `python rpc_proxy.py ws://127.0.0.1:9944` prints the relay's URL, then one line per
    # request, until interrupted.
    import sys

    recorder = RpcRecorder(sys.argv[1], lambda m, p: print(m, json.dumps(p)[:300], flush=True))
    print(recorder.start(), flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        recorder.stop()
