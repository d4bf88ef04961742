import Link from "next/link";
import { SiteHeader } from "@/components/site-header";
import { Button } from "@/components/ui/button";
import { visitorBaseUrl } from "@/lib/gateway/page-session";

export const dynamic = "force-dynamic";

/** Landing page: what the gateway is and how to point a client at it. */
export default async function HomePage() {
  const baseUrl = await visitorBaseUrl();
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-3xl px-4 py-16">
        <h1 className="text-4xl font-semibold tracking-tight">KiroGate</h1>
        <p className="mt-4 text-lg text-muted-foreground">
          Use Claude from Claude Code, the OpenAI and Anthropic SDKs and any compatible tool, through a pool of Kiro accounts.
        </p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Button asChild>
            <Link href="/dashboard">Get an API key</Link>
          </Button>
          <Button variant="outline" asChild>
            <a href="/health">Health</a>
          </Button>
        </div>
        <section className="mt-10 space-y-4">
          <h2 className="text-xl font-medium">Point a client here</h2>
          <pre className="overflow-x-auto rounded-lg bg-muted p-4 text-sm">
            {`# Claude Code / Anthropic SDK\nANTHROPIC_BASE_URL=${baseUrl}\nANTHROPIC_API_KEY=<your key>\n\n# OpenAI SDK\nbase_url=${baseUrl}/v1\napi_key=<your key>`}
          </pre>
        </section>
      </main>
    </>
  );
}
