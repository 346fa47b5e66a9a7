import { revisionProseHtml } from "@/lib/prose/cache";

/**
 * A stored revision's prose, from the parser cache: the same sanitised
 * markup as <Markdown>, made once per revision instead of once per request,
 * and sent as one string (in the HTML and the RSC payload alike) rather than
 * as thousands of React elements.
 */
export function RevisionProse({ revision }: { revision: { id: number; text: string } }) {
  return <div className="prose" dangerouslySetInnerHTML={{ __html: revisionProseHtml(revision) }} />;
}
