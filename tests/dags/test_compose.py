"""docker-compose.yml checked statically (no Docker engine here): it parses, its services and dependencies are
consistent, long-running services are health-checked and restarted, every variable lines up with .env.example and
with what the code reads, every Airflow setting exists in Airflow, and every mounted path exists in the repo."""
from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
AIRFLOW_SERVICES = {"airflow-init", "airflow-apiserver", "airflow-scheduler", "airflow-dag-processor",
                    "airflow-triggerer", "airflow-worker"}
LONG_RUNNING = {"postgres", "redis"} | AIRFLOW_SERVICES - {"airflow-init"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def _env_example() -> dict[str, str]:
    out = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            out[key.strip()] = value
    return out


def _interpolated(text: str) -> dict[str, bool]:
    """${VAR}, ${VAR:-default}, ${VAR:?error} in the compose file -> whether a default is given ($$ escapes)."""
    found: dict[str, bool] = {}
    for m in re.finditer(r"(?<!\$)\$\{([A-Z0-9_]+)(:?[-?])?([^}]*)\}", text):
        has_default = m.group(2) in (":-", "-")
        found[m.group(1)] = found.get(m.group(1), False) or has_default
    return found


def _names_read_by_code() -> set[str]:
    """Environment variables the project reads: literal names in src/ and scrapers/, and the INCIDENTS_<NAME>
    settings the DAG files read through their env()/runtime() helpers."""
    names: set[str] = set()
    for path in [*ROOT.glob("src/**/*.py"), *ROOT.glob("scrapers/**/*.py"), *ROOT.glob("dags/*.py")]:
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"[\"'](INCIDENTS_[A-Z0-9_]+|DATABASE_URL|AIRFLOW_CONN_[A-Z0-9_]+)[\"']", text))
        names |= set(re.findall(r"\b(INCIDENTS_[A-Z0-9_]+)\b", text)) if path.parent.name == "dags" else set()
        for helper_arg in re.findall(r"\b(?:env|env_int|env_bool|env_minutes|runtime|setting)\(\s*\"([a-z_]+)\"",
                                     text):
            names.add(f"INCIDENTS_{helper_arg.upper()}")
    return names


def test_services_and_dependencies(services):
    assert {"postgres", "redis"} | AIRFLOW_SERVICES <= set(services)
    for name, svc in services.items():
        for dep, spec in (svc.get("depends_on") or {}).items():
            assert dep in services and dep != name, (name, dep)
            assert spec["condition"] in ("service_healthy", "service_completed_successfully", "service_started")
            if spec["condition"] == "service_completed_successfully":
                assert dep == "airflow-init"
            if spec["condition"] == "service_healthy":
                assert "healthcheck" in services[dep], f"{name} waits for {dep}'s health, which is never checked"

    def visit(name, path):  # no dependency cycle
        assert name not in path, f"cycle {path + [name]}"
        for dep in services[name].get("depends_on") or {}:
            visit(dep, path + [name])

    for name in services:
        visit(name, [])
    for name in AIRFLOW_SERVICES - {"airflow-init"}:
        deps = services[name]["depends_on"]
        assert deps["airflow-init"]["condition"] == "service_completed_successfully", name
        assert deps["postgres"]["condition"] == deps["redis"]["condition"] == "service_healthy", name


def test_health_restart_and_scaling(services):
    for name in LONG_RUNNING:
        svc = services[name]
        assert svc.get("restart") == "unless-stopped", name
        check = svc.get("healthcheck") or {}
        assert check.get("test") and check.get("interval") and check.get("retries"), name
    assert services["airflow-init"]["restart"] == "no"
    worker = services["airflow-worker"]
    assert "container_name" not in worker and "ports" not in worker  # --scale airflow-worker=N must work
    assert worker["command"] == "celery worker"
    assert {services[n]["command"] for n in ("airflow-apiserver", "airflow-scheduler", "airflow-dag-processor",
                                            "airflow-triggerer")} == {"api-server", "scheduler", "dag-processor",
                                                                      "triggerer"}
    init = "\n".join(services["airflow-init"]["command"])
    assert "airflow db migrate" in init and "incidents.cli db migrate" in init  # both databases
    assert "airflow pools set" in init and "INCIDENTS_CRAWL_POOL" in init


def test_variables_line_up_with_env_example(compose):
    text = COMPOSE.read_text()
    used = _interpolated(text)
    example = _env_example()
    missing = {name for name, has_default in used.items() if not has_default and name not in example}
    assert not missing, f"compose needs these but .env.example does not define them: {missing}"
    unused = set(example) - set(used)
    assert not unused, f".env.example defines variables compose never uses: {unused}"
    secrets = {"AIRFLOW_DB_PASSWORD", "INCIDENTS_DB_PASSWORD", "AIRFLOW_FERNET_KEY", "AIRFLOW_JWT_SECRET",
               "AIRFLOW_API_SECRET_KEY"}
    assert all(example[s] == "" for s in secrets), "no secret values in the example"
    assert not re.search(r"(PASSWORD|SECRET|FERNET)[A-Z_]*:\s*[\"']?[A-Za-z0-9]{8,}", text), "secret in compose"


def test_environment_lines_up_with_what_the_code_reads(services):
    read = _names_read_by_code()
    env = services["airflow-worker"]["environment"]
    project_env = {k for k in env if k.startswith("INCIDENTS_") or k in ("DATABASE_URL", "AIRFLOW_CONN_INCIDENTS_DB")}
    dead = project_env - read
    assert not dead, f"compose sets variables no code reads: {dead}"
    for needed in ("DATABASE_URL", "AIRFLOW_CONN_INCIDENTS_DB", "INCIDENTS_SOURCES", "INCIDENTS_HOME",
                   "INCIDENTS_DATA_DIR", "INCIDENTS_CRAWL_POOL"):
        assert needed in env and needed in read, needed
    def plain(value):  # ${X:?message} and ${X} name the same value
        return re.sub(r"\$\{([A-Z0-9_]+)[^}]*\}", r"${\1}", value)

    assert plain(env["DATABASE_URL"]) == plain(env["AIRFLOW_CONN_INCIDENTS_DB"])
    assert services["airflow-init"]["environment"]["INCIDENTS_CRAWL_POOL_SLOTS"]


def _airflow_options() -> set[tuple[str, str]]:
    """Every (section, option) Airflow and the Celery provider know, read from their packaged config files
    without importing airflow (which would configure it for the rest of the session)."""
    import runpy
    from importlib.util import find_spec

    package = Path(find_spec("airflow").origin).parent
    spec = yaml.safe_load((package / "config_templates" / "config.yml").read_text())
    options = {(section, key) for section, body in spec.items() for key in (body.get("options") or {})}
    provider = runpy.run_path(str(package / "providers" / "celery" / "get_provider_info.py"))["get_provider_info"]()
    options |= {(section, key) for section, body in provider.get("config", {}).items()
                for key in body.get("options", {})}
    return options


def test_airflow_settings_exist_in_airflow(services):
    options = _airflow_options()
    assert ("celery", "broker_url") in options and ("core", "executor") in options
    for name in services["airflow-worker"]["environment"]:
        if name.startswith("AIRFLOW__"):
            section, key = name[len("AIRFLOW__"):].lower().split("__", 1)
            assert (section, key) in options, f"{name}: no such Airflow setting"


def test_mounted_paths_and_image(services):
    volumes = services["airflow-worker"]["volumes"]
    mounts = {}
    for spec in volumes:
        source, target = spec.split(":")[:2]
        if source.startswith("."):
            assert (ROOT / source).exists(), f"mounted path missing from the repo: {source}"
            mounts[target] = ROOT / source
    env = services["airflow-worker"]["environment"]
    dags = mounts[env["AIRFLOW__CORE__DAGS_FOLDER"]]
    assert {"news_ingest.py", "reprocess_incidents.py", "refresh_gazetteer.py"} <= {p.name for p in dags.iterdir()}
    home = Path(env["INCIDENTS_HOME"])
    for sub in ("src", "sql", "config", "dags", "scrapers"):
        assert str(home / sub) in mounts, f"{home / sub} is not mounted"
    assert mounts[env["PYTHONPATH"]] == ROOT / "src"
    assert Path(env["INCIDENTS_SOURCES"].split(":-")[-1].rstrip("}")).parent == home / "config"

    dockerfile = services["airflow-worker"]["build"]["dockerfile_inline"]
    version = metadata.version("apache-airflow")
    assert f"FROM apache/airflow:{version}-" in dockerfile and f"apache-airflow=={version}" in dockerfile
    for src in re.findall(r"^COPY (?:--\S+ )*(.+) \S+$", dockerfile, flags=re.MULTILINE):
        for path in src.split():
            assert (ROOT / path).exists(), f"the image copies {path}, which is not in the repo"
