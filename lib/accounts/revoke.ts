import { and, eq, isNull, ne } from "drizzle-orm";

import type { Tx } from "@/db";
import { sessions } from "@/db/schema";
import { sha256 } from "@/lib/ids";

/**
 * Ends every live session of a user, inside the caller's transaction (with the password change,
 * reset or admin reset that makes it necessary); `keep` spares the session making the change.
 */
export async function endUserSessions(
  tx: Tx,
  userId: string,
  { keep, now = new Date() }: { keep?: string; now?: Date } = {},
): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        keep === undefined ? undefined : ne(sessions.id, sha256(keep)),
      ),
    );
}
