import "server-only";

import { notFound } from "next/navigation";

import { requireUser } from "@/app/_lib/session";
import { isDomainError } from "@/lib/errors";
import { getOrder, type Order } from "@/lib/orders";

/**
 * The signed-in shopper's order `id` for a page at `returnTo`: a guest is sent to sign in and
 * back, and an order that is not theirs (or not one yet) is the page's 404.
 */
export async function getOrderOrNotFound(id: string, returnTo: string): Promise<Order> {
  const user = await requireUser(returnTo);
  return getOrder(user.id, id).catch((e: unknown) => {
    if (isDomainError(e, "NOT_FOUND")) notFound();
    throw e;
  });
}
