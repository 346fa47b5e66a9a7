-- CreateTable
CREATE TABLE "data_version" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "value" BIGINT NOT NULL DEFAULT 0,
    "bumped_by" TEXT,

    CONSTRAINT "data_version_pkey" PRIMARY KEY ("id")
);

-- Hand-written: the single row, and the trigger that moves it.
ALTER TABLE "data_version" ADD CONSTRAINT "data_version_single_row" CHECK ("id");
INSERT INTO "data_version" ("id", "value") VALUES (true, 0);

-- Runs at commit (deferred), after the transaction's other work, so the row
-- lock it takes is the last lock of the transaction and two writers cannot
-- deadlock on it. A transaction bumps the value once however many rows it
-- writes: later calls see their own xid in bumped_by and change nothing.
-- Readers see the new value only once the change is committed, so a page
-- rendered under the old value is never kept under the new one.
CREATE FUNCTION "bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "data_version"
     SET "value" = "value" + 1, "bumped_by" = pg_current_xact_id()::text
   WHERE "bumped_by" IS DISTINCT FROM pg_current_xact_id()::text;
  RETURN NULL;
END
$$;

-- Every table whose rows a page shows. Left out: sign-in records, tokens,
-- watches and rate-limit counters, which no cached (signed-out) page shows.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'projects', 'project_representatives', 'functions', 'pages', 'revisions', 'needs', 'votes',
                           'decisions', 'comments', 'reference_imports', 'glibc_annotations', 'posix_entries',
                           'implementation_evidence', 'audit_events', 'settings']
  LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"()',
                   t || '_bump_data_version', t);
  END LOOP;
END
$$;
