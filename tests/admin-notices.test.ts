import { describe, expect, it } from "vitest";

import { orderNoticeParams, orderNoticeText } from "@/app/_lib/admin-notices";

const fromUrl = (query: string) => orderNoticeText(Object.fromEntries(new URLSearchParams(query)));

describe("the admin orders page's notice", () => {
  it("says only what the page's own codes say, never text from the URL", () => {
    expect(fromUrl("notice=Your+account+is+locked.+Call+555-0100")).toBeNull();
    expect(fromUrl("notice=moved&order=<b>CW-1</b>&to=paid")).toBeNull();
    expect(fromUrl("notice=moved&order=CW-10001&to=shipped-to-narnia")).toBeNull();
    expect(fromUrl("")).toBeNull();
  });

  it("reads back what a status change wrote", () => {
    const url = (n: Parameters<typeof orderNoticeParams>[0]) =>
      new URLSearchParams(orderNoticeParams(n)).toString();
    expect(fromUrl(url({ kind: "moved", order: "CW-10001", status: "fulfilled" }))).toBe(
      "CW-10001 is now shipped.",
    );
    expect(fromUrl(url({ kind: "refused", status: "paid" }))).toBe(
      "That order cannot become paid: orders only move forward.",
    );
    expect(fromUrl(url({ kind: "error", code: "UNAVAILABLE" }))).toBe(
      "The store is busy. Please try again.",
    );
  });
});
