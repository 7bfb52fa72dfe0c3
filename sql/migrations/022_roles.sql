-- Database roles: `analyst` reads every table and view and nothing else, with a statement timeout;
-- `ingest` is what the pipeline's workers log in as (read and write rows, no DDL).
--
-- Roles belong to the whole server while grants belong to one database, and the test suite migrates many
-- databases on one server (sometimes at the same moment), so: create each role only when pg_roles lacks it,
-- tolerate losing that race to another migrator, and grant per database every time. Roles are created NOLOGIN
-- with no password; incidents.roles.set_passwords_from_env() sets passwords from ANALYST_PASSWORD /
-- INGEST_PASSWORD and grants LOGIN.

DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['analyst', 'ingest'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;  -- another database's migration created it a moment ago
            END;
        END IF;
    END LOOP;
END
$$;

-- Role settings are server-wide: set each only when missing, retrying when another database's migration
-- updates the same catalog row at the same moment ("tuple concurrently updated").
DO $$
DECLARE
    wanted text[] := ARRAY[
        ['analyst', 'statement_timeout', '5min'],
        ['analyst', 'default_transaction_read_only', 'on'],
        ['analyst', 'idle_in_transaction_session_timeout', '15min'],
        ['ingest', 'statement_timeout', '30min']];
    i integer;
    attempt integer;
BEGIN
    FOR i IN 1 .. array_length(wanted, 1) LOOP
        FOR attempt IN 1 .. 10 LOOP
            EXIT WHEN EXISTS (
                SELECT 1 FROM pg_db_role_setting d JOIN pg_roles r ON r.oid = d.setrole
                 WHERE r.rolname = wanted[i][1] AND d.setdatabase = 0
                   AND wanted[i][2] || '=' || wanted[i][3] = ANY (d.setconfig));
            BEGIN
                EXECUTE format('ALTER ROLE %I SET %I = %L', wanted[i][1], wanted[i][2], wanted[i][3]);
            EXCEPTION WHEN internal_error OR unique_violation THEN
                PERFORM pg_sleep(0.05 * attempt);
            END;
        END LOOP;
    END LOOP;
END
$$;

-- Nobody but the schema owner creates objects in public (PostgreSQL 15's default, made explicit).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

DO $$
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO analyst, ingest', current_database());
    EXECUTE format('REVOKE CREATE ON DATABASE %I FROM analyst, ingest', current_database());
END
$$;
GRANT USAGE ON SCHEMA public TO analyst, ingest;

GRANT SELECT ON ALL TABLES IN SCHEMA public TO analyst;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ingest;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ingest;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO analyst, ingest;

-- Tables, views and sequences made later by the role that runs migrations get the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO analyst;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ingest;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ingest;

-- Materialised views can only be refreshed by their owner (before PostgreSQL 17), so the pipeline refreshes
-- them through this function, which runs with the owner's rights.
CREATE FUNCTION refresh_analyst_views() RETURNS SETOF text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    view_name text;
    populated boolean;
BEGIN
    FOR view_name, populated IN
        SELECT c.relname, c.relispopulated FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'm' AND n.nspname = 'public' ORDER BY c.relname
    LOOP
        -- CONCURRENTLY keeps the view readable during the refresh; it needs the view populated once
        -- and a plain unique index on it
        IF populated AND EXISTS (SELECT 1 FROM pg_index i
                                  WHERE i.indrelid = format('%I', view_name)::regclass
                                    AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL) THEN
            EXECUTE format('REFRESH MATERIALIZED VIEW CONCURRENTLY %I', view_name);
        ELSE
            EXECUTE format('REFRESH MATERIALIZED VIEW %I', view_name);
        END IF;
        RETURN NEXT view_name;
    END LOOP;
END
$$;
REVOKE EXECUTE ON FUNCTION refresh_analyst_views() FROM PUBLIC, analyst;
GRANT EXECUTE ON FUNCTION refresh_analyst_views() TO ingest;
