"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/input";
import type { MessageKey } from "@/lib/i18n/messages";
import { formatCount } from "../api-request";
import type { OverviewView } from "../api-types";
import { StatusBadge } from "../status-badge";
import { UsageChart } from "../usage-chart";
import { useTranslator } from "../locale-provider";
import { useResource } from "../use-resource";

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Card>
      <CardContent className="p-4">
        <div className="text-xs text-muted-foreground">{label}</div>
        <div className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId}>
          {value}
        </div>
      </CardContent>
    </Card>
  );
}

const charts: Array<[MessageKey, "requests" | "latency" | "credits" | "tokens"]> = [
  ["overview.requests", "requests"],
  ["overview.latency", "latency"],
  ["table.credits", "credits"],
  ["overview.tokens", "tokens"],
];

/** Overview: figures, charts over the last hour, day or week, pool health, top users and models. */
export function OverviewTab() {
  const { t } = useTranslator();
  const [window, setWindow] = useState<"hour" | "day" | "week">("day");
  const overview = useResource<OverviewView>(`/api/admin/overview?window=${window}`);
  const data = overview.data;
  const label = window === "hour" ? "time" : window === "day" ? "time" : "day-time";
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-2">
        <span className="text-sm text-muted-foreground">{t("overview.window")}</span>
        <NativeSelect aria-label={t("overview.window")} value={window} onChange={(event) => setWindow(event.target.value as typeof window)}>
          <option value="hour">{t("overview.hour")}</option>
          <option value="day">{t("overview.day")}</option>
          <option value="week">{t("overview.week")}</option>
        </NativeSelect>
      </div>
      {overview.error ? <Alert variant="destructive">{overview.error}</Alert> : null}
      {data ? (
        <>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6">
            <Figure label={t("overview.requests")} value={formatCount(data.totals.requests)} testId="overview-requests" />
            <Figure label={t("overview.requestsPerMinute")} value={formatCount(data.totals.requestsPerMinute)} />
            <Figure label={t("overview.successRate")} value={data.totals.successRate === null ? "—" : `${(data.totals.successRate * 100).toFixed(1)} %`} />
            <Figure label={t("overview.averageLatency")} value={data.totals.averageLatencyMs === null ? "—" : `${formatCount(data.totals.averageLatencyMs)} ms`} />
            <Figure label={t("overview.creditsUsed")} value={formatCount(data.totals.credits)} />
            <Figure label={t("overview.runningNow")} value={formatCount(data.activeRequests)} />
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            {charts.map(([title, kind]) => (
              <Card key={kind}>
                <CardHeader>
                  <CardTitle>{t(title)}</CardTitle>
                </CardHeader>
                <CardContent>
                  <UsageChart series={data.series} kind={kind} label={label} />
                </CardContent>
              </Card>
            ))}
          </div>
          <div className="grid gap-4 md:grid-cols-3">
            <Card>
              <CardHeader>
                <CardTitle>{t("overview.poolHealth")}</CardTitle>
              </CardHeader>
              <CardContent className="space-y-2 text-sm">
                <div>
                  {t("overview.poolSummary", { total: data.pool.total, inFlight: data.pool.inFlight })}
                </div>
                <div className="flex flex-wrap gap-2">
                  {Object.entries(data.pool.byStatus).map(([status, count]) => (
                    <span key={status} className="flex items-center gap-1">
                      <StatusBadge status={status} /> {count}
                    </span>
                  ))}
                </div>
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>{t("overview.topUsers")}</CardTitle>
              </CardHeader>
              <CardContent>
                <ol className="space-y-1 text-sm">
                  {data.topUsers.length === 0 ? <li className="text-muted-foreground">{t("overview.noUserRequests")}</li> : null}
                  {data.topUsers.map((row) => (
                    <li key={row.userId} className="flex justify-between gap-2">
                      <span>{row.login}</span>
                      <span className="tabular-nums text-muted-foreground">
                        {t("overview.userFigures", { requests: formatCount(row.requests), credits: formatCount(row.credits) })}
                      </span>
                    </li>
                  ))}
                </ol>
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>{t("overview.topModels")}</CardTitle>
              </CardHeader>
              <CardContent>
                <ol className="space-y-1 text-sm">
                  {data.topModels.length === 0 ? <li className="text-muted-foreground">{t("overview.noRequests")}</li> : null}
                  {data.topModels.map((row) => (
                    <li key={row.model} className="flex justify-between gap-2">
                      <span className="truncate">{row.model}</span>
                      <span className="tabular-nums text-muted-foreground">{formatCount(row.requests)}</span>
                    </li>
                  ))}
                </ol>
              </CardContent>
            </Card>
          </div>
        </>
      ) : null}
    </div>
  );
}
