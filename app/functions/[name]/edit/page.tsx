import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProposalEditor } from "@/components/proposal-editor";
import { getFunctionEvidence } from "@/lib/evidence/data";
import { describeEvidence, estimateFromEvidence } from "@/lib/evidence/describe";
import { getFunctionPage } from "@/lib/functions/data";
import { requireActor } from "@/lib/server/gate/page";
import { DEFAULT_GUARANTEE, proposalFieldsSchema, type ProposalFields } from "@/lib/pages/fields";

export const metadata: Metadata = { title: "Edit proposal" };

const EMPTY: ProposalFields = {
  guarantee: DEFAULT_GUARANTEE,
  implementationKind: "unknown",
  implementationNote: "",
  asSafety: "unknown",
};

type Props = {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function EditProposalPage({ params, searchParams }: Props) {
  const name = decodeURIComponent((await params).name);
  const [fn, search] = await Promise.all([getFunctionPage(name), searchParams]);
  if (!fn) notFound();
  await requireActor({ action: "proposal.suggest" });
  const revision = fn.page?.currentRevision ?? null;
  const base = revision ? { text: revision.text, fields: proposalFieldsSchema.parse(revision.fields) } : null;
  let initial = base ?? { text: "", fields: EMPTY };
  // ?from=evidence: start from the implementation evidence; saved like any edit, as a new revision.
  const fromEvidence = search.from === "evidence";
  const evidence = fromEvidence ? ((await getFunctionEvidence(fn.name))?.current ?? null) : null;
  if (evidence) initial = { text: initial.text, fields: { ...initial.fields, ...estimateFromEvidence(evidence) } };
  return (
    <>
      <p className="muted small">
        <Link href={`/functions/${encodeURIComponent(fn.name)}`}>{fn.name}</Link> /
      </p>
      <h1>
        Edit the proposal for <code>{fn.name}</code>
      </h1>
      <p className="muted">
        Each save is a new revision{revision ? `, based on revision ${revision.number}` : ""}. Maintainers review
        proposals revision by revision.
      </p>
      {evidence ? (
        <div className="notice ok" role="status" data-testid="from-evidence">
          The implementation kind and note are filled in from glibc&apos;s source for {evidence.target}:{" "}
          {describeEvidence(evidence)}. Check them, then save to record a new revision.
        </div>
      ) : fromEvidence ? (
        <div className="notice warn" role="status" data-testid="from-evidence">
          No implementation evidence has been imported for <code>{fn.name}</code>, so nothing was filled in.
        </div>
      ) : null}
      <ProposalEditor functionName={fn.name} baseRevisionId={revision?.id ?? null} base={base} initial={initial} />
    </>
  );
}
