import { Card, CardContent } from "@/components/ui/card";
import type { PublicStatus } from "@/lib/gateway/public-status";
import { getTranslator } from "@/lib/i18n/server";
import { StatusBadge } from "./status-badge";

function formatUptime(seconds: number, t: (key: "status.days" | "status.hours" | "status.minutes", values: Record<string, number>) => string): string {
  if (seconds >= 86_400) return t("status.days", { days: Math.floor(seconds / 86_400), hours: Math.floor((seconds % 86_400) / 3600) });
  if (seconds >= 3600) return t("status.hours", { hours: Math.floor(seconds / 3600), minutes: Math.floor((seconds % 3600) / 60) });
  return t("status.minutes", { minutes: Math.max(0, Math.floor(seconds / 60)) });
}

/** The gateway's health at a glance: status, usable accounts, last hour's success rate and latency, uptime. */
export async function StatusSummary({ status, detailed = false }: { status: PublicStatus; detailed?: boolean }) {
  const { t } = await getTranslator();
  const figures: Array<[string, string, string?]> = [
    [t("status.state"), status.status === "ok" ? t("status.ok") : t("status.degraded"), "status-state"],
    [t("status.usableAccounts"), `${status.pool.usable} / ${status.pool.total}`],
    [t("status.successRate"), status.lastHour.successRate === null ? "—" : `${(status.lastHour.successRate * 100).toFixed(1)} %`],
    [t("status.latency"), status.lastHour.averageLatencyMs === null ? "—" : `${status.lastHour.averageLatencyMs} ms`],
    [t("status.requests"), String(status.lastHour.requests)],
    [t("status.uptime"), formatUptime(status.uptimeSeconds, t)],
  ];
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6">
        {figures.map(([label, value, testId]) => (
          <Card key={label}>
            <CardContent className="p-4">
              <div className="text-xs text-muted-foreground">{label}</div>
              <div className={`mt-1 text-xl font-semibold tabular-nums ${label === t("status.state") ? (status.status === "ok" ? "text-success" : "text-warning") : ""}`} data-testid={testId}>
                {value}
              </div>
            </CardContent>
          </Card>
        ))}
      </div>
      {detailed ? (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span className="text-muted-foreground">{t("status.byState")}</span>
          {Object.entries(status.pool.byStatus).map(([state, count]) => (
            <span key={state} className="flex items-center gap-1">
              <StatusBadge status={state} /> {count}
            </span>
          ))}
          <span className="text-muted-foreground">· v{status.version}</span>
        </div>
      ) : null}
    </div>
  );
}
