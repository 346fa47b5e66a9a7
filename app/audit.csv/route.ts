import { auditCsv, parseAuditQuery } from "@/lib/audit/data";

export async function GET(request: Request) {
  const query = parseAuditQuery(Object.fromEntries(new URL(request.url).searchParams));
  return new Response(await auditCsv(query), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="afterfork-audit.csv"',
      "cache-control": "no-store",
    },
  });
}
