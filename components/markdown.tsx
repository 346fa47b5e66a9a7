import ReactMarkdown, { defaultUrlTransform } from "react-markdown";
import remarkGfm from "remark-gfm";

/**
 * Drops the attribute of an unsafe URL instead of leaving it empty: an empty
 * `href` would still be a link, to the page itself.
 */
function safeUrl(url: string): string | undefined {
  return defaultUrlTransform(url) || undefined;
}

/**
 * Renders user-written Markdown on the server. Raw HTML in the source is
 * dropped (not rendered) and react-markdown's URL filter removes
 * `javascript:` and other unsafe link targets, so no content can run script.
 */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="prose">
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml urlTransform={safeUrl}>
        {source}
      </ReactMarkdown>
    </div>
  );
}
