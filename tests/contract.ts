import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

import { openApiDocument } from "@/lib/api";
import { checkoutFaults } from "@/lib/orders";

/**
 * Holds every answer the integration tests receive to the OpenAPI document GET /api/v1/openapi.json
 * serves: the status is one the operation documents, the body matches that status's schema (a real
 * JSON Schema 2020-12 validator, which OpenAPI 3.1's schemas are), the headers are documented and
 * the required ones present. tests/http.ts `call()` and the typed client's in-process fetch run
 * every answer through it, so a test that meets an undocumented answer fails.
 */

type JsonObject = Record<string, any>;
export type Document = { paths: Record<string, JsonObject>; components: JsonObject };
export type Answer = { status: number; headers: Headers; text: string };

/**
 * Headers that describe the representation or the connection rather than the API's contract, and
 * the two the production server's front strips before sending (lib/http/node-bridge.ts).
 */
const UNDOCUMENTED_HEADERS = new Set([
  "content-type",
  "content-length",
  "cache-control",
  "vary",
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "x-cartwright-route",
  "x-cartwright-user",
]);

const DOC_ID = "https://cartwright.test/openapi.json";
const pointer = (...parts: string[]) =>
  parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

export function createContract(doc: Document) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: DOC_ID, paths: doc.paths, components: doc.components });
  const validators = new Map<string, ValidateFunction>();
  const validatorAt = (path: string) => {
    let v = validators.get(path);
    if (!v) {
      v = ajv.getSchema(`${DOC_ID}#/${path}`);
      if (!v) throw new Error(`No schema at ${path}`);
      validators.set(path, v);
    }
    return v;
  };
  const problemAt = pointer("components", "schemas", "Problem");

  // Literal paths before templated ones, as a router would prefer them.
  const templates = Object.keys(doc.paths)
    .map((template) => ({
      template,
      params: (template.match(/\{/g) ?? []).length,
      pattern: new RegExp(
        `^${template
          .split("/")
          .map((s) => (/^\{\w+\}$/.test(s) ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
          .join("/")}$`,
      ),
    }))
    .sort((a, b) => a.params - b.params);

  function validate(at: string, value: unknown, what: string, out: string[]) {
    const v = validatorAt(at);
    if (!v(value)) {
      const errors = (v.errors ?? [])
        .slice(0, 5)
        .map((e) => `${e.instancePath || "/"} ${e.message}`)
        .join("; ");
      out.push(`${what} does not match its schema: ${errors}`);
    }
  }

  function checkBody(
    answer: Answer,
    method: string,
    content: JsonObject | undefined,
    at: string,
    out: string[],
  ) {
    const mediaType = (answer.headers.get("content-type") ?? "").split(";")[0]!.trim();
    if (!content) {
      if (answer.text !== "") out.push(`a body, where the document says none`);
      return;
    }
    if (method === "HEAD") return;
    if (!(mediaType in content)) {
      out.push(`content type "${mediaType}", documented: ${Object.keys(content).join(", ")}`);
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      out.push(`a body that is not JSON: ${answer.text.slice(0, 80)}`);
      return;
    }
    validate(`${at}/content/${pointer(mediaType)}/schema`, body, "the body", out);
  }

  function checkHeaders(answer: Answer, documented: JsonObject, at: string, out: string[]) {
    const byName = new Map(Object.keys(documented).map((name) => [name.toLowerCase(), name]));
    for (const [name] of answer.headers) {
      if (UNDOCUMENTED_HEADERS.has(name)) continue;
      if (!byName.has(name)) out.push(`header ${name} is not documented`);
    }
    for (const [lower, name] of byName) {
      let header = documented[name] as JsonObject;
      let headerAt = `${at}/headers/${pointer(name)}`;
      if (header.$ref) {
        headerAt = (header.$ref as string).slice(2);
        header = headerAt.split("/").reduce((o: JsonObject, k) => o[k], doc as JsonObject);
      }
      const value = answer.headers.get(lower);
      if (value === null) {
        if (header.required) out.push(`required header ${name} is missing`);
        continue;
      }
      validate(`${headerAt}/schema`, value, `header ${name}`, out);
    }
  }

  /** What is wrong with this answer according to the document; [] when nothing is. */
  function violations(method: string, url: string, answer: Answer): string[] {
    const out: string[] = [];
    const path = new URL(url, "http://localhost").pathname.replace(/\/+$/, "") || "/";
    const found = templates.find((t) => t.pattern.test(path));
    if (!found) {
      // No documented path: the routers' 404.
      if (answer.status !== 404) out.push(`status ${answer.status} for a path the document lacks`);
      if (!answer.headers.get("content-type")?.startsWith("application/problem+json"))
        out.push(`a 404 that is not a problem document`);
      else validate(problemAt, JSON.parse(answer.text), "the body", out);
      if (!answer.headers.has("x-request-id")) out.push(`required header X-Request-Id is missing`);
      return out;
    }
    const item = doc.paths[found.template]!;
    const verb = method === "HEAD" ? "get" : method.toLowerCase();
    let opAt = pointer("paths", found.template, verb);
    let op = item[verb] as JsonObject | undefined;
    if (!op) {
      // A method the path does not take: 405, with Allow naming the documented ones.
      const allowed = Object.keys(item).map((m) => m.toUpperCase());
      if (answer.status !== 405) out.push(`status ${answer.status} for an undocumented method`);
      const allow = (answer.headers.get("allow") ?? "").split(/,\s*/).sort();
      if (allow.join(",") !== [...allowed].sort().join(","))
        out.push(`Allow "${answer.headers.get("allow")}", documented methods ${allowed}`);
      opAt = pointer("paths", found.template, Object.keys(item)[0]!);
      op = item[Object.keys(item)[0]!] as JsonObject;
    }
    const response = op.responses[String(answer.status)] as JsonObject | undefined;
    if (!response) {
      out.push(`status ${answer.status} is not documented for ${method} ${found.template}`);
      return out;
    }
    const at = `${opAt}/responses/${answer.status}`;
    checkBody(answer, method, response.content, at, out);
    checkHeaders(answer, response.headers ?? {}, at, out);
    return out;
  }

  return { violations };
}

let shared: ReturnType<typeof createContract> | undefined;

/** Throws, failing the test that made the request, when the answer breaks the document. */
export function assertDocumented(method: string, url: string, answer: Answer): void {
  // A test that injected a crash (checkoutFaults) gets the crash's 500, which no document lists.
  if (answer.status === 500 && Object.values(checkoutFaults).some(Boolean)) return;
  shared ??= createContract(openApiDocument() as unknown as Document);
  const found = shared.violations(method, url, answer);
  if (found.length > 0) {
    throw new Error(
      `${method} ${url.slice(0, 120)} → ${answer.status} breaks the OpenAPI document:\n  ` +
        `${found.join("\n  ")}\n  body: ${answer.text.slice(0, 300)}`,
    );
  }
}
