import { db, type DbClient } from "@/lib/db";

export interface CommentNode {
  id: number;
  body: string;
  createdAt: Date;
  author: { id: number; name: string };
  replies: CommentNode[];
}

/** A page's discussion as a tree, oldest first at every level. */
export async function commentThread(pageId: number, client: DbClient = db): Promise<CommentNode[]> {
  const rows = await client.comment.findMany({
    where: { pageId },
    orderBy: { createdAt: "asc" },
    select: { id: true, body: true, createdAt: true, parentId: true, author: { select: { id: true, name: true } } },
  });
  const nodes = new Map<number, CommentNode>(
    rows.map((r) => [r.id, { id: r.id, body: r.body, createdAt: r.createdAt, author: r.author, replies: [] }]),
  );
  const roots: CommentNode[] = [];
  for (const row of rows) {
    const node = nodes.get(row.id)!;
    const parent = row.parentId === null ? undefined : nodes.get(row.parentId);
    (parent ? parent.replies : roots).push(node);
  }
  return roots;
}
