"""Migrations: applied in order, recorded, and a second run is a no-op."""
import psycopg2
import pytest

from incidents.db.migrate import MigrationError, discover, migrate


def test_migrate_twice_is_a_noop(db):
    # the fixture database is already migrated from the template: a run applies nothing and changes nothing
    with db.cursor() as cur:
        cur.execute("SELECT version, checksum FROM schema_migrations ORDER BY version")
        before = cur.fetchall()
    assert [v for v, _ in before] == [m.version for m in discover()]
    assert migrate(db) == []
    assert migrate(db) == []
    with db.cursor() as cur:
        cur.execute("SELECT version, checksum FROM schema_migrations ORDER BY version")
        assert cur.fetchall() == before


def test_fresh_database_gets_every_migration(pg_admin_url):
    import uuid
    from urllib.parse import urlsplit, urlunsplit

    name = f"incidents_fresh_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(pg_admin_url)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        conn = psycopg2.connect(urlunsplit(urlsplit(pg_admin_url)._replace(path=f"/{name}")))
        applied = migrate(conn)
        assert applied == [m.name for m in discover()]
        assert migrate(conn) == []
        conn.close()
    finally:
        admin.cursor().execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.close()


def test_failed_migration_rolls_back_and_is_not_recorded(db, tmp_path):
    mig = tmp_path / "migrations"
    mig.mkdir()
    (mig / "001_ok.sql").write_text("CREATE TABLE t_ok (id int);")
    (mig / "002_broken.sql").write_text("CREATE TABLE t_half (id int); SELECT no_such_function();")
    views = tmp_path / "views"
    views.mkdir()
    with db.cursor() as cur:
        cur.execute("DELETE FROM schema_migrations")
    db.commit()
    with pytest.raises(MigrationError, match="002_broken"):
        migrate(db, mig, views)
    with db.cursor() as cur:
        cur.execute("SELECT name FROM schema_migrations")
        assert [r[0] for r in cur.fetchall()] == ["001_ok"]
        cur.execute("SELECT to_regclass('t_half')")
        assert cur.fetchone()[0] is None


def test_badly_named_migration_is_refused(tmp_path):
    (tmp_path / "7-oops.sql").write_text("SELECT 1;")
    with pytest.raises(MigrationError, match="001_name.sql"):
        discover(tmp_path)
