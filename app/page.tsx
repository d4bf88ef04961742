import { headers } from "next/headers";

/** Landing page: what the gateway is and how to point a client at it. */
export default async function HomePage() {
  const requestHeaders = await headers();
  const host = requestHeaders.get("host") ?? "localhost:9000";
  const baseUrl = `http://${host}`;
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="text-4xl font-semibold tracking-tight">KiroGate</h1>
      <p className="mt-4 text-lg text-zinc-600 dark:text-zinc-400">
        Use Claude from Claude Code, the OpenAI and Anthropic SDKs and any compatible tool, through a pool of Kiro accounts.
      </p>
      <section className="mt-10 space-y-4">
        <h2 className="text-xl font-medium">Point a client here</h2>
        <pre className="overflow-x-auto rounded-lg bg-zinc-100 p-4 text-sm dark:bg-zinc-900">
          {`# Claude Code / Anthropic SDK\nANTHROPIC_BASE_URL=${baseUrl}\nANTHROPIC_API_KEY=<PROXY_API_KEY>\n\n# OpenAI SDK\nbase_url=${baseUrl}/v1\napi_key=<PROXY_API_KEY>`}
        </pre>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Health: <a className="underline" href="/health">/health</a>
        </p>
      </section>
    </main>
  );
}
