"use client";

import { BookOpenIcon, MegaphoneIcon } from "lucide-react";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount } from "../api-request";
import type { ProfileView, UsageBucketView } from "../api-types";
import { useTranslator } from "../locale-provider";
import { UsageChart } from "../usage-chart";
import { useResource } from "../use-resource";
import { ApiKeysCard } from "./api-keys-card";
import { KiroAccountsCard } from "./kiro-accounts-card";

/** A signed-in user's page: announcement, where to set up clients, keys, usage, donated accounts. */
export function DashboardView({ baseUrl }: { baseUrl: string }) {
  const { t } = useTranslator();
  const profile = useResource<ProfileView>("/api/me");
  const usage = useResource<{ series: UsageBucketView[] }>("/api/me/usage");
  const totals = (usage.data?.series ?? []).reduce(
    (sum, bucket) => ({ requests: sum.requests + bucket.requests, tokens: sum.tokens + bucket.inputTokens + bucket.outputTokens, credits: sum.credits + bucket.credits }),
    { requests: 0, tokens: 0, credits: 0 },
  );
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
      {profile.data?.selfUseOnly ? <Alert>{t("dashboard.selfUseOnly")}</Alert> : null}
      <Card>
        <CardHeader>
          <CardTitle>{t("dashboard.connectTitle")}</CardTitle>
          <CardDescription className="break-words">{t("dashboard.connectDescription", { baseUrl })}</CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild variant="outline">
            <Link href="/docs">
              <BookOpenIcon /> {t("dashboard.openDocs")}
            </Link>
          </Button>
        </CardContent>
      </Card>
      <ApiKeysCard />
      <Card>
        <CardHeader>
          <CardTitle>{t("dashboard.usageTitle")}</CardTitle>
          <CardDescription>
            {t("dashboard.usageTotals", { requests: formatCount(totals.requests), tokens: formatCount(totals.tokens), credits: formatCount(totals.credits) })}
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
