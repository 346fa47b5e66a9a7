-- AlterEnum
ALTER TYPE "DecisionKind" ADD VALUE 'reopened';

-- Every function a project lists is requested, whatever its priority (until now only `required`
-- rows moved a function out of `unrequested`): the same as lib/projects/needs.ts syncNeeds now does.
UPDATE "functions" f
   SET "status" = 'proposed', "status_changed_at" = now(), "updated_at" = now()
 WHERE f."status" = 'unrequested' AND EXISTS (SELECT 1 FROM "needs" n WHERE n."function_id" = f."id");

INSERT INTO "pages" ("kind", "function_id", "created_at")
SELECT 'proposal', f."id", now()
  FROM "functions" f
 WHERE EXISTS (SELECT 1 FROM "needs" n WHERE n."function_id" = f."id")
   AND NOT EXISTS (SELECT 1 FROM "pages" p WHERE p."function_id" = f."id");

-- Agreed means agreed: an agreed function's estimate columns are its agreed revision's, not those of
-- an unreviewed edit saved after it (lib/pages/kinds/proposal.ts used to copy every save's).
UPDATE "functions" f
   SET "estimate_kind" = r."fields" ->> 'implementationKind', "estimate_as_safety" = r."fields" ->> 'asSafety'
  FROM "pages" p JOIN "revisions" r ON r."id" = p."agreed_revision_id"
 WHERE p."function_id" = f."id" AND f."status" = 'agreed';
