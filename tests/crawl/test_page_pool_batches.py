"""Calls handed to the page readers together travel in batches, yet each caller gets its own answer."""
from __future__ import annotations

import asyncio
import os

from incidents.page_pool import PagePool


def _pid_or_fail(n: int) -> tuple[int, int]:
    if n % 3 == 0:
        raise ValueError(f"no {n}")
    return n, os.getpid()


def test_calls_made_together_are_read_in_few_submissions_and_answered_one_by_one():
    pool = PagePool(1)
    submissions = []
    real_submit = pool.submit
    pool.submit = lambda fn, *args: submissions.append(len(args[0])) or real_submit(fn, *args)

    async def many():
        return await asyncio.gather(*(pool.run(_pid_or_fail, n) for n in range(1, 41)), return_exceptions=True)

    try:
        answers = asyncio.run(many())
    finally:
        pool.close()
    assert sum(submissions) == 40 and len(submissions) < 10   # not one submission per call
    for n, answer in enumerate(answers, start=1):
        if n % 3 == 0:
            assert isinstance(answer, ValueError) and str(answer) == f"no {n}"
        else:
            assert answer[0] == n and answer[1] != os.getpid()


def test_without_processes_the_call_runs_here():
    pool = PagePool(0)
    assert asyncio.run(pool.run(_pid_or_fail, 1)) == (1, os.getpid())
