-- AlterEnum
ALTER TYPE "ReferenceKind" ADD VALUE 'glibc-binary';

-- AlterTable
ALTER TABLE "functions" ADD COLUMN     "reachability_id" INTEGER;

-- CreateTable
CREATE TABLE "function_reachability" (
    "id" SERIAL NOT NULL,
    "function_id" INTEGER NOT NULL,
    "import_id" INTEGER NOT NULL,
    "build_id" TEXT NOT NULL,
    "hazards" JSONB NOT NULL,
    "indirect_calls" INTEGER NOT NULL,
    "lock_route" TEXT,
    "malloc_route" TEXT,
    "setxid_route" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "function_reachability_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "function_reachability_function_id_import_id_key" ON "function_reachability"("function_id", "import_id");

-- CreateIndex
CREATE UNIQUE INDEX "functions_reachability_id_key" ON "functions"("reachability_id");

-- AddForeignKey
ALTER TABLE "functions" ADD CONSTRAINT "functions_reachability_id_fkey" FOREIGN KEY ("reachability_id") REFERENCES "function_reachability"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "function_reachability" ADD CONSTRAINT "function_reachability_function_id_fkey" FOREIGN KEY ("function_id") REFERENCES "functions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "function_reachability" ADD CONSTRAINT "function_reachability_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "reference_imports"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: the routes the catalog filters on are only these.
ALTER TABLE "function_reachability" ADD CONSTRAINT "function_reachability_routes_check" CHECK (
  coalesce("lock_route", 'normal') IN ('normal', 'cancellation', 'fatal') AND
  coalesce("malloc_route", 'normal') IN ('normal', 'cancellation', 'fatal') AND
  coalesce("setxid_route", 'normal') IN ('normal', 'cancellation', 'fatal'));

-- Hand-written: function pages show this table, so a change moves the page cache's data_version.
CREATE CONSTRAINT TRIGGER "function_reachability_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "function_reachability"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"();
