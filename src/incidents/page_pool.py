"""Worker processes that read fetched pages (trafilatura, feed parsing), so the process that fetches only fetches.

Reading a page costs milliseconds to tens of milliseconds of CPU; done in the crawler's own thread it stalls every
download in flight, and leaves the machine's other cores idle. A PagePool runs the library's pure reading
functions (incidents.pages.read_page, incidents.feeds.parse_feed) in a small pool of fresh ("spawn") processes
that import them once. A worker dies with the process that started it, even when that process is killed (the
crawl's timeout, kill -9): no reader outlives its crawl. `processes=0` reads in the caller's thread instead (tests,
or a machine with one core to spare for nothing).
"""
from __future__ import annotations

import asyncio
import concurrent.futures as cf
import ctypes
import importlib
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool

PRELOAD = ["incidents.pages", "incidents.feeds"]
MAX_BATCH = 16   # calls per submission: about CONCURRENT_REQUESTS pages wait at most, and each may be megabytes


def default_processes() -> int:
    """Every core but the one the crawler's event loop runs on, and at least one."""
    return max(1, (os.cpu_count() or 2) - 1)


class PagePool:
    def __init__(self, processes: int | None = None):
        self.processes = default_processes() if processes is None else max(0, int(processes))
        self._executor: cf.ProcessPoolExecutor | None = None
        self.generation = 0  # bumped whenever a broken pool is replaced
        self.restarts = 0
        self._pending: list[tuple[tuple, asyncio.Future]] = []   # calls waiting for a free worker
        self._in_flight = 0              # batches submitted whose results have not come back
        self._dispatch_scheduled = False

    def _running(self) -> cf.ProcessPoolExecutor:
        # started by the first read, not before: a crawl whose feeds all answer 304 starts no process at all
        if self._executor is None:
            # spawn, not fork: the crawler has threads and open sockets a forked child must not inherit; and not
            # a fork server, whose children are not ours to tie to our lifetime
            self._executor = cf.ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                                    initializer=_start_worker, initargs=(os.getpid(),))
        return self._executor

    def submit(self, fn: Callable, *args) -> tuple[cf.Future, int]:
        """(future of fn(*args), the pool generation it ran in: pass it to replace_broken if it broke)."""
        generation = self.generation
        if not self.processes:
            future: cf.Future = cf.Future()
            try:
                future.set_result(fn(*args))
            except Exception as exc:  # noqa: BLE001 - delivered through the future, as a worker's would be
                future.set_exception(exc)
            return future, generation
        try:
            return self._running().submit(fn, *args), generation
        except BrokenProcessPool as exc:
            future = cf.Future()
            future.set_exception(exc)
            return future, generation

    async def run(self, fn: Callable, *args):
        """fn(*args) in a worker, awaited on the running asyncio loop. A worker that dies on it (killed, out of
        memory, a crash in C code) costs one fresh pool and one more try, alone in its batch; a second death
        raises BrokenProcessPool for the caller to record against the input."""
        if not self.processes:
            return fn(*args)
        for attempt in (1, 2):
            try:
                return await self._batched((fn, args), alone=attempt == 2)
            except BrokenProcessPool:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    # Calls are handed to the workers in batches: one submission per batch, not per page. Each submission wakes
    # the executor's helper threads in this process (a pipe write, a queue put, a pickling thread, a result
    # thread), which compete with the event loop for the interpreter; per page, that was a large share of the
    # crawler's own CPU. A batch goes out when a worker is free for it, so a lone call is not held back and a
    # busy worker finds the calls that arrived meanwhile waiting together.
    def _batched(self, call: tuple, *, alone: bool) -> asyncio.Future:
        loop = asyncio.get_running_loop()
        waiter = loop.create_future()
        if alone:   # a retry: if it kills the worker again, it is the one to blame, not its batch neighbours
            self._dispatch(loop, [(call, waiter)])
            return waiter
        self._pending.append((call, waiter))
        if not self._dispatch_scheduled:
            # on the next turn of the loop, with whatever else this turn handed over
            self._dispatch_scheduled = True
            loop.call_soon(self._dispatch_pending, loop)
        return waiter

    def _dispatch_pending(self, loop: asyncio.AbstractEventLoop) -> None:
        self._dispatch_scheduled = False
        while self._pending and self._in_flight < self.processes + 1:   # one batch queued behind each worker
            batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
            self._dispatch(loop, batch)

    def _dispatch(self, loop: asyncio.AbstractEventLoop, batch: list) -> None:
        future, generation = self.submit(_run_batch, [call for call, _ in batch])
        self._in_flight += 1
        asyncio.wrap_future(future, loop=loop).add_done_callback(
            lambda done: self._settle_batch(loop, batch, done, generation))

    def _settle_batch(self, loop, batch: list, done: asyncio.Future, generation: int) -> None:
        self._in_flight -= 1
        if done.cancelled():
            outcomes = [(False, BrokenProcessPool("the page reader pool was shut down"))] * len(batch)
        elif done.exception() is not None:
            if isinstance(done.exception(), BrokenProcessPool):
                self.replace_broken(generation)
            outcomes = [(False, done.exception())] * len(batch)
        else:
            outcomes = done.result()
        for (_, waiter), (ok, value) in zip(batch, outcomes, strict=True):
            if waiter.done():   # its caller gave up (cancelled)
                continue
            if ok:
                waiter.set_result(value)
            else:
                waiter.set_exception(value)
        self._dispatch_pending(loop)

    def replace_broken(self, generation: int) -> None:
        """A worker died (killed, out of memory, a crash in C code): start a fresh pool, once per breakage
        however many pending reads saw it."""
        if generation != self.generation:
            return
        self.generation += 1
        self.restarts += 1
        broken, self._executor = self._executor, None
        if broken is not None:
            broken.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


def _run_batch(calls: list[tuple[Callable, tuple]]) -> list[tuple[bool, object]]:
    """In a worker: each call's (True, result) or (False, exception); one call's failure is its own."""
    outcomes: list[tuple[bool, object]] = []
    for fn, args in calls:
        try:
            outcomes.append((True, fn(*args)))
        except Exception as exc:  # noqa: BLE001 - delivered to that call's caller, as a lone call's would be
            outcomes.append((False, exc))
    return outcomes


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _start_worker(parent_pid: int) -> None:
    """In each worker: die with the parent (Linux; elsewhere a worker ends when its task pipe closes), then
    import the reading code before the first page arrives."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)
    for module in PRELOAD:
        importlib.import_module(module)
