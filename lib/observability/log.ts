import pino from "pino";

import { lifecycle } from "@/lib/http";

/**
 * One JSON line per request, on stdout. Only these fields are written — never headers, bodies or
 * the query string (which may carry tokens or search terms), so no password, token or card
 * number can reach the log.
 */
export type RequestLog = {
  requestId: string;
  method: string;
  /** The path without its query string. */
  path: string;
  status: number;
  durationMs: number;
  userId?: string | null;
};

const state = globalThis as unknown as { cartwrightLogger?: pino.Logger };

function logger(): pino.Logger {
  state.cartwrightLogger ??= createLogger();
  return state.cartwrightLogger;
}

/** The request logger, writing to stdout or (tests) to `destination`. */
export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  const options = {
    level: process.env.LOG_LEVEL || "info",
    base: { copy: lifecycle().copyId },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: "msg",
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Sends the request log somewhere else (tests read what it writes). */
export function useLogger(l: pino.Logger): void {
  state.cartwrightLogger = l;
}

export function logRequest(entry: RequestLog): void {
  const { userId, ...rest } = entry;
  const line = {
    ...rest,
    durationMs: Math.round(entry.durationMs * 10) / 10,
    ...(userId ? { userId } : {}),
  };
  if (entry.status >= 500) logger().error(line, "request");
  else logger().info(line, "request");
}
