"""Wait for a child process while measuring its own peak memory and CPU time.

Peak memory is read from /proc/<pid>/status (VmHWM) while the child runs: rusage's ru_maxrss would also count the
parent's resident memory at fork time, which exec carries over, so a large parent (a test worker, the benchmark
driver) would inflate every child's figure. A child that starts its own workers (the crawl's page readers) is
charged for them too: the resident memory of the whole process tree is summed at every poll, and the peak is the
larger of that sum and the child's own VmHWM.
"""
from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass


@dataclass
class ChildUsage:
    returncode: int | None      # None when the deadline passed and the child was killed
    peak_rss_mb: float          # the child and its descendants (sampled sum, or the child's VmHWM if larger)
    cpu_seconds: float
    own_peak_rss_mb: float = 0.0  # the child alone (VmHWM): steadier from run to run, for creep checks


def _status_kib(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def vm_hwm_kib(pid: int) -> int:
    """The process's own peak resident memory (KiB); 0 when it is gone already or there is no /proc."""
    return _status_kib(pid, "VmHWM:")


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as f:
                kids.extend(int(k) for k in f.read().split())
    except (OSError, ValueError):
        pass
    return kids


def tree_rss_kib(pid: int) -> int:
    """Resident memory of `pid` and all its descendants now (KiB)."""
    total, todo, seen = 0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        total += _status_kib(p, "VmRSS:")
        todo.extend(_children(p))
    return total


def wait_measured(proc: subprocess.Popen, timeout: float | None, poll_s: float = 0.02) -> ChildUsage:
    """Wait for `proc` (killing it at the deadline) and return its exit code, peak memory and CPU time."""
    deadline = time.monotonic() + timeout if timeout else None
    peak_kib = own_kib = 0
    while True:
        own_kib = max(own_kib, vm_hwm_kib(proc.pid))
        peak_kib = max(peak_kib, own_kib, tree_rss_kib(proc.pid))
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return ChildUsage(proc.returncode, round(peak_kib / 1024, 1),
                              round(usage.ru_utime + usage.ru_stime, 2), round(own_kib / 1024, 1))
        if deadline is not None and time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            return ChildUsage(None, round(peak_kib / 1024, 1), 0.0, round(own_kib / 1024, 1))
        time.sleep(poll_s)
