import Link from "next/link";
import { hazardsAgainstEstimate } from "@/lib/reachability/agreement";
import { getFunctionReachability } from "@/lib/reachability/data";
import { proposalFieldsSchema } from "@/lib/pages/fields";

/** A warning on the review page when the revision under review estimates "AS-safe" but the libc binary disagrees. */
export async function ReachabilityFlag({ name, fields, base }: { name: string; fields: unknown; base: string }) {
  const parsed = proposalFieldsSchema.safeParse(fields);
  const r = await getFunctionReachability(name);
  const against = hazardsAgainstEstimate(parsed.success ? parsed.data.asSafety : null, r);
  if (!r || against.length === 0) return null;
  const kinds = against.map((h) => h.kind).join(" and ");
  return (
    <div className="notice warn" role="note" data-testid="reachability-disagrees">
      <strong>The estimate says AS-safe, but the C library reaches {kinds}.</strong> In {r.source.package}:{" "}
      {against.map((h, i) => (
        <span key={h.kind}>
          {i ? "; " : ""}
          <code>{h.path.join(" → ")}</code>
        </span>
      ))}
      , by the normal route. <Link href={`${base}#reach-heading`}>See what the child runs</Link>.
    </div>
  );
}
