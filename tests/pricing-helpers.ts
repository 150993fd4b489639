import { eq } from "drizzle-orm";

import { getDb } from "@/db";
import { discounts, discountUses, orders } from "@/db/schema";
import { ensureAdmin } from "@/lib/accounts";

import { call, signUp } from "./http";

let n = 0;

/** A signed-in administrator's bearer token. */
export async function adminToken(): Promise<string> {
  const email = `pricing-admin${n++}@example.com`;
  await ensureAdmin(email, "admin-password-123");
  const login = await call("POST", "/api/v1/auth/login", {
    body: { email, password: "admin-password-123" },
  });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.text}`);
  return login.json.token;
}

export async function createCode(admin: string, body: Record<string, unknown>) {
  const res = await call("POST", "/api/v1/admin/discounts", { token: admin, body });
  if (res.status !== 201) throw new Error(`create discount: ${res.status} ${res.text}`);
  return res.json as { id: string; code: string };
}

/** A new shopper with `quantity` of a variant in the cart and, if given, a code applied. */
export async function shopperWith(variantId: string, quantity: number, code?: string) {
  const s = await signUp();
  const add = await call("POST", "/api/v1/cart/items", {
    token: s.token,
    body: { variantId, quantity },
  });
  if (add.status !== 200) throw new Error(`add failed: ${add.status} ${add.text}`);
  if (code) {
    const applied = await call("POST", "/api/v1/cart/discount", { token: s.token, body: { code } });
    if (applied.status !== 200) throw new Error(`apply failed: ${applied.status} ${applied.text}`);
  }
  return s;
}

export async function usesOf(discountId: string) {
  const [d] = await getDb().select().from(discounts).where(eq(discounts.id, discountId));
  const uses = await getDb()
    .select()
    .from(discountUses)
    .where(eq(discountUses.discountId, discountId));
  return { usedCount: d!.usedCount, rows: uses.length };
}

export async function allOrders() {
  return getDb().select().from(orders);
}
