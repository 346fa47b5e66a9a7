import Link from "next/link";
import { CommentForm } from "@/components/comment-form";
import { Markdown } from "@/components/markdown";
import { SignInLink } from "@/components/sign-in-link";
import { can, type Actor } from "@/lib/auth/permissions";
import { commentThread, type CommentNode } from "@/lib/comments/data";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function Comment({ node, pageId, canComment }: { node: CommentNode; pageId: number; canComment: boolean }) {
  return (
    <li className="comment" id={`c${node.id}`}>
      <p className="small muted">
        <strong>{node.author.name}</strong>, <a href={`#c${node.id}`}>{when.format(node.createdAt)} UTC</a>
      </p>
      <Markdown source={node.body} />
      {canComment ? (
        <details>
          <summary className="small">Reply</summary>
          <CommentForm pageId={pageId} parentId={node.id} label={`Reply to ${node.author.name}`} />
        </details>
      ) : null}
      {node.replies.length ? (
        <ul className="comments">
          {node.replies.map((reply) => (
            <Comment key={reply.id} node={reply} pageId={pageId} canComment={canComment} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** A page's discussion thread, with forms for signed-in users. */
export async function Discussion({ pageId, actor }: { pageId: number; actor: Actor | null }) {
  const thread = await commentThread(pageId);
  const canComment = can(actor, { action: "comment.create" });
  return (
    <section className="panel" aria-labelledby="discussion-heading" id="discussion">
      <h2 id="discussion-heading">Discussion</h2>
      {thread.length ? (
        <ul className="comments" data-testid="comments">
          {thread.map((node) => (
            <Comment key={node.id} node={node} pageId={pageId} canComment={canComment} />
          ))}
        </ul>
      ) : (
        <p className="muted">No comments yet.</p>
      )}
      {canComment ? (
        <CommentForm pageId={pageId} label="Add a comment" />
      ) : actor ? (
        <p className="small">
          <Link href="/settings/account">Confirm your address</Link> to comment.
        </p>
      ) : (
        <p className="small">
          <SignInLink /> to comment.
        </p>
      )}
    </section>
  );
}
