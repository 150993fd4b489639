import { once } from "node:events";
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
} from "node:http";
import type { AddressInfo } from "node:net";

import { afterEach, describe, expect, it, vi } from "vitest";

import { parseTrustProxy } from "@/lib/env";

import { createNodeHandler, type FetchHandler } from "./node-bridge";

// A real node:http server on an ephemeral 127.0.0.1 port, with the bridge in front of a Fetch
// handler (the API's place) and a fallback that plays Next's part.

type Seen = { method: string; url: string; headers: Headers; body: string };
type Reply = { status: number; headers: IncomingHttpHeaders; body: Buffer };

let server: Server | undefined;

afterEach(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
  }
  vi.restoreAllMocks();
});

async function start(options: {
  trustProxy?: string;
  api?: FetchHandler;
  responseHeaders?: { key: string; value: string }[];
}) {
  const seenByApi: Seen[] = [];
  const seenByFallback: IncomingHttpHeaders[] = [];
  const api: FetchHandler =
    options.api ??
    (async (request) => {
      seenByApi.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: await request.text(),
      });
      return Response.json({ ok: true });
    });
  server = createServer(
    createNodeHandler({
      trustProxy: parseTrustProxy(options.trustProxy ?? "false"),
      route: (pathname) => (pathname.startsWith("/api/") ? api : null),
      fallback: (req, res) => {
        seenByFallback.push({ ...req.headers });
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("from the fallback");
      },
      responseHeaders: options.responseHeaders,
    }),
  );
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  /** A raw request: exact path bytes, any headers (Host and forwarding ones too), raw body. */
  function send(
    path: string,
    init: {
      method?: string;
      headers?: Record<string, string | string[]>;
      body?: Buffer | string;
    } = {},
  ): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: "127.0.0.1", port, path, method: init.method ?? "GET", headers: init.headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(init.body);
    });
  }
  return { port, send, seenByApi, seenByFallback };
}

const FORGED = {
  "x-forwarded-for": "203.0.113.9",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  "x-forwarded-port": "443",
  "x-real-ip": "203.0.113.9",
  forwarded: "for=203.0.113.9",
};

describe("forwarding headers", () => {
  it("without a trusted proxy, drops every client-sent one and sets X-Forwarded-For to the socket", async () => {
    const { send, seenByApi, seenByFallback } = await start({});
    expect((await send("/api/v1/x", { headers: FORGED })).status).toBe(200);
    expect((await send("/page", { headers: FORGED })).status).toBe(200);

    const api = seenByApi[0]!.headers;
    expect(api.get("x-forwarded-for")).toBe("127.0.0.1");
    for (const h of Object.keys(FORGED).filter((h) => h !== "x-forwarded-for"))
      expect(api.has(h), h).toBe(false);

    const page = seenByFallback[0]!;
    expect(page["x-forwarded-for"]).toBe("127.0.0.1");
    for (const h of Object.keys(FORGED).filter((h) => h !== "x-forwarded-for"))
      expect(page[h], h).toBeUndefined();
  });

  it("behind one trusted proxy, the client is the entry that proxy added", async () => {
    const { send, seenByApi, seenByFallback } = await start({ trustProxy: "true" });
    await send("/api/v1/x", { headers: FORGED });
    // A client that forged an entry before the proxy appended its real address.
    await send("/page", { headers: { "x-forwarded-for": "198.51.100.1, 198.51.100.2" } });
    await send("/page");

    const api = seenByApi[0]!.headers;
    expect(api.get("x-forwarded-for")).toBe("203.0.113.9");
    expect(api.get("x-forwarded-proto")).toBe("https");
    expect(api.get("x-forwarded-host")).toBe("evil.example");
    expect(api.has("x-real-ip")).toBe(false);
    expect(seenByFallback[0]!["x-forwarded-for"]).toBe("198.51.100.2");
    // The proxy sent nothing: the client is the proxy itself (nothing better is known).
    expect(seenByFallback[1]!["x-forwarded-for"]).toBe("127.0.0.1");
  });

  it("with N hops, skips exactly N proxies from the right", async () => {
    const { send, seenByFallback } = await start({ trustProxy: "2" });
    await send("/page", { headers: { "x-forwarded-for": "1.1.1.1, 2.2.2.2, 3.3.3.3" } });
    await send("/page", { headers: { "x-forwarded-for": "3.3.3.3" } });
    expect(seenByFallback[0]!["x-forwarded-for"]).toBe("2.2.2.2");
    // Fewer entries than hops: the left-most is the best there is.
    expect(seenByFallback[1]!["x-forwarded-for"]).toBe("3.3.3.3");
  });

  it("with a list, the right-most address not in it is the client", async () => {
    const { send, seenByFallback } = await start({ trustProxy: "loopback, 10.0.0.0/8, fd00::/8" });
    await send("/page", { headers: { "x-forwarded-for": "203.0.113.5, 10.1.2.3" } });
    await send("/page", { headers: { "x-forwarded-for": "203.0.113.5, 198.51.100.7, 10.9.9.9" } });
    await send("/page", { headers: { "x-forwarded-for": "2001:db8::1, fd00::2" } });
    await send("/page", { headers: { "x-forwarded-for": "not-an-address, 10.0.0.1" } });
    expect(seenByFallback.map((h) => h["x-forwarded-for"])).toEqual([
      "203.0.113.5",
      "198.51.100.7",
      "2001:db8::1",
      "not-an-address",
    ]);
  });

  it("a peer that is not in the list is the client, whatever it forwards", async () => {
    const { send, seenByApi } = await start({ trustProxy: "10.0.0.0/8" });
    await send("/api/v1/x", { headers: FORGED });
    const api = seenByApi[0]!.headers;
    expect(api.get("x-forwarded-for")).toBe("127.0.0.1");
    for (const h of Object.keys(FORGED).filter((h) => h !== "x-forwarded-for"))
      expect(api.has(h), h).toBe(false);
  });
});

describe("paths that do not percent-decode", () => {
  it("are a 400 problem document under the API, a 400 page elsewhere, and reach no handler", async () => {
    const { send, seenByApi, seenByFallback } = await start({});
    for (const path of ["/api/v1/products/%E0%A4%A", "/ecommerce/v1/%ZZ"]) {
      const res = await send(path);
      expect(res.status, path).toBe(400);
      expect(res.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
      expect(JSON.parse(res.body.toString())).toEqual({
        type: "about:blank",
        title: "Invalid request",
        status: 400,
        detail: "The path is not valid percent-encoding.",
        code: "VALIDATION",
      });
    }
    for (const path of ["/products/%E0%A4%A", "/%"]) {
      const res = await send(path);
      expect(res.status, path).toBe(400);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(res.body.toString()).toContain("That address is not valid.");
    }
    expect(seenByApi).toHaveLength(0);
    expect(seenByFallback).toHaveLength(0);
  });

  it("only the path counts: a bad escape in the query goes through", async () => {
    const { send, seenByApi } = await start({});
    expect((await send("/api/v1/products?q=%E0%A4%A")).status).toBe(200);
    expect(seenByApi[0]!.url).toMatch(/\/api\/v1\/products\?q=%E0%A4%A$/);
  });
});

describe("the Fetch request", () => {
  it("carries the method, the Host header's URL, every header and a streamed body", async () => {
    const { send, seenByApi } = await start({});
    const big = "x".repeat(1_000_000);
    await send("/api/v1/cart/items?x=1", {
      method: "POST",
      headers: {
        host: "shop.example:8080",
        "content-type": "application/json",
        "x-request-id": "abc",
        "x-custom": ["one", "two"],
      },
      body: JSON.stringify({ big }),
    });
    // Chunked, with no Content-Length: the body is read as a stream.
    await send("/api/v1/chunked", {
      method: "PUT",
      headers: { "transfer-encoding": "chunked" },
      body: "streamed",
    });
    await send("/api/v1/get");

    const [post, put, get] = seenByApi;
    expect(post!.method).toBe("POST");
    expect(post!.url).toBe("http://shop.example:8080/api/v1/cart/items?x=1");
    expect(post!.headers.get("content-type")).toBe("application/json");
    expect(post!.headers.get("x-request-id")).toBe("abc");
    expect(post!.headers.get("x-custom")).toBe("one, two");
    expect(JSON.parse(post!.body)).toEqual({ big });
    expect(put!.method).toBe("PUT");
    expect(put!.body).toBe("streamed");
    expect(get!.method).toBe("GET");
    expect(get!.body).toBe("");
  });
});

describe("the Fetch response", () => {
  it("gets the base headers unless it sets its own, keeps each cookie, and says its length", async () => {
    const { send } = await start({
      responseHeaders: [
        { key: "X-Frame-Options", value: "DENY" },
        { key: "Referrer-Policy", value: "no-referrer" },
      ],
      api: async () => {
        const headers = new Headers({ "content-type": "text/plain", "referrer-policy": "origin" });
        headers.append("set-cookie", "a=1; Path=/");
        headers.append("set-cookie", "b=2; Path=/; HttpOnly");
        return new Response("héllo", { status: 201, headers });
      },
    });
    const res = await send("/api/v1/x");
    expect(res.status).toBe(201);
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["referrer-policy"]).toBe("origin");
    expect(res.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/; HttpOnly"]);
    expect(res.headers["content-length"]).toBe("6");
    expect(res.body.toString()).toBe("héllo");
  });

  it("answers HEAD with the headers of GET and no body", async () => {
    let method = "";
    const { send } = await start({
      api: async (request) => {
        method = request.method;
        return new Response("twelve bytes", { headers: { "content-type": "text/plain" } });
      },
    });
    const res = await send("/api/v1/x", { method: "HEAD" });
    expect(method).toBe("HEAD");
    expect(res.status).toBe(200);
    expect(res.headers["content-length"]).toBe("12");
    expect(res.body.length).toBe(0);
  });

  it("sends no Content-Length with a 204 or a 304", async () => {
    const statuses = [204, 304];
    const { send } = await start({
      api: async () => new Response(null, { status: statuses.shift() }),
    });
    for (const status of [204, 304]) {
      const res = await send("/api/v1/x");
      expect(res.status).toBe(status);
      expect(res.headers["content-length"]).toBeUndefined();
    }
  });

  it("a handler that throws is a 500 problem document, logged", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { send } = await start({
      api: async () => {
        throw new Error("boom");
      },
    });
    const res = await send("/api/v1/x");
    expect(res.status).toBe(500);
    expect(res.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
    expect(JSON.parse(res.body.toString())).toMatchObject({ status: 500, title: "Internal error" });
    expect(logged).toHaveBeenCalledWith("API request failed outside the router", expect.any(Error));
  });
});
