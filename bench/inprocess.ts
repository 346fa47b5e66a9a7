// Server-side time of the domain functions behind the heaviest pages,
// called directly (no HTTP, no rendering) on the benchmark database.
import { percentiles, type Percentiles } from "./stats";

export interface InProcessResult extends Percentiles {
  name: string;
  runs: number;
}

async function time(name: string, runs: number, call: () => Promise<unknown>): Promise<InProcessResult> {
  for (let i = 0; i < 5; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  return { name, runs, ...percentiles(samples) };
}

/** Imported lazily: these modules open the database client of DATABASE_URL, which must be set first. */
export async function measureInProcess(options: {
  historyFunction: string;
  diffFunction: string;
  functionPage: string;
  runs: number;
}): Promise<InProcessResult[]> {
  const { compareRevisions, listRevisions } = await import("../lib/pages/history");
  const { functionPageRef } = await import("../lib/pages/refs");
  const { catalogFacets, listFunctions } = await import("../lib/functions/catalog");
  const { parseCatalogQuery } = await import("../lib/functions/schema");
  const { recentChanges } = await import("../lib/recent/data");
  const { loadMatrix } = await import("../lib/projects/matrix");
  const { matrixQuerySchema } = await import("../lib/projects/matrix-schema");
  const { exportMarkdown } = await import("../lib/export/data");
  const { listFunctionItems } = await import("../lib/server/api/functions");
  const { functionsQuerySchema } = await import("../lib/server/api/schemas/functions");
  const { getFunctionPage } = await import("../lib/functions/data");
  const { getReview } = await import("../lib/review/data");
  const { parseRecentQuery } = await import("../lib/recent/schema");
  const diffPage = await functionPageRef(options.diffFunction);
  const historyPage = await functionPageRef(options.historyFunction);
  if (!diffPage || !historyPage) throw new Error("The dataset's diff and history pages are missing.");
  const all = parseCatalogQuery({});
  const filtered = parseCatalogQuery({ as: "unsafe", project: "linted" });
  return [
    await time(`compareRevisions (${options.diffFunction}, 2,000 lines, 1→2)`, options.runs, () =>
      compareRevisions(diffPage, 1, 2),
    ),
    await time(`listRevisions (${options.historyFunction}, 1,000 revisions)`, options.runs, () =>
      listRevisions(historyPage.pageId),
    ),
    await time("listFunctions (default)", options.runs, () => listFunctions(all)),
    await time("listFunctions (as=unsafe, project=linted)", options.runs, () => listFunctions(filtered)),
    // The catalog page also counts every filter option.
    await time("catalogFacets (default)", options.runs, () => catalogFacets(all)),
    await time("catalogFacets (as=unsafe, project=linted)", options.runs, () => catalogFacets(filtered)),
    await time("recentChanges (first page)", options.runs, () => recentChanges(parseRecentQuery({}))),
    await time(`getFunctionPage (${options.functionPage})`, options.runs, () => getFunctionPage(options.functionPage)),
    await time(`getReview (${options.diffFunction}, agreed 1 → current 2)`, options.runs, () =>
      getReview(options.diffFunction),
    ),
    await time("loadMatrix (default)", options.runs, () => loadMatrix(matrixQuerySchema.parse({}))),
    await time("exportMarkdown (default: query and text)", options.runs, () =>
      exportMarkdown({ underReview: false, group: "status" }, "http://127.0.0.1"),
    ),
    await time("listFunctionItems (limit=50)", options.runs, () =>
      listFunctionItems(functionsQuerySchema.parse({ limit: "50" })),
    ),
  ];
}
