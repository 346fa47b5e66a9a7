import Link from "next/link";
import { CoverageBar } from "@/components/coverage-bar";
import { siteCounts } from "@/lib/functions/data";
import { coverageByProject, sumCoverage } from "@/lib/projects/coverage";

export default async function HomePage() {
  const [counts, coverage] = await Promise.all([siteCounts(), coverageByProject()]);
  return (
    <>
      <h1>Which libc functions are safe after fork() in a threaded program?</h1>
      <p className="lead">
        POSIX promises only the async-signal-safe functions in the child of a multithreaded <code>fork()</code>.
        Sandboxes and service managers — systemd, LXC, Docker, Chrome, linted — need more. Afterfork is where their
        representatives file what they call after fork, glibc maintainers estimate and review each function, and the
        agreed list is written down for libc-help.
      </p>
      <div className="stats" aria-label="Counts">
        <div className="stat">
          <strong>{counts.functions.toLocaleString("en")}</strong>functions in the catalog
        </div>
        <div className="stat">
          <strong>{counts.proposals}</strong>requested, awaiting agreement
        </div>
        <div className="stat">
          <strong>{counts.agreed}</strong>agreed
        </div>
        <div className="stat">
          <strong>{counts.projects}</strong>projects
        </div>
        <div className="stat">
          <strong>{counts.needs}</strong>needs filed
        </div>
        <div className="stat">
          <strong>{counts.revisions}</strong>revisions
        </div>
      </div>
      <h2>Coverage: the projects&apos; required functions</h2>
      <CoverageBar coverage={sumCoverage(coverage.values())} label="All projects' required functions" />
      <h2>Start here</h2>
      <ul>
        <li>
          <Link href="/functions?status=proposed">Requested functions</Link> with the maintainers&apos; estimates.
        </li>
        <li>
          <Link href="/functions">The whole catalog</Link>, with the glibc manual&apos;s safety annotations and the
          POSIX async-signal-safe list beside each function.
        </li>
        <li>
          <Link href="/projects">Projects and their needs lists</Link>: what each project calls after fork, and how
          badly it needs it; the <Link href="/matrix">functions × projects matrix</Link>.
        </li>
      </ul>
      <h2>How it works</h2>
      <ol>
        <li>
          A project representative files the functions the project calls in the child after <code>fork()</code>.
        </li>
        <li>
          Maintainers estimate each one: how glibc implements it (syscall stub, assembly stub, complex) and whether it
          is AS-safe.
        </li>
        <li>
          Every edit is a revision; maintainers vote on a revision, and a clear rule turns a proposal into
          &ldquo;agreed&rdquo;.
        </li>
        <li>The agreed list is exported as a post for libc-help.</li>
      </ol>
    </>
  );
}
