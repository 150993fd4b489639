import { deflateSync } from "node:zlib";

import sharp from "sharp";

import { apiRouter } from "@/lib/api";
import { dispatch } from "@/lib/http";

import { ORIGIN } from "./http";

/** A real photo-like picture in a real format, made by sharp (with EXIF, to see it stripped). */
export async function makeImage(
  format: "jpeg" | "png" | "webp" | "avif",
  width = 1600,
  height = 1000,
): Promise<Buffer> {
  const gradient = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      gradient[i] = (x * 255) / width;
      gradient[i + 1] = (y * 255) / height;
      gradient[i + 2] = 128;
    }
  }
  return sharp(gradient, { raw: { width, height, channels: 3 } })
    .withExif({ IFD0: { Copyright: "secret-camera-owner", Make: "TestCam" } })
    .toFormat(format)
    .toBuffer();
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crcInput = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(crcInput), 0);
  return Buffer.concat([head, data, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

let bomb: Buffer | undefined;
/**
 * A valid 30000 × 30000 one-bit PNG: ~110 KB on the wire, 2.7 GB once decoded to RGB. Its rows
 * are real zero pixels, deflated, so a decoder that ignores its size limit would decode it.
 */
export function pngBomb(): Buffer {
  if (bomb) return bomb;
  const side = 30000;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc(side * (1 + Math.ceil(side / 8))); // filter byte 0 + zero pixels
  bomb = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  return bomb;
}

export const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><rect width="400" height="400" fill="red"/><script>alert(1)</script></svg>',
);

type Upload = { bytes?: Uint8Array; type?: string; name?: string; alt?: string; field?: string };

/** POSTs a multipart body the way a browser's FormData does, through the API router. */
export async function upload(productId: string, token: string, u: Upload) {
  const form = new FormData();
  if (u.bytes) {
    form.append(
      u.field ?? "file",
      new Blob([new Uint8Array(u.bytes)], { type: u.type ?? "" }),
      u.name ?? "photo",
    );
  }
  if (u.alt !== undefined) form.append("alt", u.alt);
  if (!u.bytes) form.append("note", "no file here");
  const req = new Request(`${ORIGIN}/api/v1/admin/products/${productId}/images`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const res = await dispatch(apiRouter, req);
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

/** GETs an image URL through the API router: status, headers and the bytes. */
export async function fetchImage(url: string, headers: Record<string, string> = {}) {
  const res = await dispatch(apiRouter, new Request(ORIGIN + url, { headers }));
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
