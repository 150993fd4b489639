import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";

import { closeDatabase } from "@/db";
import { ensureAdmin } from "@/lib/accounts";

import { testDatabase } from "./db";
import { createTestProduct } from "./fixtures";
import { makeImage } from "./images";

const copies: ChildProcess[] = [];

afterEach(() => {
  for (const c of copies.splice(0)) c.kill("SIGTERM");
});

/** Starts one copy of the API in its own process on the test's database file. */
async function startCopy(url: string): Promise<string> {
  const child = spawn(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "tests/workers/api-server-worker.ts", url],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  copies.push(child);
  const [line] = (await once(child.stdout!, "data")) as [Buffer];
  const { port } = JSON.parse(line.toString().split("\n")[0]!) as { port: number };
  return `http://127.0.0.1:${port}`;
}

describe("two copies of the app on one database file", () => {
  it("serves from one copy the photo uploaded through the other, byte for byte", async () => {
    const { url } = testDatabase();
    const { productId } = await createTestProduct({ variants: [{ price: 1000, stock: 3 }] });
    await ensureAdmin("two-copies@example.com", "admin-password-123");
    closeDatabase(); // the copies own the file now
    const [a, b] = await Promise.all([startCopy(url), startCopy(url)]);

    const login = await fetch(`${a}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "two-copies@example.com", password: "admin-password-123" }),
    });
    const { token } = (await login.json()) as { token: string };

    const form = new FormData();
    const jpeg = await makeImage("jpeg", 1000, 700);
    form.append("file", new Blob([new Uint8Array(jpeg)], { type: "image/jpeg" }), "p.jpg");
    form.append("alt", "Seen from both copies");
    const up = await fetch(`${a}/api/v1/admin/products/${productId}/images`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(up.status).toBe(201);
    const { image } = (await up.json()) as { image: { id: string; url: string } };

    const fromA = await fetch(a + image.url);
    const fromB = await fetch(b + image.url);
    expect(fromB.status).toBe(200);
    expect(fromB.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(fromB.headers.get("etag")).toBe(fromA.headers.get("etag"));
    const bytesB = Buffer.from(await fromB.arrayBuffer());
    expect(bytesB.equals(Buffer.from(await fromA.arrayBuffer()))).toBe(true);
    expect(await sharp(bytesB).metadata()).toMatchObject({ format: "webp", width: 1000 });

    // Over HTTP, a body past 10 MB is refused while it is still being sent, and nothing is kept.
    const big = new FormData();
    big.append(
      "file",
      new Blob([new Uint8Array(jpeg), new Uint8Array(10 * 1024 * 1024)], { type: "image/jpeg" }),
      "big.jpg",
    );
    const refused = await fetch(`${b}/api/v1/admin/products/${productId}/images`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: big,
    });
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { code: string }).code).toBe("PAYLOAD_TOO_LARGE");

    const productOnB = await (await fetch(`${b}/api/v1/products/${productId}`)).json();
    expect(productOnB.photos).toHaveLength(1);
    expect(productOnB.photos[0]).toMatchObject({ id: image.id, alt: "Seen from both copies" });
  });
});
