import { describe, expect, it } from "vitest";

import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps paths on this site", () => {
    expect(safeRedirect("/checkout")).toBe("/checkout");
    expect(safeRedirect("/products?q=tee&Size=M#top")).toBe("/products?q=tee&Size=M#top");
  });

  it("refuses anything that could leave the site or break the Location header", () => {
    for (const hostile of [
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "evil.example",
      "",
      null,
      ["/checkout"],
    ]) {
      expect(safeRedirect(hostile), String(hostile)).toBe("/");
    }
    // Characters a header cannot carry come back percent-encoded, never raw.
    expect(safeRedirect("/\u200b/x")).toMatch(/^\/[\x21-\x7e]*$/);
    expect(safeRedirect("/a\r\nSet-Cookie: x=1")).not.toMatch(/[\r\n]/);
  });
});
