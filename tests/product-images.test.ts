import { describe, expect, it } from "vitest";

import { GET } from "@/app/images/products/[file]/route";

const draw = (file: string) =>
  GET(new Request(`http://localhost/images/products/${file}`), {
    params: Promise.resolve({ file }),
  });

describe("generated product images", () => {
  it("draws any slug-shaped name, even one made only of hyphens, and refuses the rest", async () => {
    for (const file of ["-.svg", "a--b.svg", "abc-.svg", "---.svg", "classic-cotton-tee.svg"]) {
      const res = await draw(file);
      expect(res.status, file).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
      expect(await res.text()).toMatch(/^<svg [^>]*role="img"[\s\S]*<\/svg>$/);
    }
    expect((await draw("Upper.svg")).status).toBe(404);
    expect((await draw(`${"a".repeat(121)}.svg`)).status).toBe(404);
  });

  it("names the picture after the product's words", async () => {
    const svg = await (await draw("classic-cotton-tee.svg")).text();
    expect(svg).toContain('aria-label="Classic Cotton Tee"');
    expect(svg).toContain(">CC</text>");
  });
});
