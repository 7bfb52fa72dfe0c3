"""Run a benchmark step in its own process and measure it from outside: wall time and peak resident memory.

os.wait4 returns the resource usage of exactly that child (ru_maxrss of the process itself, not of its own
children), so each number belongs to one process.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

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
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                proc.returncode = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                raise TimeoutError(f"{module} did not finish within {timeout:.0f}s")
            time.sleep(0.02)
        tail = err.tail()
    return Measured(proc.returncode, round(time.perf_counter() - t0, 3), round(usage.ru_maxrss / 1024, 1),
                    round(usage.ru_utime + usage.ru_stime, 2), tail)


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
