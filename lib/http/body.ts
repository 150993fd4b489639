import { DomainError } from "@/lib/errors";

export const MAX_BODY_BYTES = 1024 * 1024;

function isJsonType(contentType: string | null): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  return mediaType === "application/json" || /^application\/[\w.+-]+\+json$/.test(mediaType);
}

/** Reads at most MAX_BODY_BYTES, then parses JSON. Never trusts Content-Length alone. */
export async function readJsonBody(req: Request): Promise<unknown> {
  if (!isJsonType(req.headers.get("content-type"))) {
    throw new DomainError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!req.body) throw malformed("The body is empty.");
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The client hung up mid-body: nothing was read in full, so nothing is done.
      throw malformed("The body was not received in full.");
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  if (text.trim() === "") throw malformed("The body is empty.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw malformed("The body is not valid JSON.");
  }
}

function tooLarge() {
  return new DomainError("PAYLOAD_TOO_LARGE", `The body must be at most ${MAX_BODY_BYTES} bytes.`);
}

function malformed(detail: string, path = "") {
  return new DomainError("VALIDATION", detail, { errors: [{ path, message: detail }] });
}

/** Query string → plain object; a repeated key becomes an array. */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

export type UploadedFile = { bytes: Uint8Array; type: string; name: string };
export type MultipartUpload = { file: UploadedFile; fields: Record<string, string> };

/**
 * Reads a multipart/form-data body of at most `maxFileBytes` in its `fileField` part (plus a
 * little for the other fields and the part headers). The limit holds while reading: a body that
 * passes it is cancelled there (413), whatever Content-Length said, before it is ever buffered
 * whole.
 */
export async function readMultipartFile(
  req: Request,
  options: { fileField: string; maxFileBytes: number },
): Promise<MultipartUpload> {
  const { fileField, maxFileBytes } = options;
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(contentType)) {
    throw new DomainError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Send the body as multipart/form-data with the file in the "${fileField}" field.`,
    );
  }
  const tooBig = () =>
    new DomainError(
      "PAYLOAD_TOO_LARGE",
      `The file must be at most ${maxFileBytes / (1024 * 1024)} MB (${maxFileBytes} bytes).`,
    );
  // Part headers, the boundary and small text fields fit in this much beyond the file.
  const maxBody = maxFileBytes + 64 * 1024;
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBody) throw tooBig();
  if (!req.body) throw malformed(`No file: send it in the "${fileField}" field.`);

  let size = 0;
  let overLimit = false;
  const source = req.body.getReader();
  const counted = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await source.read();
      if (done) return controller.close();
      size += value.byteLength;
      if (size > maxBody) {
        overLimit = true;
        await source.cancel().catch(() => undefined);
        return controller.error(new Error("too large"));
      }
      controller.enqueue(value);
    },
    cancel: (reason) => source.cancel(reason),
  });
  let form: FormData;
  try {
    form = await new Response(counted, { headers: { "content-type": contentType } }).formData();
  } catch {
    if (overLimit) throw tooBig();
    throw malformed("The body is not valid multipart/form-data, or was not received in full.");
  }
  const file = form.get(fileField);
  if (!(file instanceof File) || file.size === 0) {
    throw malformed(`No file: send it in the "${fileField}" field.`, fileField);
  }
  if (file.size > maxFileBytes) throw tooBig();
  const fields: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string") fields[key] = value;
  return {
    file: { bytes: new Uint8Array(await file.arrayBuffer()), type: file.type, name: file.name },
    fields,
  };
}
