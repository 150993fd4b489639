import { once } from "node:events";
import { connect } from "node:net";
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
} from "node:http";
import type { AddressInfo } from "node:net";

import { afterEach, describe, expect, it, vi } from "vitest";

import { parseTrustProxy } from "@/lib/env";

import { readJsonBody } from "./body";
import {
  type AnsweredRequest,
  createNodeHandler,
  type FetchHandler,
  rejectConnect,
} from "./node-bridge";

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
  onResponse?: Parameters<typeof createNodeHandler>[0]["onResponse"];
  metrics?: Parameters<typeof createNodeHandler>[0]["metrics"];
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
      onResponse: options.onResponse,
      metrics: options.metrics,
    }),
  );
  server.on("connect", rejectConnect);
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
      agent?: Agent;
    } = {},
  ): Promise<Reply & { reusedSocket: boolean }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: "127.0.0.1",
          port,
          path,
          method: init.method ?? "GET",
          headers: init.headers,
          agent: init.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
              reusedSocket: req.reusedSocket,
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

  it("behind a trusted proxy, drops forwarding headers that are empty", async () => {
    const { send, seenByFallback } = await start({ trustProxy: "true" });
    await send("/page", {
      headers: { host: "shop.example", "x-forwarded-host": "", "x-forwarded-proto": " " },
    });
    expect(seenByFallback[0]!["x-forwarded-host"]).toBeUndefined();
    expect(seenByFallback[0]!["x-forwarded-proto"]).toBeUndefined();
    expect(seenByFallback[0]!.host).toBe("shop.example");
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

describe("Strict-Transport-Security", () => {
  it("is sent when a trusted proxy says https, for pages and the API alike", async () => {
    const { send } = await start({ trustProxy: "true" });
    const https = { "x-forwarded-proto": "https" };
    expect((await send("/api/v1/x", { headers: https })).headers["strict-transport-security"]).toBe(
      "max-age=31536000",
    );
    expect((await send("/page", { headers: https })).headers["strict-transport-security"]).toBe(
      "max-age=31536000",
    );
    expect(
      (await send("/page", { headers: { "x-forwarded-proto": "http" } })).headers[
        "strict-transport-security"
      ],
    ).toBeUndefined();
  });

  it("is not sent over plain http, nor when an untrusted client claims https", async () => {
    const { send } = await start({});
    expect((await send("/page")).headers["strict-transport-security"]).toBeUndefined();
    expect(
      (await send("/api/v1/x", { headers: { "x-forwarded-proto": "https" } })).headers[
        "strict-transport-security"
      ],
    ).toBeUndefined();
  });
});

describe("paths that do not percent-decode", () => {
  it("are a 400 problem document under the API, a 400 page elsewhere, and reach no handler", async () => {
    const { send, seenByApi, seenByFallback } = await start({});
    for (const path of ["/api/v1/products/%E0%A4%A", "/ecommerce/v1/%ZZ"]) {
      const res = await send(path);
      expect(res.status, path).toBe(400);
      expect(res.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
      // Every answer carries X-Request-Id, as the API document says, even one made here.
      expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
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

/** Bytes on a fresh TCP connection, and everything the server answers until it closes. */
async function raw(port: number, text: string): Promise<string> {
  const socket = connect(port, "127.0.0.1");
  await once(socket, "connect");
  socket.end(text);
  const chunks: Buffer[] = [];
  socket.on("data", (c: Buffer) => chunks.push(c));
  await once(socket, "close");
  return Buffer.concat(chunks).toString();
}

describe("requests Fetch cannot represent", () => {
  it("TRACE and TRACK are 405, unknown methods 501, CONNECT 405 and closed — before any handler", async () => {
    const { port, send, seenByApi, seenByFallback } = await start({});
    for (const [method, status] of [
      ["TRACE", 405],
      ["PROPFIND", 501],
    ] as const) {
      for (const path of ["/api/v1/products", "/products"]) {
        const res = await send(path, { method });
        expect(res.status, `${method} ${path}`).toBe(status);
        expect(res.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
        expect(res.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
        expect(JSON.parse(res.body.toString())).toMatchObject({
          status,
          code: "METHOD_NOT_ALLOWED",
        });
      }
    }
    const connectAnswer = await raw(
      port,
      "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
    );
    expect(connectAnswer).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
    expect(connectAnswer).toMatch(/\r\nX-Request-Id: [0-9a-f-]{36}\r\n/);
    // Node's parser does not know TRACK: it answers 400 and closes, before any of our code.
    const trackAnswer = await raw(port, "TRACK /api/v1/products HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(trackAnswer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(seenByApi).toHaveLength(0);
    expect(seenByFallback).toHaveLength(0);
  });

  it("a malformed Host header is a 400 problem document", async () => {
    const { port, seenByApi, seenByFallback } = await start({});
    for (const host of ["exa mple.com", "a/b", "[::1", "user@host", "host:99999999"]) {
      const answer = await raw(
        port,
        `GET /api/v1/products HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      );
      expect(answer, host).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toContain('"detail":"The Host header is not valid."');
      expect(answer).toMatch(/\r\nx-request-id: [0-9a-f-]{36}\r\n/i);
    }
    expect(seenByApi).toHaveLength(0);
    expect(seenByFallback).toHaveLength(0);
  });
});

describe("answering before the body is read", () => {
  const jsonApi: FetchHandler = async (request) => {
    try {
      await readJsonBody(request);
      return Response.json({ ok: true });
    } catch (e) {
      const code = (e as { code?: string }).code;
      return new Response(code, { status: code === "PAYLOAD_TOO_LARGE" ? 413 : 415 });
    }
  };

  it("a 413 or 415 leaves the keep-alive connection serving the next request", async () => {
    const { send } = await start({ api: jsonApi });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = JSON.stringify({ big: "x".repeat(3 * 1024 * 1024) });
      // Too large, announced and streamed in full; then too large without a Content-Length.
      const tooLarge = await send("/api/v1/x", {
        method: "POST",
        agent,
        headers: { "content-type": "application/json" },
        body: big,
      });
      expect(tooLarge.status).toBe(413);
      const next = await send("/api/v1/x", {
        method: "POST",
        agent,
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(next.status).toBe(200);
      expect(next.reusedSocket).toBe(true);
      const wrongType = await send("/api/v1/x", {
        method: "POST",
        agent,
        headers: { "content-type": "text/plain" },
        body: "y".repeat(200_000),
      });
      expect(wrongType.status).toBe(415);
      const after = await send("/api/v1/x", {
        method: "POST",
        agent,
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(after.status).toBe(200);
      expect(after.reusedSocket).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});

describe("what the server records", () => {
  it("one entry per request: id, method, path without query, status, route and user from the API", async () => {
    const seen: AnsweredRequest[] = [];
    const { send } = await start({
      onResponse: (a) => seen.push(a),
      api: async () =>
        new Response("{}", {
          status: 201,
          headers: {
            "x-cartwright-route": "/api/v1/cart/items",
            "x-cartwright-user": "usr_1",
            "x-request-id": "req-1",
          },
        }),
    });
    const api = await send("/api/v1/cart/items?token=secret", {
      method: "POST",
      headers: { "x-request-id": "req-1" },
    });
    // The internal facts never reach the client.
    expect(api.headers["x-cartwright-user"]).toBeUndefined();
    expect(api.headers["x-cartwright-route"]).toBeUndefined();
    await send("/account?reset=tok3n", { headers: { "x-request-id": "page-1" } });
    await send("/x", { method: "TRACE" });
    expect(seen.map(({ durationMs, ...rest }) => ({ ...rest, timed: durationMs >= 0 }))).toEqual([
      {
        requestId: "req-1",
        method: "POST",
        path: "/api/v1/cart/items",
        route: "/api/v1/cart/items",
        status: 201,
        userId: "usr_1",
        timed: true,
      },
      {
        requestId: "page-1",
        method: "GET",
        path: "/account",
        route: "page",
        status: 200,
        userId: null,
        timed: true,
      },
      {
        requestId: expect.any(String),
        method: "TRACE",
        path: "/x",
        route: "page",
        status: 405,
        userId: null,
        timed: true,
      },
    ]);
  });

  it("/metrics answers a direct loopback client or the token's bearer, and nobody forwarded", async () => {
    const render = async () => ({ contentType: "text/plain; version=0.0.4", body: "up 1\n" });
    const { send } = await start({ metrics: { render, token: "t".repeat(20) } });
    const direct = await send("/metrics");
    expect(direct.status).toBe(200);
    expect(direct.body.toString()).toBe("up 1\n");
    // Through a proxy on the same machine the peer is loopback too: the forwarding header tells.
    const viaProxy = await send("/metrics", { headers: { "x-forwarded-for": "203.0.113.4" } });
    expect(viaProxy.status).toBe(404);
    const withToken = await send("/metrics", {
      headers: { "x-forwarded-for": "203.0.113.4", authorization: `Bearer ${"t".repeat(20)}` },
    });
    expect(withToken.status).toBe(200);
    const wrongToken = await send("/metrics", {
      headers: { "x-forwarded-for": "203.0.113.4", authorization: "Bearer nope" },
    });
    expect(wrongToken.status).toBe(404);
  });
});

describe("a client that hangs up mid-body", () => {
  it("is a 400 for the handler (not a hang, not a 500), and the server keeps serving", async () => {
    let outcome: (code: string) => void = () => undefined;
    const seen = new Promise<string>((resolve) => (outcome = resolve));
    const { port, send } = await start({
      api: async (request) => {
        try {
          await readJsonBody(request);
          outcome("read");
        } catch (e) {
          outcome((e as { code?: string }).code ?? String(e));
        }
        return new Response(null, { status: 204 });
      },
    });
    const socket = connect(port, "127.0.0.1");
    await once(socket, "connect");
    socket.write(
      'POST /api/v1/x HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":',
    );
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();
    expect(await seen).toBe("VALIDATION");
    expect((await send("/page")).status).toBe(200);
  });
});
