import { readFile } from "node:fs/promises";
import path from "node:path";

/** The few files the API reference page loads: Swagger UI's, from its npm package, and ours. */
const PACKAGE_FILES: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

const INIT = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    tryItOutEnabled: false,
  });
});
`;

const cached = new Map<string, Buffer>();

export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const headers = { "cache-control": "public, max-age=86400" };
  if (file === "init.js") {
    return new Response(INIT, {
      headers: { ...headers, "content-type": "text/javascript; charset=utf-8" },
    });
  }
  const type = PACKAGE_FILES[file];
  if (!type) return new Response("Not found", { status: 404 });
  let bytes = cached.get(file);
  if (!bytes) {
    bytes = await readFile(path.join(process.cwd(), "node_modules", "swagger-ui-dist", file));
    cached.set(file, bytes);
  }
  return new Response(new Uint8Array(bytes), { headers: { ...headers, "content-type": type } });
}
