-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('reader', 'representative', 'maintainer', 'admin');

-- CreateEnum
CREATE TYPE "FunctionStatus" AS ENUM ('unrequested', 'proposed', 'in-review', 'agreed', 'rejected', 'withdrawn');

-- CreateEnum
CREATE TYPE "PageKind" AS ENUM ('proposal', 'needs');

-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('required', 'convenient', 'can-work-around');

-- CreateEnum
CREATE TYPE "Safety" AS ENUM ('Safe', 'Unsafe');

-- CreateEnum
CREATE TYPE "PosixStatus" AS ENUM ('listed', 'removed');

-- CreateEnum
CREATE TYPE "ReferenceKind" AS ENUM ('glibc-manual', 'posix-list', 'glibc-source');

-- CreateEnum
CREATE TYPE "DecisionKind" AS ENUM ('agreed', 'rejected', 'withdrawn');

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "role" "Role" NOT NULL DEFAULT 'reader',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "oauth_identities" (
    "provider" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,

    CONSTRAINT "oauth_identities_pkey" PRIMARY KEY ("provider","subject")
);

-- CreateTable
CREATE TABLE "login_attempts" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "homepage" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "caveats" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_representatives" (
    "user_id" INTEGER NOT NULL,
    "project_id" INTEGER NOT NULL,

    CONSTRAINT "project_representatives_pkey" PRIMARY KEY ("user_id","project_id")
);

-- CreateTable
CREATE TABLE "functions" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "status" "FunctionStatus" NOT NULL DEFAULT 'unrequested',
    "status_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "estimate_kind" TEXT,
    "estimate_as_safety" TEXT,
    "glibc_annotation_id" INTEGER,
    "posix_entry_id" INTEGER,
    "evidence_id" INTEGER,

    CONSTRAINT "functions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pages" (
    "id" SERIAL NOT NULL,
    "kind" "PageKind" NOT NULL,
    "function_id" INTEGER,
    "project_id" INTEGER,
    "current_revision_id" INTEGER,
    "agreed_revision_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "revisions" (
    "id" SERIAL NOT NULL,
    "page_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "parent_id" INTEGER,
    "author_id" INTEGER NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "text" TEXT NOT NULL DEFAULT '',
    "fields" JSONB NOT NULL,
    "size" INTEGER NOT NULL,
    "restored_from_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "needs" (
    "project_id" INTEGER NOT NULL,
    "function_id" INTEGER NOT NULL,
    "priority" "Priority" NOT NULL,
    "rationale" TEXT NOT NULL DEFAULT '',
    "context" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,

    CONSTRAINT "needs_pkey" PRIMARY KEY ("project_id","function_id")
);

-- CreateTable
CREATE TABLE "votes" (
    "id" SERIAL NOT NULL,
    "revision_id" INTEGER NOT NULL,
    "voter_id" INTEGER NOT NULL,
    "value" INTEGER NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "votes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decisions" (
    "id" SERIAL NOT NULL,
    "page_id" INTEGER NOT NULL,
    "revision_id" INTEGER NOT NULL,
    "kind" "DecisionKind" NOT NULL,
    "actor_id" INTEGER NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comments" (
    "id" SERIAL NOT NULL,
    "page_id" INTEGER NOT NULL,
    "author_id" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "parent_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reference_imports" (
    "id" SERIAL NOT NULL,
    "kind" "ReferenceKind" NOT NULL,
    "source" TEXT NOT NULL,
    "origin" TEXT NOT NULL DEFAULT '',
    "added" INTEGER NOT NULL DEFAULT 0,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "removed" INTEGER NOT NULL DEFAULT 0,
    "imported_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reference_imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "glibc_annotations" (
    "id" SERIAL NOT NULL,
    "function_id" INTEGER NOT NULL,
    "import_id" INTEGER NOT NULL,
    "mt" "Safety" NOT NULL,
    "as" "Safety" NOT NULL,
    "ac" "Safety" NOT NULL,
    "mt_notes" TEXT NOT NULL DEFAULT '',
    "as_notes" TEXT NOT NULL DEFAULT '',
    "ac_notes" TEXT NOT NULL DEFAULT '',
    "preliminary" BOOLEAN NOT NULL DEFAULT false,
    "declared_as" TEXT NOT NULL DEFAULT 'function',
    "texi_file" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "glibc_annotations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "posix_entries" (
    "id" SERIAL NOT NULL,
    "function_id" INTEGER NOT NULL,
    "import_id" INTEGER NOT NULL,
    "status" "PosixStatus" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "man_section" TEXT NOT NULL DEFAULT '',
    "remark" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "posix_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "implementation_evidence" (
    "id" SERIAL NOT NULL,
    "function_id" INTEGER NOT NULL,
    "import_id" INTEGER NOT NULL,
    "target" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '',
    "syscall" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "implementation_evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" INTEGER,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" INTEGER,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "access_tokens" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'api',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "access_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "watches" (
    "user_id" INTEGER NOT NULL,
    "page_id" INTEGER NOT NULL,
    "last_visited_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watches_pkey" PRIMARY KEY ("user_id","page_id")
);

-- CreateTable
CREATE TABLE "rate_limit_buckets" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "rate_limit_buckets_pkey" PRIMARY KEY ("key","window_start")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "oauth_identities_user_id_idx" ON "oauth_identities"("user_id");

-- CreateIndex
CREATE INDEX "login_attempts_email_created_at_idx" ON "login_attempts"("email", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "projects_slug_key" ON "projects"("slug");

-- CreateIndex
CREATE INDEX "project_representatives_project_id_idx" ON "project_representatives"("project_id");

-- CreateIndex
CREATE UNIQUE INDEX "functions_name_key" ON "functions"("name");

-- CreateIndex
CREATE UNIQUE INDEX "functions_glibc_annotation_id_key" ON "functions"("glibc_annotation_id");

-- CreateIndex
CREATE UNIQUE INDEX "functions_posix_entry_id_key" ON "functions"("posix_entry_id");

-- CreateIndex
CREATE UNIQUE INDEX "functions_evidence_id_key" ON "functions"("evidence_id");

-- CreateIndex
CREATE INDEX "functions_status_idx" ON "functions"("status");

-- CreateIndex
CREATE INDEX "functions_updated_at_idx" ON "functions"("updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "pages_function_id_key" ON "pages"("function_id");

-- CreateIndex
CREATE UNIQUE INDEX "pages_project_id_key" ON "pages"("project_id");

-- CreateIndex
CREATE UNIQUE INDEX "pages_current_revision_id_key" ON "pages"("current_revision_id");

-- CreateIndex
CREATE UNIQUE INDEX "revisions_parent_id_key" ON "revisions"("parent_id");

-- CreateIndex
CREATE INDEX "revisions_author_id_idx" ON "revisions"("author_id");

-- CreateIndex
CREATE INDEX "revisions_created_at_idx" ON "revisions"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "revisions_page_id_number_key" ON "revisions"("page_id", "number");

-- CreateIndex
CREATE INDEX "needs_function_id_idx" ON "needs"("function_id");

-- CreateIndex
CREATE INDEX "votes_voter_id_idx" ON "votes"("voter_id");

-- CreateIndex
CREATE UNIQUE INDEX "votes_revision_id_voter_id_key" ON "votes"("revision_id", "voter_id");

-- CreateIndex
CREATE INDEX "decisions_page_id_created_at_idx" ON "decisions"("page_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "decisions_revision_id_kind_key" ON "decisions"("revision_id", "kind");

-- CreateIndex
CREATE INDEX "comments_page_id_created_at_idx" ON "comments"("page_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "glibc_annotations_function_id_import_id_key" ON "glibc_annotations"("function_id", "import_id");

-- CreateIndex
CREATE UNIQUE INDEX "posix_entries_function_id_import_id_key" ON "posix_entries"("function_id", "import_id");

-- CreateIndex
CREATE UNIQUE INDEX "implementation_evidence_function_id_import_id_key" ON "implementation_evidence"("function_id", "import_id");

-- CreateIndex
CREATE INDEX "audit_events_created_at_idx" ON "audit_events"("created_at");

-- CreateIndex
CREATE INDEX "audit_events_action_created_at_idx" ON "audit_events"("action", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "access_tokens_token_hash_key" ON "access_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "access_tokens_user_id_idx" ON "access_tokens"("user_id");

-- AddForeignKey
ALTER TABLE "oauth_identities" ADD CONSTRAINT "oauth_identities_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_representatives" ADD CONSTRAINT "project_representatives_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_representatives" ADD CONSTRAINT "project_representatives_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "functions" ADD CONSTRAINT "functions_glibc_annotation_id_fkey" FOREIGN KEY ("glibc_annotation_id") REFERENCES "glibc_annotations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "functions" ADD CONSTRAINT "functions_posix_entry_id_fkey" FOREIGN KEY ("posix_entry_id") REFERENCES "posix_entries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "functions" ADD CONSTRAINT "functions_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "implementation_evidence"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pages" ADD CONSTRAINT "pages_function_id_fkey" FOREIGN KEY ("function_id") REFERENCES "functions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pages" ADD CONSTRAINT "pages_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pages" ADD CONSTRAINT "pages_current_revision_id_fkey" FOREIGN KEY ("current_revision_id") REFERENCES "revisions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pages" ADD CONSTRAINT "pages_agreed_revision_id_fkey" FOREIGN KEY ("agreed_revision_id") REFERENCES "revisions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_page_id_fkey" FOREIGN KEY ("page_id") REFERENCES "pages"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "revisions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_restored_from_id_fkey" FOREIGN KEY ("restored_from_id") REFERENCES "revisions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "needs" ADD CONSTRAINT "needs_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "needs" ADD CONSTRAINT "needs_function_id_fkey" FOREIGN KEY ("function_id") REFERENCES "functions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "votes" ADD CONSTRAINT "votes_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "revisions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "votes" ADD CONSTRAINT "votes_voter_id_fkey" FOREIGN KEY ("voter_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_page_id_fkey" FOREIGN KEY ("page_id") REFERENCES "pages"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "revisions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_page_id_fkey" FOREIGN KEY ("page_id") REFERENCES "pages"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "comments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reference_imports" ADD CONSTRAINT "reference_imports_imported_by_id_fkey" FOREIGN KEY ("imported_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "glibc_annotations" ADD CONSTRAINT "glibc_annotations_function_id_fkey" FOREIGN KEY ("function_id") REFERENCES "functions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "glibc_annotations" ADD CONSTRAINT "glibc_annotations_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "reference_imports"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posix_entries" ADD CONSTRAINT "posix_entries_function_id_fkey" FOREIGN KEY ("function_id") REFERENCES "functions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posix_entries" ADD CONSTRAINT "posix_entries_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "reference_imports"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "implementation_evidence" ADD CONSTRAINT "implementation_evidence_function_id_fkey" FOREIGN KEY ("function_id") REFERENCES "functions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "implementation_evidence" ADD CONSTRAINT "implementation_evidence_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "reference_imports"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "settings" ADD CONSTRAINT "settings_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watches" ADD CONSTRAINT "watches_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watches" ADD CONSTRAINT "watches_page_id_fkey" FOREIGN KEY ("page_id") REFERENCES "pages"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Integrity Prisma's schema language cannot express (written by hand).

ALTER TABLE "users" ADD CONSTRAINT "users_email_lowercase" CHECK ("email" = lower("email") AND position('@' in "email") > 1);
ALTER TABLE "users" ADD CONSTRAINT "users_name_present" CHECK (length(btrim("name")) > 0);
ALTER TABLE "projects" ADD CONSTRAINT "projects_slug_format" CHECK ("slug" ~ '^[a-z0-9][a-z0-9-]*$');
ALTER TABLE "functions" ADD CONSTRAINT "functions_name_present" CHECK (length("name") > 0 AND "name" !~ '\s');

-- A page belongs to exactly the owner its kind names.
ALTER TABLE "pages" ADD CONSTRAINT "pages_owner_matches_kind" CHECK (
  ("kind" = 'proposal' AND "function_id" IS NOT NULL AND "project_id" IS NULL) OR
  ("kind" = 'needs' AND "project_id" IS NOT NULL AND "function_id" IS NULL));

-- A page's revisions form one chain: revision 1 has no parent, every later one has.
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_number_positive" CHECK ("number" >= 1);
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_root_has_no_parent" CHECK (("number" = 1) = ("parent_id" IS NULL));

-- Revisions are append-only.
CREATE FUNCTION "refuse_revision_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'revisions are append-only: % refused', TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER "revisions_append_only" BEFORE UPDATE OR DELETE ON "revisions"
  FOR EACH ROW EXECUTE FUNCTION "refuse_revision_change"();
CREATE TRIGGER "revisions_no_truncate" BEFORE TRUNCATE ON "revisions"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_revision_change"();

ALTER TABLE "votes" ADD CONSTRAINT "votes_value_range" CHECK ("value" BETWEEN -2 AND 2);
ALTER TABLE "needs" ADD CONSTRAINT "needs_position_nonnegative" CHECK ("position" >= 0);
ALTER TABLE "rate_limit_buckets" ADD CONSTRAINT "rate_limit_buckets_count_nonnegative" CHECK ("count" >= 0);
