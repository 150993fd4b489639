import { count, eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";

import { getDb } from "@/db";
import { imageFiles, images, products } from "@/db/schema";
import { ensureAdmin } from "@/lib/accounts";
import { apiRouter } from "@/lib/api";
import { dispatch } from "@/lib/http";

import { ADDRESS, APPROVED, createTestProduct } from "./fixtures";
import { call, ORIGIN, signUp } from "./http";
import { fetchImage, makeImage, pngBomb, SVG, upload } from "./images";

let admin: string;
let productId: string;
let variantId: string;
let slug: string;

beforeEach(async () => {
  await ensureAdmin("photos-admin@example.com", "admin-password-123");
  const login = await call("POST", "/api/v1/auth/login", {
    body: { email: "photos-admin@example.com", password: "admin-password-123" },
  });
  admin = login.json.token;
  const p = await createTestProduct({ name: "Photo Tee", variants: [{ price: 2500, stock: 10 }] });
  productId = p.productId;
  variantId = p.variantIds[0]!;
  const [row] = await getDb()
    .select({ slug: products.slug })
    .from(products)
    .where(eq(products.id, productId));
  slug = row!.slug;
  // The fixture writes rows directly; give the product the placeholder a created product has.
  await getDb()
    .update(products)
    .set({ images: [`/images/products/${slug}.svg`] })
    .where(eq(products.id, productId));
});

const product = async () => (await call("GET", `/api/v1/products/${productId}`)).json;
const storedRows = async () => ({
  images: (await getDb().select({ n: count() }).from(images))[0]!.n,
  files: (await getDb().select({ n: count() }).from(imageFiles))[0]!.n,
});

describe("uploading a product photo", () => {
  it("re-encodes a JPEG as WebP in three widths without its metadata, and serves them immutably", async () => {
    const jpeg = await makeImage("jpeg", 1600, 1000);
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const r = await upload(productId, admin, {
      bytes: jpeg,
      type: "image/jpeg",
      name: "tee.jpg",
      alt: "A tee, folded",
    });
    expect(r.status).toBe(201);
    const { image } = r.json;
    expect(image).toMatchObject({
      id: expect.stringMatching(/^img_/),
      url: `/api/v1/images/${image.id}/1280.webp`,
      width: 1280,
      height: 800,
      alt: "A tee, folded",
      srcset: [320, 640, 1280].map((w) => `/api/v1/images/${image.id}/${w}.webp ${w}w`).join(", "),
    });

    for (const [width, height] of [
      [320, 200],
      [640, 400],
      [1280, 800],
    ] as const) {
      const res = await fetchImage(`/api/v1/images/${image.id}/${width}.webp`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/webp");
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const meta = await sharp(res.bytes).metadata();
      expect(meta).toMatchObject({ format: "webp", width, height });
      expect(meta.exif).toBeUndefined();
      expect(res.bytes.includes("secret-camera-owner")).toBe(false);

      const etag = res.headers.get("etag")!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await fetchImage(`/api/v1/images/${image.id}/${width}.webp`, {
        "if-none-match": etag,
      });
      expect(again.status).toBe(304);
      expect(again.bytes.length).toBe(0);
    }
    expect((await fetchImage(`/api/v1/images/${image.id}/999.webp`)).status).toBe(404);
    expect((await fetchImage(`/api/v1/images/img_nothing/320.webp`)).status).toBe(404);
  });

  it("accepts PNG, WebP and AVIF, and never enlarges a small picture", async () => {
    for (const format of ["png", "webp", "avif"] as const) {
      const r = await upload(productId, admin, {
        bytes: await makeImage(format, 800, 600),
        type: `image/${format}`,
      });
      expect(r.status, format).toBe(201);
      expect(r.json.image).toMatchObject({ width: 800, height: 600 });
      expect(r.json.image.srcset).toMatch(/320\.webp 320w, .*640\.webp 640w, .*800\.webp 800w$/);
    }
    const tiny = await upload(productId, admin, {
      bytes: await makeImage("png", 100, 50),
      type: "image/png",
    });
    expect(tiny.json.image).toMatchObject({ width: 100, height: 50 });
    expect(tiny.json.image.srcset).toBe(`/api/v1/images/${tiny.json.image.id}/100.webp 100w`);
  });

  it("turns a photo taken on its side the way its EXIF orientation says, then drops the tag", async () => {
    const sideways = await sharp(await makeImage("jpeg", 1600, 1000))
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const r = await upload(productId, admin, { bytes: sideways, type: "image/jpeg" });
    expect(r.status).toBe(201);
    expect(r.json.image).toMatchObject({ width: 1000, height: 1600 });
    const served = await fetchImage(r.json.image.url);
    const meta = await sharp(served.bytes).metadata();
    expect(meta).toMatchObject({ width: 1000, height: 1600 });
    expect(meta.orientation).toBeUndefined();
  });

  it("lists the photos in order in the product JSON, reorders, relabels and deletes them", async () => {
    expect((await product()).images).toEqual([`/images/products/${slug}.svg`]);
    expect((await product()).photos).toEqual([]);
    const ids: string[] = [];
    for (const alt of ["front", "back", "detail"]) {
      const r = await upload(productId, admin, {
        bytes: await makeImage("png", 400, 400),
        type: "image/png",
        alt,
      });
      ids.push(r.json.image.id);
    }
    let p = await product();
    expect(p.photos.map((x: { alt: string }) => x.alt)).toEqual(["front", "back", "detail"]);
    expect(p.images).toEqual(ids.map((id) => `/api/v1/images/${id}/400.webp`));

    const moved = await call("PATCH", `/api/v1/admin/products/${productId}/images/${ids[2]}`, {
      token: admin,
      body: { position: 0, alt: "Stitching, close up" },
    });
    expect(moved.status).toBe(200);
    expect(moved.json.image).toMatchObject({ id: ids[2], alt: "Stitching, close up" });
    p = await product();
    expect(p.photos.map((x: { alt: string }) => x.alt)).toEqual([
      "Stitching, close up",
      "front",
      "back",
    ]);
    // The list the storefront reads shows the same order.
    const listed = await call("GET", "/api/v1/products");
    const mine = listed.json.items.find((x: { id: string }) => x.id === productId);
    expect(mine.photos.map((x: { id: string }) => x.id)).toEqual([ids[2], ids[0], ids[1]]);

    const last = await call("PATCH", `/api/v1/admin/products/${productId}/images/${ids[2]}`, {
      token: admin,
      body: { position: 19 },
    });
    expect(last.status).toBe(200);
    expect((await product()).photos.map((x: { id: string }) => x.id)).toEqual([
      ids[0],
      ids[1],
      ids[2],
    ]);

    for (const bad of [
      {},
      { position: -1 },
      { position: 1.5 },
      { alt: "x".repeat(301) },
      { alt: "two\nlines" },
    ]) {
      const r = await call("PATCH", `/api/v1/admin/products/${productId}/images/${ids[0]}`, {
        token: admin,
        body: bad,
      });
      expect(r.status, JSON.stringify(bad)).toBe(400);
    }
    const other = await createTestProduct({ variants: [{ price: 100, stock: 1 }] });
    const elsewhere = await call(
      "PATCH",
      `/api/v1/admin/products/${other.productId}/images/${ids[0]}`,
      { token: admin, body: { alt: "stolen" } },
    );
    expect(elsewhere.status).toBe(404);

    for (const id of ids) {
      const del = await call("DELETE", `/api/v1/admin/products/${productId}/images/${id}`, {
        token: admin,
      });
      expect(del.status).toBe(204);
      expect((await fetchImage(`/api/v1/images/${id}/400.webp`)).status).toBe(404);
    }
    p = await product();
    expect(p.photos).toEqual([]);
    expect(p.images).toEqual([`/images/products/${slug}.svg`]);
    expect(await storedRows()).toEqual({ images: 0, files: 0 });
    const again = await call("DELETE", `/api/v1/admin/products/${productId}/images/${ids[0]}`, {
      token: admin,
    });
    expect(again.status).toBe(404);
  });

  it("is for administrators only, and only for products that exist", async () => {
    const shopper = await signUp();
    const png = await makeImage("png", 200, 200);
    expect((await upload(productId, shopper.token, { bytes: png, type: "image/png" })).status).toBe(
      403,
    );
    const missing = await upload("prd_missing", admin, { bytes: png, type: "image/png" });
    expect(missing.status).toBe(404);
    expect(await storedRows()).toEqual({ images: 0, files: 0 });
  });
});

describe("uploads that are refused, storing nothing", () => {
  const refusals: [string, () => Promise<Parameters<typeof upload>[2]>, number, RegExp][] = [
    [
      "a 30000 × 30000 PNG bomb",
      async () => ({ bytes: pngBomb(), type: "image/png", name: "bomb.png" }),
      400,
      /30000 × 30000 pixels/,
    ],
    ["an SVG", async () => ({ bytes: SVG, type: "image/svg+xml", name: "x.svg" }), 415, /image/],
    [
      "an SVG that says it is a PNG",
      async () => ({ bytes: SVG, type: "image/png", name: "x.png" }),
      415,
      /SVG images are not accepted/,
    ],
    [
      "a text file named .png",
      async () => ({ bytes: Buffer.from("just some words\n"), type: "image/png", name: "x.png" }),
      400,
      /not an image/,
    ],
    [
      "a PNG sent as a JPEG",
      async () => ({ bytes: await makeImage("png", 64, 64), type: "image/jpeg", name: "x.jpg" }),
      415,
      /sent as image\/jpeg but is png/,
    ],
    [
      "a JPEG cut short",
      async () => ({
        bytes: (await makeImage("jpeg", 800, 800)).subarray(0, 4000),
        type: "image/jpeg",
      }),
      400,
      /damaged|not an image/,
    ],
    [
      "a GIF",
      async () => ({
        bytes: await sharp({ create: { width: 8, height: 8, channels: 3, background: "red" } })
          .gif()
          .toBuffer(),
        type: "image/gif",
      }),
      415,
      /JPEG, PNG, WebP or AVIF/,
    ],
    ["no file at all", async () => ({}), 400, /No file/],
    [
      "an empty file",
      async () => ({ bytes: new Uint8Array(0), type: "image/png" }),
      400,
      /No file/,
    ],
    [
      "a file in another field",
      async () => ({ bytes: await makeImage("png", 64, 64), type: "image/png", field: "photo" }),
      400,
      /No file/,
    ],
    [
      "a file over 10 MB",
      async () => ({
        bytes: Buffer.concat([await makeImage("jpeg", 64, 64), Buffer.alloc(10 * 1024 * 1024)]),
        type: "image/jpeg",
      }),
      413,
      /at most 10 MB/,
    ],
    [
      "an alt text of 301 characters",
      async () => ({
        bytes: await makeImage("png", 64, 64),
        type: "image/png",
        alt: "a".repeat(301),
      }),
      400,
      /alt text/,
    ],
  ];

  it.each(refusals)("%s", async (_name, make, status, detail) => {
    const r = await upload(productId, admin, await make());
    expect(r.status).toBe(status);
    expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(r.json.detail).toMatch(detail);
    expect(await storedRows()).toEqual({ images: 0, files: 0 });
    expect((await product()).photos).toEqual([]);
  });

  it("stops reading a streamed body past the limit, whatever Content-Length claims", async () => {
    let sent = 0;
    const boundary = "----cartwright";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(head));
      },
      pull(c) {
        // An endless file: only a reader that stops at the limit ever answers.
        sent += 64 * 1024;
        c.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const req = new Request(`${ORIGIN}/api/v1/admin/products/${productId}/images`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${admin}`,
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": "1000",
      },
      body,
      duplex: "half",
    } as RequestInit);
    const res = await dispatch(apiRouter, req);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(11 * 1024 * 1024);
    expect(await storedRows()).toEqual({ images: 0, files: 0 });
  });

  it("refuses a JSON body and an announced oversize body with 415 and 413", async () => {
    const json = await call("POST", `/api/v1/admin/products/${productId}/images`, {
      token: admin,
      body: { file: "data:image/png;base64,AAAA" },
    });
    expect(json.status).toBe(415);
    const announced = await call("POST", `/api/v1/admin/products/${productId}/images`, {
      token: admin,
      headers: {
        "content-type": "multipart/form-data; boundary=x",
        "content-length": String(50 * 1024 * 1024),
      },
      raw: "--x--",
    });
    expect(announced.status).toBe(413);
  });
});

describe("photos on cart and order lines", () => {
  it("shows the first photo on the cart line and keeps it on the order line until it is deleted", async () => {
    const up = await upload(productId, admin, {
      bytes: await makeImage("jpeg", 900, 900),
      type: "image/jpeg",
      alt: "Folded tee",
    });
    const photo = up.json.image;
    const shopper = await signUp();
    const cart = await call("POST", "/api/v1/cart/items", {
      token: shopper.token,
      body: { variantId, quantity: 1 },
    });
    expect(cart.json.items[0].photo).toEqual(photo);

    const order = await call("POST", "/api/v1/checkout", {
      token: shopper.token,
      body: { shippingAddress: ADDRESS, payment: APPROVED },
    });
    expect(order.status).toBe(201);
    expect(order.json.items[0].photo).toEqual(photo);

    // Relabelled later: the order keeps the photo as it was bought.
    await call("PATCH", `/api/v1/admin/products/${productId}/images/${photo.id}`, {
      token: admin,
      body: { alt: "New label" },
    });
    const history = await call("GET", `/api/v1/orders/${order.json.id}`, { token: shopper.token });
    expect(history.json.items[0].photo).toEqual(photo);
    const listed = await call("GET", "/api/v1/orders", { token: shopper.token });
    expect(listed.json.items[0].items[0].photo).toEqual(photo);

    await call("DELETE", `/api/v1/admin/products/${productId}/images/${photo.id}`, {
      token: admin,
    });
    const after = await call("GET", `/api/v1/orders/${order.json.id}`, { token: shopper.token });
    expect(after.json.items[0].photo).toBeNull();
    // History reads its lines in the same statement as the orders: the same answer.
    const list = await call("GET", "/api/v1/orders", { token: shopper.token });
    expect(list.json.items[0].items[0].photo).toBeNull();
    const cartAfter = await call("GET", "/api/v1/cart", { token: shopper.token });
    expect(cartAfter.json.items).toEqual([]);
  });
});
