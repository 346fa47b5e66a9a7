import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";

/**
 * Renders user-written Markdown on the server. Raw HTML in the source is
 * dropped (not rendered) and react-markdown's URL filter removes
 * `javascript:` and other unsafe link targets, so no content can run script.
 */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="prose">
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml>
        {source}
      </ReactMarkdown>
    </div>
  );
}
