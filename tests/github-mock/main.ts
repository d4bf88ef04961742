// `npm run mock:github`: a mock GitHub Enterprise Server in the foreground, to try sign-in offline.
import { startGithubMock } from "./github-mock-server";

const mock = await startGithubMock({ port: Number(process.env.MOCK_GITHUB_PORT ?? 9200) });
console.log(`Mock GitHub Enterprise listening on ${mock.url}
Point the gateway at it (in .env, then restart ./run.sh):
  GITHUB_ENTERPRISE_URL=${mock.url}
  GITHUB_CLIENT_ID=${mock.clientId}
  GITHUB_CLIENT_SECRET=${mock.clientSecret}
On its authorize page, type any login to sign in as that GitHub user.`);
const stop = () => void mock.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
