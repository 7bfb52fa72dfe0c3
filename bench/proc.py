"""Run a benchmark step in its own process and measure it from outside: wall time and peak resident memory.

incidents.procstat measures the child itself (its VmHWM, and the CPU time os.wait4 reports for exactly that
child), so each number belongs to one process.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from incidents.procstat import wait_measured

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Measured:
    returncode: int
    seconds: float
    peak_rss_mb: float
    cpu_seconds: float
    stderr_tail: str


def child_env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), str(ROOT / "src"), env.get("PYTHONPATH")]))
    env.update({k: str(v) for k, v in (extra or {}).items()})
    return env


def run_module(module: str, *args: str, env: dict | None = None, timeout: float = 7200) -> Measured:
    """python -m module args..., in the repo root; stderr is kept (tail) for the error message."""
    cmd = [sys.executable, "-m", module, *args]
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as devnull, _TempLog() as err:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=child_env(env), stdout=devnull, stderr=err.handle)
        usage = wait_measured(proc, timeout)
        if usage.returncode is None:
            raise TimeoutError(f"{module} did not finish within {timeout:.0f}s")
        tail = err.tail()
    return Measured(usage.returncode, round(time.perf_counter() - t0, 3), usage.peak_rss_mb, usage.cpu_seconds,
                    tail)


class _TempLog:
    def __enter__(self):
        import tempfile

        self.handle = tempfile.TemporaryFile()
        return self

    def tail(self, chars: int = 3000) -> str:
        self.handle.seek(0)
        return self.handle.read()[-chars:].decode("utf-8", "replace")

    def __exit__(self, *exc):
        self.handle.close()
