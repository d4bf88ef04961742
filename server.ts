// KiroGate's HTTP server: Next.js behind a plain node:http server, so that it can (1) record each
// connection's real peer address, which route handlers cannot see under `next start` (a client could
// put anything in X-Forwarded-For), and (2) shut down gracefully: stop accepting, let running requests
// finish, write every request record, then exit. `./run.sh` starts it; Vercel runs Next.js itself.
import http from "node:http";
import next from "next";
import { addressIn, addressSet, normalizeAddress } from "./lib/auth/client-address";

/** Header the server sets to the TCP peer's address; a copy sent by a client is overwritten. */
const peerAddressHeader = "x-kirogate-peer-address";
const port = Number(process.env.PORT || 9000);
const hostname = process.env.HOSTNAME || "0.0.0.0";

process.env.KIROGATE_SERVER = "1";
const app = next({ dev: false, dir: import.meta.dirname, port, hostname });
const handle = app.getRequestHandler();
await app.prepare();

// Next has loaded .env by now. lib/env.ts validates the same list and names a bad entry at start.
let trustedProxies: ReturnType<typeof addressSet>;
try {
  trustedProxies = addressSet((process.env.TRUSTED_PROXIES ?? "").split(",").map((entry) => entry.trim()).filter(Boolean));
} catch (error) {
  console.error(`[kirogate] Invalid configuration — TRUSTED_PROXIES: ${(error as Error).message}`);
  process.exit(1);
}
// Headers that say where a request "really" came from are believed only from a trusted proxy;
// anyone else's copies are dropped, so sign-in redirects and CSRF checks see the true host.
const forwardedHeaders = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"];

const server = http.createServer((request, response) => {
  const peer = request.socket.remoteAddress ?? "";
  request.headers[peerAddressHeader] = peer;
  if (!peer || !addressIn(trustedProxies, normalizeAddress(peer))) {
    for (const name of forwardedHeaders) delete request.headers[name];
  }
  void handle(request, response);
});
// Longer than common load balancers' idle timeouts, so they close idle connections first.
server.keepAliveTimeout = 65_000;
server.on("error", (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === "EADDRINUSE"
      ? `[kirogate] Port ${port} is already in use by another program. Stop it, or start KiroGate on another port: PORT=9001 ./run.sh`
      : `[kirogate] Cannot listen on ${hostname}:${port}: ${error.message}`,
  );
  process.exit(1);
});
server.listen(port, hostname, () => console.log(`[kirogate] listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`));

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  server.close();
  const shutdown = (globalThis as { kiroGatewayShutdown?: () => Promise<void> }).kiroGatewayShutdown;
  void (shutdown ? shutdown() : Promise.resolve()).finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
};
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
