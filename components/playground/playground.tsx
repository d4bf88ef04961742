"use client";

import { BrainIcon, SendIcon, SquareIcon, Trash2Icon } from "lucide-react";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { readServerSentEvents } from "../docs/stream-reader";
import { useTranslator } from "../locale-provider";
import { apiKeyStorageKey } from "./playground-storage";

/** One turn of the conversation; an assistant turn keeps its thinking apart from its answer. */
type Turn = { role: "user" | "assistant"; text: string; thinking?: string; note?: string };

type Dialect = "anthropic" | "openai";

function savedKey(): string {
  try {
    return window.localStorage.getItem(apiKeyStorageKey) ?? "";
  } catch {
    return "";
  }
}

/** The request of one turn in the chosen dialect: path and body. */
function buildRequest(dialect: Dialect, model: string, thinking: boolean, turns: Turn[]): { path: string; headers: Record<string, string>; body: unknown } {
  // A reply stopped before its first word leaves nothing to send back.
  const messages = turns.filter((turn) => turn.text).map((turn) => ({ role: turn.role, content: turn.text }));
  if (dialect === "anthropic") {
    return {
      path: "/v1/messages",
      headers: { "anthropic-version": "2023-06-01" },
      body: { model, max_tokens: 4096, stream: true, messages, ...(thinking ? { thinking: { type: "enabled", budget_tokens: 2048 } } : {}) },
    };
  }
  return { path: "/v1/chat/completions", headers: {}, body: { model, stream: true, messages, ...(thinking ? { reasoning_effort: "medium" } : {}) } };
}

/**
 * A chat in the browser against this gateway: either dialect, any served model, thinking shown
 * apart from the answer, streaming with a stop button. The key stays in this browser's local
 * storage, nowhere else.
 */
export function Playground({ models }: { models: string[] }) {
  const { t } = useTranslator();
  const [apiKey, setApiKey] = useState(savedKey);
  const [dialect, setDialect] = useState<Dialect>("anthropic");
  const [model, setModel] = useState(models.includes("claude-sonnet-4-6") ? "claude-sonnet-4-6" : (models[0] ?? ""));
  const [thinking, setThinking] = useState(false);
  const [prompt, setPrompt] = useState("");
  const [turns, setTurns] = useState<Turn[]>([]);
  const [error, setError] = useState<string>();
  const [running, setRunning] = useState(false);
  const controller = useRef<AbortController | undefined>(undefined);

  const rememberKey = (value: string) => {
    setApiKey(value);
    try {
      if (value) window.localStorage.setItem(apiKeyStorageKey, value);
      else window.localStorage.removeItem(apiKeyStorageKey);
    } catch {
      // Storage refused (private mode): the key lives for this page only.
    }
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!prompt.trim() || !apiKey || running) return;
    const history: Turn[] = [...turns, { role: "user", text: prompt.trim() }];
    const answer: Turn = { role: "assistant", text: "", thinking: "" };
    setTurns([...history, answer]);
    setPrompt("");
    setError(undefined);
    setRunning(true);
    const abort = new AbortController();
    controller.current = abort;
    const started = performance.now();
    let firstTokenMs: number | undefined;
    const update = () => setTurns([...history, { ...answer }]);
    try {
      const request = buildRequest(dialect, model, thinking, history);
      const response = await fetch(request.path, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}`, ...request.headers },
        body: JSON.stringify(request.body),
        signal: abort.signal,
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
        throw new Error(`${response.status}: ${body?.error?.message ?? response.statusText}`);
      }
      await readServerSentEvents(response.body, ({ data }) => {
        const part = data as {
          type?: string;
          delta?: { type?: string; text?: string; thinking?: string };
          choices?: Array<{ delta?: { content?: string | null; reasoning_content?: string } }>;
          error?: { message?: string };
        };
        let thinkingText = "";
        let text = "";
        if (part.type === "content_block_delta") {
          if (part.delta?.type === "thinking_delta") thinkingText = part.delta.thinking ?? "";
          if (part.delta?.type === "text_delta") text = part.delta.text ?? "";
        } else if (part.choices?.[0]?.delta) {
          thinkingText = part.choices[0].delta.reasoning_content ?? "";
          text = part.choices[0].delta.content ?? "";
        }
        if (part.error?.message) setError(part.error.message);
        if (!thinkingText && !text) return;
        firstTokenMs ??= Math.round(performance.now() - started);
        answer.thinking += thinkingText;
        answer.text += text;
        update();
      });
      answer.note = t("playground.timing", { firstToken: firstTokenMs ?? "—", total: Math.round(performance.now() - started) });
    } catch (failure) {
      if (abort.signal.aborted) answer.note = t("playground.stopped");
      else setError((failure as Error).message);
    } finally {
      update();
      setRunning(false);
      controller.current = undefined;
    }
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
      <Card className="h-fit">
        <CardContent className="grid gap-4 p-5">
          <div className="grid gap-1.5">
            <Label htmlFor="playground-key">{t("playground.key")}</Label>
            <Input id="playground-key" type="password" value={apiKey} onChange={(event) => rememberKey(event.target.value)} placeholder="sk-…" autoComplete="off" />
            <p className="text-xs text-muted-foreground">{t("playground.keyNote")}</p>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="playground-dialect">{t("playground.dialect")}</Label>
            <NativeSelect id="playground-dialect" value={dialect} onChange={(event) => setDialect(event.target.value as Dialect)}>
              <option value="anthropic">Anthropic · /v1/messages</option>
              <option value="openai">OpenAI · /v1/chat/completions</option>
            </NativeSelect>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="playground-model">{t("docs.model")}</Label>
            <NativeSelect id="playground-model" value={model} onChange={(event) => setModel(event.target.value)}>
              {models.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="flex items-center gap-3">
            <Switch id="playground-thinking" checked={thinking} onCheckedChange={setThinking} />
            <Label htmlFor="playground-thinking">{t("playground.thinking")}</Label>
          </div>
          <Button variant="outline" onClick={() => setTurns([])} disabled={running || turns.length === 0}>
            <Trash2Icon /> {t("playground.clear")}
          </Button>
        </CardContent>
      </Card>
      <div className="flex min-w-0 flex-col gap-4">
        <div className="space-y-4" data-testid="playground-transcript">
          {turns.length === 0 ? <p className="text-sm text-muted-foreground">{t("playground.empty")}</p> : null}
          {turns.map((turn, index) =>
            turn.role === "user" ? (
              <div key={index} className="ml-auto max-w-[85%] rounded-xl bg-primary px-4 py-2 whitespace-pre-wrap text-primary-foreground">
                {turn.text}
              </div>
            ) : (
              <div key={index} className="max-w-[95%] space-y-2">
                {turn.thinking ? (
                  <details open className="rounded-xl border border-dashed bg-muted/50 px-4 py-2 text-sm text-muted-foreground" data-testid="playground-thinking">
                    <summary className="flex cursor-pointer items-center gap-2 font-medium">
                      <BrainIcon className="size-4" /> {t("playground.thinkingLabel")}
                    </summary>
                    <p className="mt-2 whitespace-pre-wrap">{turn.thinking}</p>
                  </details>
                ) : null}
                {turn.text || (running && index === turns.length - 1) ? (
                  <div className="rounded-xl border bg-card px-4 py-2 whitespace-pre-wrap" data-testid="playground-answer">
                    {turn.text || "…"}
                  </div>
                ) : null}
                {turn.note ? <p className="text-xs text-muted-foreground">{turn.note}</p> : null}
              </div>
            ),
          )}
        </div>
        {error ? <Alert variant="destructive">{error}</Alert> : null}
        <form onSubmit={send} className="grid gap-2">
          <Textarea
            aria-label={t("playground.prompt")}
            value={prompt}
            onChange={(event) => setPrompt(event.target.value)}
            placeholder={apiKey ? t("playground.promptPlaceholder") : t("playground.needKey")}
            className="min-h-20 font-sans text-sm"
            onKeyDown={(event) => {
              if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) event.currentTarget.form?.requestSubmit();
            }}
          />
          <div className="flex gap-2">
            {running ? (
              <Button type="button" variant="destructive" onClick={() => controller.current?.abort()} data-testid="playground-stop">
                <SquareIcon /> {t("playground.stop")}
              </Button>
            ) : (
              <Button type="submit" disabled={!apiKey || !prompt.trim()} data-testid="playground-send">
                <SendIcon /> {t("playground.send")}
              </Button>
            )}
          </div>
        </form>
      </div>
    </div>
  );
}
