import type { Metadata } from "next";
import { listReachabilityImports } from "@/lib/reachability/data";
import { ROUTE_SETS } from "@/lib/reachability/hazards";

export const metadata: Metadata = { title: "What the child runs" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

function Names({ names, testId }: { names: string[]; testId: string }) {
  return (
    <p className="small" data-testid={testId}>
      {names.map((n, i) => (
        <span key={n}>
          {i ? ", " : ""}
          <code>{n}</code>
        </span>
      ))}
    </p>
  );
}

/** Explains the reachability evidence: what is read, the sets that define hazards and routes, what it cannot see. */
export default async function ReachabilityPage() {
  const imports = await listReachabilityImports();
  return (
    <>
      <h1>What the child runs</h1>
      <p>
        In the child of a multithreaded <code>fork()</code>, a function is at risk when it can touch state another
        thread held at the moment of the fork: a lock, the malloc heap, or the set*id broadcast to all threads.
        Afterfork reads the installed C library itself (<code>objdump</code> on <code>libc.so.6</code>, symbols from its
        debug file) and follows every direct call from each catalog function.
      </p>
      <section className="panel" aria-labelledby="hazards-heading">
        <h2 id="hazards-heading">Hazards</h2>
        <h3>Lock</h3>
        <Names names={ROUTE_SETS.hazards.lock} testId="set-lock" />
        <p className="small muted">An inline lock whose fast path calls the wait only on contention still counts.</p>
        <h3>Malloc</h3>
        <Names names={ROUTE_SETS.hazards.malloc} testId="set-malloc" />
        <h3>Set*id broadcast</h3>
        <Names names={ROUTE_SETS.hazards.setxid} testId="set-setxid" />
      </section>
      <section className="panel" aria-labelledby="routes-heading">
        <h2 id="routes-heading">Routes</h2>
        <p>
          In a real libc almost everything reaches a lock somehow, so each hazard says how. <strong>Normal</strong>: a
          path avoids both sets below. <strong>Only if the process is being cancelled</strong>: every path passes a
          cancellation function, and one avoids the fatal-error functions. <strong>Only on a fatal error</strong>: every
          path passes a fatal-error function. The path shown is a shortest one of the best route.
        </p>
        <h3>Fatal-error functions</h3>
        <Names names={ROUTE_SETS.fatal} testId="set-fatal" />
        <h3>Cancellation and unwinding functions</h3>
        <Names names={ROUTE_SETS.cancellation} testId="set-cancellation" />
      </section>
      <section className="panel" aria-labelledby="limits-heading">
        <h2 id="limits-heading">What it does not see</h2>
        <ul>
          <li>
            Direct calls only. A call through a function pointer is counted (&quot;beyond N indirect calls&quot;), never
            followed and never taken as safe; an indirect jump may also be a switch&apos;s jump table.
          </li>
          <li>
            Path-insensitive: a branch that never runs in the child still counts. <code>raise</code> reaches{" "}
            <code>pthread_kill</code>&apos;s lock although it never takes that branch for its own thread.
          </li>
          <li>The build analysed is not necessarily yours: another version or distribution may differ.</li>
          <li>
            Functions in other objects (the dynamic loader&apos;s, reached through the PLT) end the path: their insides
            are not read.
          </li>
          <li>
            The set*id broadcast matters in the child too: glibc does not reset its single-threaded flag in{" "}
            <code>fork</code>, so <code>setuid</code> and friends in the child of a threaded program still take the
            all-threads path.
          </li>
        </ul>
      </section>
      <section className="panel" aria-labelledby="builds-heading">
        <h2 id="builds-heading">Builds read</h2>
        {imports.length ? (
          <ul className="small" data-testid="reach-imports">
            {imports.map((i) => (
              <li key={i.id}>
                {i.source} — <code>{i.origin}</code>, imported {dateFormat.format(i.createdAt)} ({i.added} added,{" "}
                {i.changed} changed, {i.removed} removed)
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No library has been analysed yet.</p>
        )}
        <p className="small muted">
          <code>
            npm run import -- glibc-binary &lt;libc.so.6&gt; --debug /usr/lib/debug --source &quot;&lt;package and
            version&gt;&quot;
          </code>
        </p>
      </section>
    </>
  );
}
