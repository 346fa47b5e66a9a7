import Link from "next/link";
import { getFunctionReachability, type ReachabilityView } from "@/lib/reachability/data";
import type { Hazard } from "@/lib/reachability/hazards";

const KIND_LABEL: Record<Hazard["kind"], string> = {
  lock: "a lock",
  malloc: "malloc",
  setxid: "the set*id broadcast to all threads",
};

const ROUTE_NOTE: Record<Hazard["route"], string> = {
  normal: "",
  cancellation: "only if the process is being cancelled",
  fatal: "only on a fatal error",
};

function HazardItem({ hazard }: { hazard: Hazard }) {
  return (
    <li data-testid={`reach-${hazard.kind}-${hazard.route}`}>
      Reaches <strong>{KIND_LABEL[hazard.kind]}</strong>
      {hazard.route === "normal" ? "" : ` (${ROUTE_NOTE[hazard.route]})`}:{" "}
      <code className="reach-path">{hazard.path.join(" → ")}</code>
    </li>
  );
}

function Findings({ r }: { r: ReachabilityView }) {
  const normal = r.hazards.filter((h) => h.route === "normal");
  const others = r.hazards.filter((h) => h.route !== "normal");
  return (
    <>
      {normal.length ? (
        <ul className="small reach-list">
          {normal.map((h) => (
            <HazardItem key={h.kind} hazard={h} />
          ))}
        </ul>
      ) : (
        <p data-testid="reach-normal-none">No lock, malloc or set*id broadcast by the normal route.</p>
      )}
      {others.length ? (
        <ul className="small reach-list muted">
          {others.map((h) => (
            <HazardItem key={h.kind} hazard={h} />
          ))}
        </ul>
      ) : null}
      <p className="small" data-testid="reach-indirect">
        {r.indirectCalls
          ? `Beyond ${r.indirectCalls} function${r.indirectCalls === 1 ? "" : "s"} with indirect calls the ` +
            "analysis cannot see: what they call is not counted, and not assumed safe."
          : "No indirect calls by the normal route: every call on it is followed."}
      </p>
    </>
  );
}

/** "What the child runs": the hazards a function reaches through direct calls in the analysed libc build. */
export async function ReachabilityPanel({ name }: { name: string }) {
  const r = await getFunctionReachability(name);
  return (
    <section className="panel evidence-panel" aria-labelledby="reach-heading" data-testid="reachability">
      <h2 id="reach-heading">What the child runs</h2>
      {r ? (
        <>
          <Findings r={r} />
          <p className="small muted" data-testid="reach-source">
            Direct calls in {r.source.package}, <code>{r.source.library}</code>, build id{" "}
            <code>{r.source.buildId}</code>. Path-insensitive: a branch the child never takes still counts; your build
            may differ. <Link href="/reachability">How this is read, and what it cannot see</Link>.
          </p>
        </>
      ) : (
        <p className="muted" data-testid="reach-none">
          The analysed C library does not define <code>{name}</code> (or no library has been analysed).{" "}
          <Link href="/reachability">About this evidence</Link>.
        </p>
      )}
    </section>
  );
}
