"""Run a function on one input in a forked child with a wall-clock limit, and report how long it took.

A catastrophic regex never returns to the interpreter (the re engine does not stop for signals), so the only
reliable bound is a separate process that can be killed. Forking after the parent has warmed the extractor
(loaded its dictionaries and gazetteer) keeps each measurement to the work on the input itself.
"""
from __future__ import annotations

import multiprocessing as mp
import queue as queue_module
import time
import traceback
from dataclasses import dataclass


@dataclass
class Timed:
    seconds: float
    finished: bool
    value: object = None
    error: str | None = None


def _child(fn, arg, queue):
    t0 = time.perf_counter()
    try:
        value = fn(arg)
        queue.put((time.perf_counter() - t0, value, None))
    except BaseException:  # noqa: BLE001 -- reported to the parent, which decides
        queue.put((time.perf_counter() - t0, None, traceback.format_exc(limit=5)))


def timeboxed(fn, arg, limit: float) -> Timed:
    """fn(arg) in a forked child; killed after `limit` seconds. fn's result must be picklable."""
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(fn, arg, queue), daemon=True)
    t0 = time.perf_counter()
    proc.start()
    try:
        seconds, value, error = queue.get(timeout=limit)
    except queue_module.Empty:  # still running at the limit
        proc.kill()
        proc.join(5)
        return Timed(time.perf_counter() - t0, False)
    proc.join(5)
    return Timed(seconds, True, value, error)
