"""`python -m incidents.airflow_dag_test <airflow args>`: Airflow's own CLI (the runner passes `dags test ...`),
with one in-process execution API shared by every task of the run.

`airflow dags test` runs each task in this process through Airflow's in-process supervisor, which builds a new
execution-API application for every task (a FastAPI app whose versioned routes are generated on its first request,
plus an event-loop thread to serve it). That costs about a second per task on an idle machine, several on a busy
one: on an unchanged hourly run it was most of the run's time, for an app that is the same every time. Sharing
the first one keeps each task's own work and state handling exactly as Airflow does them (the per-task DAG bag is
still set by the supervisor on every task). When Airflow no longer has the hook this relies on, the command runs
unchanged.

It also ends the process as soon as Python's exit handlers have run (Airflow's among them: the metadata
database's connections are closed, logs flushed), skipping the interpreter's teardown of the thousands of
modules Airflow loads, which took 1.5 s on an idle machine and 4 s on a busy one after the run had finished.

Only the demo, the benchmark and people without a scheduler use this path; a deployment's workers run tasks
in their own processes and never build this app.
"""
from __future__ import annotations

import atexit
import os
import sys


def share_in_process_api() -> bool:
    """Make Airflow's in-process supervisor reuse one execution-API server; False if the hook is gone."""
    try:
        from airflow.sdk.execution_time import supervisor
    except ImportError:
        return False
    build = getattr(supervisor, "in_process_api_server", None)
    if build is None or getattr(build, "_incidents_shared", False):
        return build is not None
    shared = []

    def in_process_api_server():
        if not shared:
            shared.append(build())
        return shared[0]

    in_process_api_server._incidents_shared = True
    supervisor.in_process_api_server = in_process_api_server
    return True


def _exit_now(code: list[int]) -> None:
    """The last exit handler (registered before Airflow registers any, and they run in reverse): flush the
    standard streams and leave with the command's exit code, without the interpreter's teardown."""
    if "logging" in sys.modules:  # its own exit handler may have been registered before this one
        sys.modules["logging"].shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code[0])


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    share_in_process_api()
    from airflow.__main__ import main as airflow_main

    sys.argv = ["airflow", *args]
    airflow_main()
    return 0


def _run_as_command() -> None:
    code = [1]  # an exception escaping main is a failure; Python prints its traceback before the exit handlers
    atexit.register(_exit_now, code)
    try:
        code[0] = main()
    except SystemExit as exc:  # Airflow's CLI reports a failed DAG run this way (Python prints its message)
        code[0] = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        raise
    sys.exit(code[0])


if __name__ == "__main__":
    _run_as_command()
