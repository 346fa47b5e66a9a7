import type { Metadata } from "next";
import { requireActor } from "@/lib/server/gate/page";
import { BACKUP_VERSION } from "@/lib/backup/schema";
import { EXCLUDED_TABLES, TABLES } from "@/lib/backup/tables";

export const metadata: Metadata = { title: "Backup" };

export default async function BackupPage() {
  await requireActor({ action: "settings.manage" });
  return (
    <>
      <h1>Backup</h1>
      <section className="panel" aria-labelledby="download-heading">
        <h2 id="download-heading">Download a backup</h2>
        <p>
          One JSON file (format version {BACKUP_VERSION}) with every table: {TABLES.map((t) => t.table).join(", ")}. It
          is a consistent snapshot taken in one transaction, and restores to an identical site.
        </p>
        <p className="small muted">
          Not included:{" "}
          {Object.entries(EXCLUDED_TABLES)
            .filter(([t]) => !t.startsWith("_"))
            .map(([t, why]) => `${t} (${why})`)
            .join("; ")}
          .
        </p>
        <div className="notice warn">
          The file holds password hashes, the session secret and access-token hashes. Keep it as private as the
          database. Each download is recorded in the audit log.
        </div>
        <p>
          <a className="button" href="/admin/backup/download" download>
            Download backup (.json)
          </a>
        </p>
      </section>
      <section className="panel" aria-labelledby="restore-heading">
        <h2 id="restore-heading">Restore</h2>
        <p>
          Restoring is done from the command line, into an empty database prepared by the migrations; a database that
          holds any data is refused and left as it is.
        </p>
        <pre>{`DATABASE_URL=postgresql://…/afterfork_new npm run migrate
DATABASE_URL=postgresql://…/afterfork_new npm run backup -- restore afterfork-backup.json`}</pre>
        <p className="small muted">
          From the command line, <code>npm run backup -- export &lt;file&gt;</code> writes the same file.
        </p>
      </section>
    </>
  );
}
