"use client";

import { CopyIcon, MegaphoneIcon } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount } from "../api-request";
import type { ProfileView, UsageBucketView } from "../api-types";
import { UsageChart } from "../usage-chart";
import { useResource } from "../use-resource";
import { ApiKeysCard } from "./api-keys-card";
import { KiroAccountsCard } from "./kiro-accounts-card";

/** A signed-in user's page: announcement, how to connect, keys, usage, donated accounts. */
export function DashboardView({ baseUrl }: { baseUrl: string }) {
  const profile = useResource<ProfileView>("/api/me");
  const usage = useResource<{ series: UsageBucketView[] }>("/api/me/usage");
  const totals = (usage.data?.series ?? []).reduce(
    (sum, bucket) => ({ requests: sum.requests + bucket.requests, tokens: sum.tokens + bucket.inputTokens + bucket.outputTokens, credits: sum.credits + bucket.credits }),
    { requests: 0, tokens: 0, credits: 0 },
  );
  const snippet = `# Claude Code and the Anthropic SDK\nexport ANTHROPIC_BASE_URL=${baseUrl}\nexport ANTHROPIC_API_KEY=sk-…your key…\n\n# OpenAI SDK and compatible tools\nOPENAI_BASE_URL=${baseUrl}/v1\nOPENAI_API_KEY=sk-…your key…`;
  return (
    <div className="space-y-6">
      {profile.data?.announcement ? (
        <Alert data-testid="announcement">
          <div className="flex gap-2">
            <MegaphoneIcon className="mt-0.5 size-4 shrink-0" />
            <p className="whitespace-pre-wrap">{profile.data.announcement}</p>
          </div>
        </Alert>
      ) : null}
      {profile.data?.selfUseOnly ? <Alert>This gateway serves each user from their own Kiro accounts only: add one below before using your keys.</Alert> : null}
      <Card>
        <CardHeader>
          <CardTitle>Connect a client</CardTitle>
          <CardDescription>Point your tools at this gateway with one of your keys.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-2">
          <pre className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs">{snippet}</pre>
          <Button variant="outline" size="sm" onClick={() => navigator.clipboard?.writeText(snippet).catch(() => undefined)}>
            <CopyIcon /> Copy
          </Button>
        </CardContent>
      </Card>
      <ApiKeysCard />
      <Card>
        <CardHeader>
          <CardTitle>My usage, last 30 days</CardTitle>
          <CardDescription>
            {formatCount(totals.requests)} requests · {formatCount(totals.tokens)} tokens · {formatCount(totals.credits)} credits
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6 lg:grid-cols-3">
          {usage.data ? (
            <>
              <UsageChart series={usage.data.series} kind="requests" label="day" />
              <UsageChart series={usage.data.series} kind="tokens" label="day" />
              <UsageChart series={usage.data.series} kind="credits" label="day" />
            </>
          ) : usage.error ? (
            <Alert variant="destructive">{usage.error}</Alert>
          ) : null}
        </CardContent>
      </Card>
      <KiroAccountsCard />
    </div>
  );
}
