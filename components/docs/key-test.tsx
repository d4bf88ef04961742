"use client";

import { PlayIcon } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useTranslator } from "../locale-provider";
import { readServerSentEvents } from "./stream-reader";

type Outcome = { status: number; firstTokenMs?: number; totalMs?: number; reply: string; inputTokens?: number; error?: string };

/**
 * "Test this key": a tiny streamed `/v1/messages` request and a `count_tokens` call through this
 * gateway with the chosen key, showing the status, the time to the first token (ms) and the reply.
 */
export function KeyTest({ apiKey, model }: { apiKey?: string; model: string }) {
  const { t } = useTranslator();
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const run = async () => {
    if (!apiKey) return;
    setRunning(true);
    const headers = { "x-api-key": apiKey, "anthropic-version": "2023-06-01", "content-type": "application/json" };
    const messages = [{ role: "user", content: t("docs.testPrompt") }];
    const started = performance.now();
    const result: Outcome = { status: 0, reply: "" };
    try {
      const response = await fetch("/v1/messages", { method: "POST", headers, body: JSON.stringify({ model, max_tokens: 64, stream: true, messages }) });
      result.status = response.status;
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
        result.error = body?.error?.message ?? response.statusText;
      } else {
        await readServerSentEvents(response.body, ({ data }) => {
          const event = data as { type?: string; delta?: { type?: string; text?: string }; error?: { message?: string } };
          if (event.type === "content_block_delta" && event.delta?.type === "text_delta") {
            result.firstTokenMs ??= Math.round(performance.now() - started);
            result.reply += event.delta.text ?? "";
            setOutcome({ ...result });
          }
          if (event.type === "error") result.error = event.error?.message;
        });
        result.totalMs = Math.round(performance.now() - started);
        const counted = await fetch("/v1/messages/count_tokens", { method: "POST", headers, body: JSON.stringify({ model, messages }) });
        if (counted.ok) result.inputTokens = ((await counted.json()) as { input_tokens: number }).input_tokens;
      }
    } catch (failure) {
      result.error = (failure as Error).message;
    }
    setOutcome({ ...result });
    setRunning(false);
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("docs.testTitle")}</CardTitle>
        <CardDescription>{apiKey ? t("docs.testDescription") : t("docs.testNeedsKey")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-3">
        <Button onClick={run} disabled={!apiKey || running} data-testid="docs-test-key">
          <PlayIcon /> {running ? t("docs.testRunning") : t("docs.testButton")}
        </Button>
        {outcome ? (
          <div className="space-y-2 text-sm" data-testid="docs-test-result">
            <div className="flex flex-wrap gap-x-6 gap-y-1">
              <span>
                {t("docs.testStatus")}: <strong data-testid="docs-test-status">{outcome.status || "—"}</strong>
              </span>
              <span>
                {t("docs.testFirstToken")}: <strong data-testid="docs-test-ttft">{outcome.firstTokenMs === undefined ? "—" : `${outcome.firstTokenMs} ms`}</strong>
              </span>
              <span>
                {t("docs.testTotal")}: <strong>{outcome.totalMs === undefined ? "—" : `${outcome.totalMs} ms`}</strong>
              </span>
              <span>
                {t("docs.testInputTokens")}: <strong data-testid="docs-test-input-tokens">{outcome.inputTokens ?? "—"}</strong>
              </span>
            </div>
            {outcome.reply ? (
              <p className="rounded-md bg-muted p-3 whitespace-pre-wrap" data-testid="docs-test-reply">
                {outcome.reply}
              </p>
            ) : null}
            {outcome.error ? <Alert variant="destructive">{outcome.error}</Alert> : null}
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
