import { Pool, type Dispatcher } from "undici";

// One keep-alive connection pool per upstream origin, for the life of the process.
const pools = new Map<string, Pool>();

function poolFor(origin: string): Pool {
  let pool = pools.get(origin);
  if (!pool) {
    pool = new Pool(origin, { connections: 256, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000, connect: { timeout: 10_000 } });
    pools.set(origin, pool);
  }
  return pool;
}

/** One upstream call: where, what, and how long to wait (ms) for headers and between body chunks. */
export type KiroCall = {
  baseUrl: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
};

/**
 * POSTs a request body to `{baseUrl}/generateAssistantResponse` through the origin's undici
 * `Pool`. The response body is the raw event stream, not yet read; aborting `signal` destroys it.
 * @throws undici errors for connection failures, timeouts and aborts.
 */
export function postGenerateAssistantResponse(call: KiroCall): Promise<Dispatcher.ResponseData> {
  const url = new URL(call.baseUrl);
  const path = `${url.pathname.replace(/\/+$/, "")}/generateAssistantResponse`;
  return poolFor(url.origin).request({
    path,
    method: "POST",
    headers: call.headers,
    body: call.body,
    signal: call.signal,
    headersTimeout: call.headersTimeoutMs,
    bodyTimeout: call.bodyTimeoutMs,
  });
}
