// KiroGate's HTTP server: Next.js behind a plain node:http server, so that it can (1) record each
// connection's real peer address, which route handlers cannot see under `next start` (a client could
// put anything in X-Forwarded-For), and (2) shut down gracefully: stop accepting, let running requests
// finish, write every request record, then exit. `./run.sh` starts it; Vercel runs Next.js itself.
import http from "node:http";
import next from "next";

/** Header the server sets to the TCP peer's address; a copy sent by a client is overwritten. */
const peerAddressHeader = "x-kirogate-peer-address";
const port = Number(process.env.PORT || 9000);
const hostname = process.env.HOSTNAME || "0.0.0.0";

process.env.KIROGATE_SERVER = "1";
const app = next({ dev: false, dir: import.meta.dirname, port, hostname });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((request, response) => {
  request.headers[peerAddressHeader] = request.socket.remoteAddress ?? "";
  void handle(request, response);
});
// Longer than common load balancers' idle timeouts, so they close idle connections first.
server.keepAliveTimeout = 65_000;
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
