"""What the benchmark ran on: CPU model, cores, RAM, load, Python, Postgres and key library versions."""
from __future__ import annotations

import os
import platform
from importlib import metadata


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        import psutil

        return round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        return None


def describe(postgres_version: str | None = None) -> dict:
    versions = {}
    for pkg in ("scrapy", "trafilatura", "feedparser", "apache-airflow", "psycopg2-binary"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    return {"cpu": _cpu_model(), "cores": os.cpu_count(), "ram_gb": _ram_gb(),
            "os": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
            "postgres": postgres_version, "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "packages": versions}
