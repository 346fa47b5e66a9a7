import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, unauthorized } from "next/navigation";
import { ProposalEditor } from "@/components/proposal-editor";
import { can } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { getFunctionPage } from "@/lib/functions/data";
import { DEFAULT_GUARANTEE, proposalFieldsSchema, type ProposalFields } from "@/lib/pages/fields";

export const metadata: Metadata = { title: "Edit proposal" };

const EMPTY: ProposalFields = { guarantee: DEFAULT_GUARANTEE, implementationKind: "unknown", implementationNote: "", asSafety: "unknown" };

export default async function EditProposalPage({ params }: { params: Promise<{ name: string }> }) {
  const name = decodeURIComponent((await params).name);
  const [fn, actor] = await Promise.all([getFunctionPage(name), currentActor()]);
  if (!fn) notFound();
  if (!actor) unauthorized();
  if (!can(actor, { action: "proposal.suggest" })) forbidden();
  const revision = fn.page?.currentRevision ?? null;
  const base = revision ? { text: revision.text, fields: proposalFieldsSchema.parse(revision.fields) } : null;
  return (
    <>
      <p className="muted small"><Link href={`/functions/${encodeURIComponent(fn.name)}`}>{fn.name}</Link> /</p>
      <h1>Edit the proposal for <code>{fn.name}</code></h1>
      <p className="muted">
        Each save is a new revision{revision ? `, based on revision ${revision.number}` : ""}. Maintainers review proposals revision by revision.
      </p>
      <ProposalEditor functionName={fn.name} baseRevisionId={revision?.id ?? null} base={base} initial={base ?? { text: "", fields: EMPTY }} />
    </>
  );
}
