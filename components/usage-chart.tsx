"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageBucketView } from "./api-types";
import { useTranslator } from "./locale-provider";

/** How a bucket's start is labelled on the axis. */
export type BucketLabel = "time" | "day" | "day-time";

function labelOf(start: number, style: BucketLabel, locale: string): string {
  const date = new Date(start);
  if (style === "time") return date.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
  if (style === "day") return date.toLocaleDateString(locale, { month: "short", day: "numeric" });
  return `${date.toLocaleDateString(locale, { month: "short", day: "numeric" })} ${date.toLocaleTimeString(locale, { hour: "2-digit" })}`;
}

const tooltipStyle = { background: "var(--card)", border: "1px solid var(--border)", borderRadius: 8, color: "var(--card-foreground)", fontSize: 12 };

/**
 * Series of usage buckets as a chart: `kind` picks what is drawn — requests and failures (bars),
 * tokens (bars), credits (bars) or average latency in ms (line).
 */
export function UsageChart({ series, kind, label, height = 220 }: { series: UsageBucketView[]; kind: "requests" | "tokens" | "credits" | "latency"; label: BucketLabel; height?: number }) {
  const { t, locale } = useTranslator();
  const data = series.map((bucket) => ({ ...bucket, label: labelOf(bucket.start, label, locale === "zh" ? "zh-CN" : "en"), succeeded: bucket.requests - bucket.failures }));
  const axis = (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
      <XAxis dataKey="label" tick={{ fontSize: 11, fill: "var(--muted-foreground)" }} minTickGap={16} />
      <YAxis tick={{ fontSize: 11, fill: "var(--muted-foreground)" }} width={44} allowDecimals={kind === "credits"} />
      <Tooltip contentStyle={tooltipStyle} cursor={{ fill: "var(--muted)" }} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
    </>
  );
  return (
    <div style={{ height }} data-testid={`chart-${kind}`}>
      <ResponsiveContainer width="100%" height="100%">
        {kind === "latency" ? (
          <LineChart data={data}>
            {axis}
            <Line type="monotone" dataKey="averageLatencyMs" name={t("chart.latency")} stroke="var(--chart-1)" dot={false} strokeWidth={2} />
          </LineChart>
        ) : (
          <BarChart data={data}>
            {axis}
            {kind === "requests" ? (
              <>
                <Bar dataKey="succeeded" name={t("chart.succeeded")} stackId="requests" fill="var(--chart-2)" />
                <Bar dataKey="failures" name={t("chart.failed")} stackId="requests" fill="var(--chart-4)" />
              </>
            ) : kind === "tokens" ? (
              <>
                <Bar dataKey="inputTokens" name={t("chart.inputTokens")} stackId="tokens" fill="var(--chart-1)" />
                <Bar dataKey="outputTokens" name={t("chart.outputTokens")} stackId="tokens" fill="var(--chart-3)" />
              </>
            ) : (
              <Bar dataKey="credits" name={t("chart.credits")} fill="var(--chart-3)" />
            )}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
