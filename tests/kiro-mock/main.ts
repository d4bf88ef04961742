// `npm run mock:kiro`: runs the Kiro mock in the foreground so the whole gateway can be tried offline.
import { startKiroMock } from "./kiro-mock-server";

const port = Number(process.env.MOCK_KIRO_PORT ?? 9100);
const mock = await startKiroMock({ port, host: process.env.MOCK_KIRO_HOST ?? "127.0.0.1", splitWrites: process.env.MOCK_KIRO_SPLIT !== "0" });
console.log(`Kiro mock listening on ${mock.url}
Point the gateway at it (in .env, then restart ./run.sh):
  KIRO_API_BASE_URL=${mock.url}
  KIRO_SOCIAL_AUTH_BASE_URL=${mock.url}
  KIRO_OIDC_BASE_URL=${mock.url}
  REFRESH_TOKEN=mock-refresh-token
Any refresh token works except ones starting with "invalid"; "rotate-…" tokens rotate on every refresh.`);
const stop = () => void mock.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
