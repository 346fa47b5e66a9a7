// Checks that the baseline serves what the app serves, so that the ratio of
// their throughputs compares the same work: the JSON list and the export text
// must be identical, and every link to a function or project page (or one of
// its revisions and diffs) on a baseline page must be on the app's page too.
import { isDeepStrictEqual } from "node:util";

async function get(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  return { status: response.status, text: await response.text() };
}

function links(html: string): Set<string> {
  return new Set([...html.matchAll(/href="(\/(?:functions|projects)\/[^"]*)"/g)].map((m) => m[1]!));
}

/** Differences between the app's and the baseline's answers for one path; empty when they agree. */
export async function compareWithBaseline(
  appUrl: string,
  baselineUrl: string,
  path: string,
  kind: "html" | "json" | "text",
): Promise<string[]> {
  const [app, baseline] = await Promise.all([get(`${appUrl}${path}`), get(`${baselineUrl}${path}`)]);
  if (app.status !== 200 || baseline.status !== 200)
    return [`${path}: HTTP ${app.status} from the app, ${baseline.status} from the baseline`];
  if (kind === "json")
    return isDeepStrictEqual(JSON.parse(app.text), JSON.parse(baseline.text)) ? [] : [`${path}: the JSON differs`];
  if (kind === "text") return app.text === baseline.text ? [] : [`${path}: the text differs`];
  const appLinks = links(app.text);
  const baselineLinks = links(baseline.text);
  const missing = [...baselineLinks].filter((link) => !appLinks.has(link));
  if (baselineLinks.size === 0) return [`${path}: the baseline's page has no links to compare`];
  return missing.length
    ? [
        `${path}: ${missing.length} of the baseline's ${baselineLinks.size} links are not on the app's ` +
          `page (${missing.slice(0, 3).join(", ")})`,
      ]
    : [];
}
