import { randomUUID } from "node:crypto";

import { z } from "zod";

import {
  getSessionUser,
  type User,
  decodeSessionCookie,
  readCookie,
  sessionCookieName,
} from "@/lib/accounts";
import { asDomainError, DomainError } from "@/lib/errors";

import { queryObject, readJsonBody } from "./body";
import { clientAddress, isSecure } from "./forwarded";
import type { Context, Endpoint, Method, Session } from "./endpoint";
import { problemBody, problemResponse, validationError } from "./problem";

type Compiled = { endpoint: Endpoint; pattern: RegExp; names: string[] };

export type Router = { base: string; routes: Compiled[] };

export function createRouter(base: string, endpoints: Endpoint[]): Router {
  return {
    base,
    routes: endpoints.map((endpoint) => {
      const names: string[] = [];
      const source = endpoint.path
        .replace(/\/+$/, "")
        .split("/")
        .map((segment) => {
          const m = /^\{(\w+)\}$/.exec(segment);
          if (!m) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          names.push(m[1]!);
          return "([^/]+)";
        })
        .join("/");
      return { endpoint, names, pattern: new RegExp(`^${source}$`) };
    }),
  };
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

function ownOrigin(req: Request, url: URL, secure: boolean): string {
  const host =
    req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() ||
    req.headers.get("host") ||
    url.host;
  return `${secure ? "https" : "http"}://${host}`;
}

/**
 * A browser sends its cookies with cross-site form posts; a bearer token it never sends by itself.
 * So every write without a bearer token must come from our own pages.
 */
function assertSameOrigin(req: Request, url: URL, secure: boolean): void {
  if (req.method === "GET" || req.method === "HEAD" || req.headers.has("authorization")) return;
  const origin = req.headers.get("origin");
  const fetchSite = req.headers.get("sec-fetch-site");
  const foreign =
    origin !== null
      ? origin !== ownOrigin(req, url, secure)
      : fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none";
  if (foreign) {
    throw new DomainError("FORBIDDEN", "Cross-site requests are not accepted.");
  }
}

async function resolveSession(
  req: Request,
  secure: boolean,
): Promise<{ user: User; session: Session } | null> {
  const authorization = req.headers.get("authorization");
  if (authorization !== null) {
    const m = /^Bearer\s+([\w-]{16,200})$/i.exec(authorization.trim());
    const user = m ? await getSessionUser(m[1]!) : null;
    if (!m || !user)
      throw new DomainError("UNAUTHENTICATED", "The token is malformed, unknown or revoked.");
    return { user, session: { token: m[1]!, via: "bearer" } };
  }
  const cookie = req.headers.get("cookie");
  for (const name of secure
    ? [sessionCookieName(true)]
    : [sessionCookieName(false), sessionCookieName(true)]) {
    const value = readCookie(cookie, name);
    if (!value) continue;
    const claims = await decodeSessionCookie(value, name === sessionCookieName(true));
    const user = claims ? await getSessionUser(claims.sid) : null;
    if (user && claims) return { user, session: { token: claims.sid, via: "cookie" } };
  }
  return null;
}

function findRoute(router: Router, method: string, path: string) {
  const allowed = new Set<Method>();
  for (const route of router.routes) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    allowed.add(route.endpoint.method);
    if (route.endpoint.method !== method && !(method === "HEAD" && route.endpoint.method === "GET"))
      continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1]!);
    });
    return { route, params, allowed };
  }
  return { route: undefined, params: {}, allowed };
}

/** Request → Response for one API surface. Framework-free, so tests call it directly. */
export async function dispatch(router: Router, req: Request): Promise<Response> {
  const requestId = REQUEST_ID.exec(req.headers.get("x-request-id") ?? "")?.[0] ?? randomUUID();
  const headers = new Headers({ "x-request-id": requestId, "cache-control": "no-store" });
  try {
    const url = new URL(req.url);
    const path = (url.pathname.slice(router.base.length).replace(/\/+$/, "") || "/").replace(
      /^(?!\/)/,
      "/",
    );
    let found: ReturnType<typeof findRoute>;
    try {
      found = findRoute(router, req.method, path);
    } catch {
      throw new DomainError("NOT_FOUND", "No such resource.");
    }
    const { route, params, allowed } = found;
    if (!route) {
      if (allowed.size > 0) {
        headers.set("allow", [...allowed].join(", "));
        throw new DomainError(
          "METHOD_NOT_ALLOWED",
          `Use ${[...allowed].join(" or ")} on this path.`,
        );
      }
      throw new DomainError("NOT_FOUND", `No route ${req.method} ${url.pathname}.`);
    }
    const ep = route.endpoint;
    // For the server's log line and metrics (stripped by the Node bridge before sending).
    headers.set("x-cartwright-route", `${router.base}${ep.path}`);
    const secure = isSecure(req.headers, url.protocol);
    assertSameOrigin(req, url, secure);

    let auth: Awaited<ReturnType<typeof resolveSession>> = null;
    if (ep.access !== "public") {
      auth = await resolveSession(req, secure);
      if (!auth && (ep.access === "user" || ep.access === "admin")) {
        throw new DomainError("UNAUTHENTICATED", "Sign in first.");
      }
      if (ep.access === "admin" && auth?.user.role !== "admin") {
        throw new DomainError("FORBIDDEN", "This route is for administrators.");
      }
    }

    if (auth) headers.set("x-cartwright-user", auth.user.id);

    let parsedParams: Record<string, string> = params;
    if (ep.params) {
      const r = ep.params.safeParse(params);
      if (!r.success) throw new DomainError("NOT_FOUND", "No such resource.");
      parsedParams = r.data as Record<string, string>;
    }

    let query: unknown = undefined;
    if (ep.query) {
      const r = ep.query.safeParse(queryObject(url.searchParams));
      if (!r.success) throw validationError(r.error, "query");
      query = r.data;
    }

    let body: unknown = undefined;
    if (ep.body) {
      const r = ep.body.safeParse(await readJsonBody(req));
      if (!r.success) throw validationError(r.error, "body");
      body = r.data;
    }

    const ctx: Context<unknown, unknown, "optional"> = {
      req,
      url,
      params: parsedParams,
      body,
      query,
      user: auth?.user ?? null,
      session: auth?.session ?? null,
      requestId,
      clientAddress: clientAddress(req.headers),
      secure,
    };
    const res = await ep.handler(ctx as never);
    for (const [k, v] of headers) if (!res.headers.has(k)) res.headers.set(k, v);
    return res;
  } catch (e) {
    const known = asDomainError(e);
    if (known) return problemResponse(known, headers);
    if (e instanceof z.ZodError) return problemResponse(validationError(e, "body"), headers);
    console.error(`[${requestId}] unhandled error`, e);
    headers.set("content-type", "application/problem+json; charset=utf-8");
    return new Response(
      JSON.stringify(
        problemBody(500, "Internal error", `Something went wrong. Request id: ${requestId}.`),
      ),
      { status: 500, headers },
    );
  }
}
