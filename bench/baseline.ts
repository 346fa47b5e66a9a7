// The benchmark's bare baseline: node:http and pg, no framework, no React, no
// Prisma client. For each measured page it runs the queries the app runs (the
// app's own SQL builders from lib/ where the app writes SQL; each Prisma call
// as one hand-written statement over the same tables, joins, order and
// limits) and writes the same rows as minimal HTML (JSON for the API list,
// the same Markdown text for /export.md). What the app's pages cost beyond
// this is the framework, the ORM and rendering. The pages are in
// bench/baseline/.
//
// Run by bench/run.ts as its own process: `node --import tsx bench/baseline.ts`
// with DATABASE_URL and BASELINE_PORT set.
import http from "node:http";
import { catalog, functionList } from "./baseline/catalog";
import { pool } from "./baseline/db";
import { functionPage } from "./baseline/function-page";
import { NotFound, type Reply } from "./baseline/html";
import { exportText, matrix, recent } from "./baseline/lists";
import { diff, history } from "./baseline/revisions";

function route(request: http.IncomingMessage): Promise<Reply> {
  const url = new URL(request.url ?? "/", "http://baseline");
  const search = url.searchParams;
  const path = url.pathname;
  if (path === "/functions") return catalog(search);
  if (path === "/matrix") return matrix(search);
  if (path === "/recent") return recent(search);
  if (path === "/export.md") return exportText(search, request.headers.host);
  if (path === "/api/v1/functions") return functionList(search);
  const match = /^\/functions\/([^/]+)(?:\/(history|diff))?$/.exec(path);
  if (match) {
    const name = decodeURIComponent(match[1]!);
    if (match[2] === "history") return history(name, search);
    if (match[2] === "diff") return diff(name, search);
    return functionPage(name, search);
  }
  return Promise.reject(new NotFound());
}

const server = http.createServer((request, response) => {
  route(request).then(
    (reply) => {
      response.writeHead(reply.status ?? 200, { "content-type": reply.type, "cache-control": "no-store" });
      response.end(reply.body);
    },
    (error: unknown) => {
      const notFound = error instanceof NotFound;
      if (!notFound) console.error(error);
      response.writeHead(notFound ? 404 : 500, { "content-type": "text/plain; charset=utf-8" });
      response.end(notFound ? "Not found.\n" : "Internal error.\n");
    },
  );
});

const port = Number(process.env.BASELINE_PORT);
if (!Number.isInteger(port) || port <= 0 || !process.env.DATABASE_URL) {
  console.error("bench/baseline.ts needs BASELINE_PORT and DATABASE_URL.");
  process.exit(2);
}
server.listen(port, "127.0.0.1", () => console.log(`baseline listening on http://127.0.0.1:${port}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void pool.end().finally(() => process.exit(0));
  });
}
