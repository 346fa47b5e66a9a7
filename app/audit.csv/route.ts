import { auditCsvStream } from "@/lib/audit/csv";
import { parseAuditQuery } from "@/lib/audit/data";
import { can } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";

// Public like the audit page; emails only for admins.
export async function GET(request: Request) {
  const query = parseAuditQuery(Object.fromEntries(new URL(request.url).searchParams));
  const withEmails = can(await currentActor(), { action: "users.manage" });
  return new Response(auditCsvStream(query, { withEmails }), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="afterfork-audit.csv"',
      "cache-control": "no-store",
    },
  });
}
