"""Runs the pinned btcli as a user does, non-interactively, and checks its outcome.

btcli exits 0 even after printing "❌ An unknown error has occurred", so success is judged from the
exit code *and* the output.
"""
from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

TIMEOUT_S = 180
FAILURE_MARKS = ("❌", "Error", "Traceback", "error:", "Failed", "Aborted")  # "Aborted": a prompt hit closed stdin


@dataclass
class BtcliResult:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    @property
    def text(self) -> str:
        return self.stdout + self.stderr

    def ok(self) -> "BtcliResult":
        """Asserts btcli succeeded; returns self for chaining."""
        if self.returncode != 0 or any(m in self.text for m in FAILURE_MARKS):
            self._fail()
        return self

    def _fail(self) -> None:
        detail = f"btcli {' '.join(self.args)} (exit {self.returncode}):\n{self.text}"
        raise AssertionError(detail)

    def json(self):
        """The --json-output document: btcli prints it after any --verbose lines."""
        lines = self.stdout.splitlines()
        for i, line in enumerate(lines):
            if line.startswith(("{", "[")):
                try:
                    doc = json.loads("\n".join(lines[i:]))
                except ValueError:
                    continue  # a "[Verbose]: …" line
                if isinstance(doc, dict) and doc.get("error"):  # e.g. {"error": "Subnet … does not exist."}
                    self._fail()
                return doc
        raise AssertionError(f"btcli {' '.join(self.args)} printed no JSON:\n{self.text}")


class BtcliRunner:
    def __init__(self, exe: Path, url: str, home: Path,
                 on_run: Optional[Callable[[list[str], Callable[[], None]], None]] = None) -> None:
        self.exe, self.url, self.home = exe, url, home
        # on_run(args, run): wraps each invocation (the suite uses it to attribute RPC requests to commands).
        self.on_run = on_run

    def __call__(self, *args: str) -> BtcliResult:
        # --verbose: without it btcli swallows the traceback of an "unknown error" and may print nothing.
        argv = [*args, "--network", self.url, "--verbose"]
        env = {**os.environ, "HOME": str(self.home), "NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb"}
        # stdin closed: any prompt btcli would show ends in an error instead of a hang.
        done: list[subprocess.CompletedProcess] = []

        def run() -> None:
            done.append(subprocess.run([str(self.exe), *argv], env=env, stdin=subprocess.DEVNULL,
                                       capture_output=True, text=True, timeout=TIMEOUT_S))

        if self.on_run:
            self.on_run(list(args), run)
        else:
            run()
        p = done[0]
        return BtcliResult(argv, p.returncode, p.stdout, p.stderr)
