"""Run one of the project's DAGs once through Airflow, in a subprocess, for the demo and for people without a
scheduler.

This module never imports Airflow: it prepares an AIRFLOW_HOME (SQLite metadata under the data directory unless
the caller supplies another database), migrates the metadata database when Airflow's version changed or the
database is new, and runs `airflow dags test <dag_id> <logical date>` in a child process (through
incidents.airflow_dag_test, which trims Airflow's fixed cost per task), which executes a whole DAG run in one
process against that metadata database. The exit code is Airflow's: 0 when the run succeeded.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path

from incidents import config

log = logging.getLogger(__name__)

# Airflow's first start writes config and imports providers; allow for a slow machine without hanging forever.
MIGRATE_TIMEOUT_S = 600
RUN_TIMEOUT_S = 3600


def airflow_bin() -> str:
    """The `airflow` executable of this environment (the venv's, not whatever is first on PATH)."""
    candidate = Path(sys.executable).with_name("airflow")
    return str(candidate) if candidate.exists() else "airflow"


def dag_test_command() -> list[str]:
    """The command that runs `airflow <args>` for a DAG test: this environment's Python through
    incidents.airflow_dag_test (Airflow's CLI with one execution API shared by all tasks, which saves about a
    second per task), or plain `airflow` when Airflow is not installed next to this interpreter."""
    if Path(sys.executable).with_name("airflow").exists():
        return [sys.executable, "-m", "incidents.airflow_dag_test"]
    return [airflow_bin()]


def default_home() -> Path:
    return config.data_dir() / "airflow"


def airflow_env(home: Path | None = None, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for an Airflow subprocess: the caller's, plus a local AIRFLOW_HOME and the repo's DAGs.

    Settings already in the environment (or in `overrides`) win, so a real deployment's configuration is used
    as is; only unset ones get the local defaults.
    """
    env = dict(os.environ)
    env.update({k: str(v) for k, v in (overrides or {}).items()})
    if home is not None:  # an explicit home wins over the environment's
        env["AIRFLOW_HOME"] = str(Path(home).resolve())
    env.setdefault("AIRFLOW_HOME", str(default_home()))
    home = Path(env["AIRFLOW_HOME"])
    local = {
        "AIRFLOW__CORE__DAGS_FOLDER": str(config.project_root() / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        # the DAG files do no I/O at parse time, but a slow first import must not be mistaken for a hang
        "AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT": "120",
        "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(home / "logs"),
        # a fixed, local-only secret so repeated runs agree; a deployment sets its own
        "AIRFLOW__API_AUTH__JWT_SECRET": "incidents-local-demo-secret",
        "INCIDENTS_HOME": str(config.project_root()),
    }
    for key, value in local.items():
        env.setdefault(key, value)
    # the repo's src/ must be importable by the task code even when the package is not installed
    src = str(config.project_root() / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
    return env


def _stamp(env: Mapping[str, str]) -> Path:
    return Path(env["AIRFLOW_HOME"]) / ".incidents-migrated"


def _stamp_value(env: Mapping[str, str]) -> str:
    return json.dumps({"airflow": metadata.version("apache-airflow"),
                       "db": env.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "")}, sort_keys=True)


def ensure_metadata_db(env: Mapping[str, str], *, force: bool = False) -> None:
    """Run `airflow db migrate` unless this home was already migrated by this Airflow version for this DB."""
    stamp = _stamp(env)
    wanted = _stamp_value(env)
    sqlite_path = _sqlite_path(env.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", ""))
    fresh = sqlite_path is not None and not sqlite_path.exists()
    if not force and not fresh and stamp.exists() and stamp.read_text() == wanted:
        return
    Path(env["AIRFLOW_HOME"]).mkdir(parents=True, exist_ok=True)
    log.info("migrating the Airflow metadata database in %s", env["AIRFLOW_HOME"])
    proc = subprocess.run([airflow_bin(), "db", "migrate"], check=False, env=dict(env), capture_output=True, text=True,
                          timeout=MIGRATE_TIMEOUT_S)
    if proc.returncode != 0:
        raise RuntimeError(f"airflow db migrate failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    stamp.write_text(wanted)


def _sqlite_path(url: str) -> Path | None:
    prefix = "sqlite:///"
    return Path(url[len(prefix):]) if url.startswith(prefix) else None


def last_complete_hour(now: dt.datetime | None = None) -> dt.datetime:
    """The top of the current hour: as a manual logical date it selects the hour that just ended."""
    now = now or dt.datetime.now(dt.UTC)
    return now.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)


def run_dag_once(dag_id: str, *, logical_date: dt.datetime | str | None = None,
                 env_overrides: Mapping[str, str] | None = None, conf: Mapping | None = None,
                 airflow_home: Path | None = None, timeout: float | None = RUN_TIMEOUT_S,
                 capture: bool = False, progress: Callable[[str], None] | None = None,
                 log_file: Path | None = None) -> int:
    """Run `airflow dags test dag_id logical_date` and return its exit code (0 = the DAG run succeeded).

    With `progress`, Airflow's log goes to `log_file` and `progress` gets one line per finished task; otherwise,
    with capture=False, the log streams to this process's stderr.
    """
    env = airflow_env(airflow_home, env_overrides)
    ensure_metadata_db(env)
    if logical_date is None:
        logical_date = last_complete_hour()
    if isinstance(logical_date, dt.datetime):
        logical_date = logical_date.isoformat()
    cmd = [*dag_test_command(), "dags", "test", dag_id, logical_date]
    if conf:
        cmd += ["--conf", json.dumps(dict(conf))]
    log.info("running %s", " ".join(cmd))
    if progress is not None:
        return _run_with_progress(cmd, env, timeout, progress, log_file)
    out = subprocess.PIPE if capture else sys.stderr
    proc = subprocess.run(cmd, check=False, env=env, stdout=out, stderr=subprocess.STDOUT, text=True, timeout=timeout)
    if capture and proc.returncode != 0:
        log.error("airflow dags test %s failed:\n%s", dag_id, (proc.stdout or "")[-4000:])
    return proc.returncode


_TASK_EVENT = re.compile(r"\[DAG TEST\] (starting|end task) task_id=(\S+) map_index=(-?\d+)")


def _run_with_progress(cmd: list[str], env: Mapping[str, str], timeout: float | None,
                       progress: Callable[[str], None], log_file: Path | None) -> int:
    """Run Airflow with its (long) log going to a file, and one progress line per finished task to `progress`."""
    log_file = log_file or Path(env["AIRFLOW_HOME"]) / "logs" / "last-run.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    started: dict[tuple[str, str], float] = {}
    deadline = time.monotonic() + timeout if timeout else None
    with open(log_file, "w", encoding="utf-8") as sink, subprocess.Popen(
            cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace") as proc:
        for line in proc.stdout:
            sink.write(line)
            match = _TASK_EVENT.search(line)
            if match:
                event, task, index = match.groups()
                key = (task, index)
                label = task if index == "-1" else f"{task}[{index}]"
                if event == "starting":
                    started[key] = time.monotonic()
                else:
                    took = time.monotonic() - started.pop(key, time.monotonic())
                    progress(f"task {label} finished in {took:.0f}s")
            if deadline and time.monotonic() > deadline:
                proc.kill()
                progress(f"timed out after {timeout:.0f}s")
                break
        code = proc.wait()
    if code != 0:
        progress(f"Airflow exited with {code}; its full log is {log_file}")
    return code


def run_news_ingest_once(env_overrides: Mapping[str, str] | None = None, *,
                         logical_date: dt.datetime | str | None = None, capture: bool = False,
                         progress: Callable[[str], None] | None = None, log_file: Path | None = None) -> int:
    """One news_ingest run through Airflow (the demo's path). Configure it with env overrides, e.g.
    {"DATABASE_URL": ..., "INCIDENTS_SOURCES": "<registry file>", "INCIDENTS_ALLOW_HOSTS": "127.0.0.1"}.
    Returns the exit code of `airflow dags test`.
    """
    return run_dag_once("news_ingest", logical_date=logical_date, env_overrides=env_overrides, capture=capture,
                        progress=progress, log_file=log_file)
