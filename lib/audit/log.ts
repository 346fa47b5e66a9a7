import type { DbClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export async function audit(
  client: DbClient,
  event: {
    actorId: number | null;
    action: string;
    targetType: string;
    targetId: string | number;
    details?: Prisma.InputJsonValue;
  },
): Promise<void> {
  await client.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      targetType: event.targetType,
      targetId: String(event.targetId),
      details: event.details ?? {},
    },
  });
}
