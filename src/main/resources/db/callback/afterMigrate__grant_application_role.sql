-- Runs after every migration (Flyway callback, not a migration): gives the application's own
-- database role, when one is configured (academy.db.app-role), exactly what the app needs on the
-- schema: use it, and read and write rows of every table, including tables added since. Nothing
-- else: it cannot create, alter or drop anything, and cannot touch Flyway's history. With no role
-- configured (the default, one superuser for everything) this does nothing. See docs/deployment.md.
do $$
declare
    app_role   text := '${approle}';
    app_schema text := '${flyway:defaultSchema}';
begin
    if app_role = '' then
        return;
    end if;
    execute format('grant usage on schema %I to %I', app_schema, app_role);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', app_schema, app_role);
    execute format('grant usage, select on all sequences in schema %I to %I', app_schema, app_role);
    execute format('revoke all on %I.%I from %I', app_schema, '${flyway:table}', app_role);
end
$$;
