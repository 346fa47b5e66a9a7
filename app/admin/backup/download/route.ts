import { ApiError } from "@/lib/server/api/http";
import { cookieRoute } from "@/lib/server/http/cookie-route";
import { BackupError } from "@/lib/backup/database";
import { backupChunks, exportBackup, recordBackupDownload } from "@/lib/backup/export";

/** The whole database as an Afterfork backup file (admins only); every download is audited. */
export const GET = cookieRoute({ permission: () => ({ action: "settings.manage" }) }, async ({ actor }) => {
  let backup;
  try {
    backup = await exportBackup();
  } catch (error) {
    if (error instanceof BackupError) throw new ApiError(500, "backup_failed", error.message);
    throw error;
  }
  await recordBackupDownload(actor.id, backup);
  const encoder = new TextEncoder();
  const chunks = backupChunks(backup);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      // About 64 KiB per pull keeps memory flat however large the backup is.
      let text = "";
      while (text.length < 64 * 1024) {
        const next = chunks.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += next.value;
      }
      controller.enqueue(encoder.encode(text));
    },
  });
  const stamp = backup.exportedAt.replace(/[:.]/g, "-");
  return new Response(stream, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="afterfork-backup-${stamp}.json"`,
      "cache-control": "no-store",
    },
  });
});
