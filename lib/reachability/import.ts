/**
 * Records what each catalog function reaches in one build of the C library as a
 * `glibc-binary` reference import, with history kept as for the other importers
 * (`lib/evidence/import.ts`): one transaction; an unchanged function keeps its row; a new or
 * changed one gets a row of this import that becomes `Function.reachabilityId`; a function the
 * library no longer defines loses its current pointer (its reachability is then null); an audit
 * event `reference.import` records who ran it.
 */
import { z } from "zod";
import { audit } from "@/lib/audit/log";
import { db, inImportTransaction, type DbClient } from "@/lib/db";
import { ReachabilityImportError } from "@/lib/reachability/elf";
import { HAZARD_KINDS, ROUTES, type Hazard, type Reachability } from "@/lib/reachability/hazards";

export const reachabilityImportOptionsSchema = z.object({
  /** The package and version the library came from, e.g. "libc6 2.36-9+deb12u14 (Debian 12)". */
  source: z.string().trim().min(1, 'Name the package and version, e.g. --source "libc6 2.36-9+deb12u14".').max(200),
  /** The library read. */
  origin: z.string().max(1000).default(""),
  buildId: z.string().regex(/^[0-9a-f]{8,64}$/, "a GNU build id in hex"),
  importedById: z.number().int().positive().nullable().optional(),
});
export type ReachabilityImportOptions = z.input<typeof reachabilityImportOptionsSchema>;

const hazardSchema = z.object({
  kind: z.enum(HAZARD_KINDS),
  route: z.enum(ROUTES),
  path: z.array(z.string().min(1).max(200)).min(1).max(200),
});
const hazardsSchema = z.array(hazardSchema).refine((h) => new Set(h.map((x) => x.kind)).size === h.length, {
  message: "one hazard per kind",
});

export interface ReachabilityImportReport {
  importId: number;
  total: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** How many of the imported functions reach each kind by the normal route. */
  normal: Record<string, number>;
}

export function parseReachabilityOptions(options: ReachabilityImportOptions) {
  const parsed = reachabilityImportOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ReachabilityImportError(`--${String(issue.path[0] ?? "option")}: ${issue.message}`);
  }
  return parsed.data;
}

// PostgreSQL's jsonb orders an object's keys its own way, so hazards are compared field by field.
const key = (hazards: Hazard[]) => JSON.stringify(hazards.map((h) => [h.kind, h.route, h.path]));
const sameHazards = (a: Hazard[], b: Hazard[]) => key(a) === key(b);

const routeOf = (hazards: Hazard[], kind: string) => hazards.find((h) => h.kind === kind)?.route ?? null;

/**
 * Records one import. `results` holds the functions the library defines (by catalog name);
 * names outside the catalog are ignored, since reachability does not add functions.
 */
export async function importReachability(
  results: Map<string, Reachability>,
  options: ReachabilityImportOptions,
  client: DbClient = db,
): Promise<ReachabilityImportReport> {
  const opts = parseReachabilityOptions(options);
  for (const [name, r] of results) {
    const parsed = hazardsSchema.safeParse(r.hazards);
    if (!parsed.success) throw new ReachabilityImportError(`${name}: ${parsed.error.issues[0]!.message}`);
  }
  return inImportTransaction(client, async (tx) => {
    // One reachability import at a time, so "current" is read and moved by one import only.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('afterfork.glibc-binary-import'))`;
    const fns = await tx.function.findMany({
      where: { name: { in: [...results.keys()] } },
      select: { id: true, name: true, reachability: true },
    });
    const imp = await tx.referenceImport.create({
      data: { kind: "glibc_binary", source: opts.source, origin: opts.origin, importedById: opts.importedById ?? null },
    });
    const normal: Record<string, number> = Object.fromEntries(HAZARD_KINDS.map((k) => [k, 0]));
    const fresh = [];
    let added = 0;
    let changed = 0;
    for (const fn of fns) {
      const r = results.get(fn.name)!;
      for (const h of r.hazards) if (h.route === "normal") normal[h.kind]!++;
      const old = fn.reachability;
      if (!old) added++;
      else if (
        old.buildId !== opts.buildId ||
        old.indirectCalls !== r.indirectCalls ||
        !sameHazards(old.hazards as unknown as Hazard[], r.hazards)
      )
        changed++;
      else continue;
      fresh.push({
        functionId: fn.id,
        importId: imp.id,
        buildId: opts.buildId,
        hazards: r.hazards.map((h) => ({ kind: h.kind, route: h.route, path: h.path })),
        indirectCalls: r.indirectCalls,
        lockRoute: routeOf(r.hazards, "lock"),
        mallocRoute: routeOf(r.hazards, "malloc"),
        setxidRoute: routeOf(r.hazards, "setxid"),
      });
    }
    await tx.functionReachability.createMany({ data: fresh });
    await tx.$executeRaw`
      UPDATE functions f SET reachability_id = r.id, updated_at = now()
      FROM function_reachability r WHERE r.import_id = ${imp.id} AND r.function_id = f.id`;
    const removed = await tx.function.updateMany({
      where: { reachabilityId: { not: null }, id: { notIn: fns.map((f) => f.id) } },
      data: { reachabilityId: null, updatedAt: new Date() },
    });
    await tx.referenceImport.update({ where: { id: imp.id }, data: { added, changed, removed: removed.count } });
    await audit(tx, {
      actorId: opts.importedById ?? null,
      action: "reference.import",
      targetType: "reference_import",
      targetId: imp.id,
      details: {
        kind: "glibc-binary",
        source: opts.source,
        buildId: opts.buildId,
        origin: opts.origin,
        added,
        changed,
        removed: removed.count,
      },
    });
    return {
      importId: imp.id,
      total: fns.length,
      added,
      changed,
      removed: removed.count,
      unchanged: fns.length - added - changed,
      normal,
    };
  });
}
