"use client";

import { KeyRoundIcon, LogInIcon } from "lucide-react";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { MessageKey } from "@/lib/i18n/messages";
import { apiRequest, formatCount } from "../api-request";
import type { ApiKeyView } from "../api-types";
import { CopyButton } from "../copy-button";
import { useTranslator } from "../locale-provider";
import { useResource } from "../use-resource";
import { buildClientSetups } from "./client-setups";
import { docsErrorRows } from "./error-table";
import { KeyTest } from "./key-test";

/** A served model as the docs page lists it. */
export type DocsModel = { id: string; displayName: string; contextWindowTokens: number; cursorAlias: string };

/** What the server tells the docs page. */
export type DocsViewProps = {
  baseUrl: string;
  signedIn: boolean;
  /** PROXY_API_KEY, only when the admin lets this viewer see it. */
  proxyKey?: string;
  models: DocsModel[];
};

/** Where the key filled into the snippets comes from. */
type KeyChoice = { source: "placeholder" | "created" | "pasted" | "proxy"; value: string };

const placeholderKey = "YOUR_API_KEY";
const placeLabels: Record<string, MessageKey> = { shell: "setup.place.shell", python: "setup.place.python", typescript: "setup.place.typescript", settings: "setup.place.settings" };
const defaultModel = "claude-sonnet-4-6";

/** The docs page's interactive part: key and model choice, copy-ready setups, the key test, reference tables. */
export function DocsView({ baseUrl, signedIn, proxyKey, models }: DocsViewProps) {
  const { t } = useTranslator();
  const [key, setKey] = useState<KeyChoice>(proxyKey ? { source: "proxy", value: proxyKey } : { source: "placeholder", value: placeholderKey });
  const [pasted, setPasted] = useState("");
  const [model, setModel] = useState(models.some((entry) => entry.id === defaultModel) ? defaultModel : (models[0]?.id ?? defaultModel));
  const [error, setError] = useState<string>();
  const [creating, setCreating] = useState(false);
  const ownKeys = useResource<{ keys: ApiKeyView[] }>(signedIn ? "/api/me/keys" : null);
  const cursorModel = models.find((entry) => entry.id === model)?.cursorAlias ?? `kirogate:${model.replace(/^claude-/, "")}`;
  const setups = useMemo(() => buildClientSetups({ baseUrl, apiKey: key.value, model, cursorModel }), [baseUrl, key.value, model, cursorModel]);
  const liveKeys = signedIn ? (ownKeys.data?.keys ?? []).filter((entry) => entry.state === "active") : [];

  const createKey = async () => {
    setCreating(true);
    setError(undefined);
    try {
      const created = await apiRequest<{ key: string }>("/api/me/keys", { method: "POST", body: { name: t("docs.keyNameForDocs", { date: new Date().toISOString().slice(0, 10) }) } });
      setKey({ source: "created", value: created.key });
      await ownKeys.reload();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setCreating(false);
    }
  };

  return (
    <div className="space-y-8">
      <Card>
        <CardHeader>
          <CardTitle>{t("docs.baseUrl")}</CardTitle>
          <CardDescription>{t("docs.baseUrlDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap items-center gap-3">
          <code id="docs-base-url" className="rounded-md bg-muted px-3 py-2 font-mono text-sm break-all" data-testid="docs-base-url">
            {baseUrl}
          </code>
          <CopyButton text={baseUrl} testId="copy-base-url" targetId="docs-base-url" />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            <KeyRoundIcon className="size-4" /> {t("docs.yourKey")}
          </CardTitle>
          <CardDescription>{signedIn ? t("docs.keySignedIn") : t("docs.keyAnonymous")}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <div className="flex flex-wrap items-center gap-3">
            <code id="docs-key" className="rounded-md bg-muted px-3 py-2 font-mono text-sm break-all" data-testid="docs-key">
              {key.value}
            </code>
            {key.source === "placeholder" ? null : <CopyButton text={key.value} testId="copy-docs-key" targetId="docs-key" />}
            {key.source === "created" ? <span className="text-sm text-muted-foreground">{t("docs.keyCreatedNote")}</span> : null}
            {key.source === "proxy" ? <span className="text-sm text-muted-foreground">{t("docs.proxyKeyNote")}</span> : null}
          </div>
          {signedIn ? (
            <div className="flex flex-wrap items-end gap-3">
              <Button onClick={createKey} disabled={creating} data-testid="docs-create-key">
                {t("docs.createKey")}
              </Button>
              <div className="grid min-w-64 flex-1 gap-1.5">
                <Label htmlFor="docs-paste-key">{t("docs.pasteKey")}</Label>
                <div className="flex gap-2">
                  <Input id="docs-paste-key" value={pasted} onChange={(event) => setPasted(event.target.value)} placeholder="sk-…" autoComplete="off" spellCheck={false} />
                  <Button variant="outline" disabled={!pasted.trim()} onClick={() => setKey({ source: "pasted", value: pasted.trim() })}>
                    {t("docs.useKey")}
                  </Button>
                </div>
              </div>
              {proxyKey ? (
                <Button variant="outline" onClick={() => setKey({ source: "proxy", value: proxyKey })}>
                  {t("docs.useProxyKey")}
                </Button>
              ) : null}
            </div>
          ) : (
            <div className="flex flex-wrap gap-3">
              <Button asChild>
                <Link href="/login">
                  <LogInIcon /> {t("docs.signInForKey")}
                </Link>
              </Button>
            </div>
          )}
          {liveKeys.length > 0 ? (
            <p className="text-sm text-muted-foreground">
              {t("docs.existingKeys", { keys: liveKeys.map((entry) => `${entry.name} (${entry.displayPrefix})`).join(", ") })}
            </p>
          ) : null}
          {error ? <Alert variant="destructive">{error}</Alert> : null}
          <div className="grid max-w-sm gap-1.5">
            <Label htmlFor="docs-model">{t("docs.model")}</Label>
            <NativeSelect id="docs-model" value={model} onChange={(event) => setModel(event.target.value)}>
              {models.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.id}
                </option>
              ))}
            </NativeSelect>
          </div>
        </CardContent>
      </Card>

      <KeyTest apiKey={key.source === "placeholder" ? undefined : key.value} model={model} />

      <section className="space-y-4">
        <h2 className="text-xl font-semibold tracking-tight">{t("docs.setups")}</h2>
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          {setups.map((setup) => (
            <Card key={setup.id} data-testid={`setup-${setup.id}`} className="min-w-0">
              <CardHeader className="flex-row items-start justify-between gap-3">
                <div className="space-y-1">
                  <CardTitle>{setup.title}</CardTitle>
                  <CardDescription className="font-mono text-xs">{setup.place in placeLabels ? t(placeLabels[setup.place]) : setup.place}</CardDescription>
                </div>
                <CopyButton text={setup.code} testId={`copy-${setup.id}`} targetId={`snippet-${setup.id}`} />
              </CardHeader>
              <CardContent className="space-y-2">
                <pre id={`snippet-${setup.id}`} className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs leading-relaxed" data-testid={`snippet-${setup.id}`}>
                  {setup.code}
                </pre>
                {setup.note ? <p className="text-sm text-muted-foreground">{t(setup.note)}</p> : null}
              </CardContent>
            </Card>
          ))}
        </div>
      </section>

      <ReferenceTables models={models} />
    </div>
  );
}

/** A two-column table: a monospaced name and what it means. */
function PairTable({ rows }: { rows: Array<[string, string]> }) {
  return (
    <Table>
      <TableBody>
        {rows.map(([name, meaning]) => (
          <TableRow key={name}>
            <TableCell className="font-mono text-xs">{name}</TableCell>
            <TableCell className="whitespace-normal">{meaning}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ReferenceTables({ models }: { models: DocsModel[] }) {
  const { t } = useTranslator();
  const endpoints: Array<[string, string]> = [
    ["POST /v1/messages", t("docs.endpoint.messages")],
    ["POST /v1/messages/count_tokens", t("docs.endpoint.countTokens")],
    ["POST /v1/chat/completions", t("docs.endpoint.chat")],
    ["GET /v1/models", t("docs.endpoint.models")],
    ["GET /v1/models/{model}", t("docs.endpoint.model")],
    ["GET /health", t("docs.endpoint.health")],
    ["GET /openapi.json", t("docs.endpoint.openapi")],
  ];
  const keyFormats: Array<[string, string]> = [
    ["sk-…", t("docs.keyFormat.user")],
    ["PROXY_API_KEY", t("docs.keyFormat.proxy")],
    ["PROXY_API_KEY:REFRESH_TOKEN", t("docs.keyFormat.own")],
  ];
  const errors = docsErrorRows();
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
      <Card className="xl:col-span-2">
        <CardHeader>
          <CardTitle>{t("docs.models")}</CardTitle>
          <CardDescription>{t("docs.modelsDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          <Table data-testid="docs-models">
            <TableHeader>
              <TableRow>
                <TableHead>{t("docs.modelId")}</TableHead>
                <TableHead>{t("docs.modelName")}</TableHead>
                <TableHead>{t("docs.contextWindow")}</TableHead>
                <TableHead>{t("docs.cursorAlias")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {models.map((entry) => (
                <TableRow key={entry.id}>
                  <TableCell className="font-mono text-xs">{entry.id}</TableCell>
                  <TableCell>{entry.displayName}</TableCell>
                  <TableCell>{formatCount(entry.contextWindowTokens)}</TableCell>
                  <TableCell className="font-mono text-xs">{entry.cursorAlias}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      <div className="contents">
        <Card>
          <CardHeader>
            <CardTitle>{t("docs.endpoints")}</CardTitle>
            <CardDescription>
              <Link className="underline" href="/docs/api">
                {t("docs.apiReferenceLink")}
              </Link>
            </CardDescription>
          </CardHeader>
          <CardContent>
            <PairTable rows={endpoints} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("docs.keyFormats")}</CardTitle>
            <CardDescription>{t("docs.keyFormatsDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            <PairTable rows={keyFormats} />
          </CardContent>
        </Card>
      </div>
      <Card className="xl:col-span-2">
        <CardHeader>
          <CardTitle>{t("docs.errors")}</CardTitle>
          <CardDescription>{t("docs.errorsDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>HTTP</TableHead>
                <TableHead>{t("docs.errorTypeAnthropic")}</TableHead>
                <TableHead>{t("docs.errorTypeOpenai")}</TableHead>
                <TableHead>{t("docs.errorMeaning")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {errors.map((row) => (
                <TableRow key={row.meaning} data-testid={`docs-error-${row.anthropicStatus}`}>
                  <TableCell className="font-mono">
                    {row.anthropicStatus}
                    {row.openaiStatus === row.anthropicStatus ? null : <span className="block text-xs text-muted-foreground">{t("docs.errorOpenaiStatus", { status: row.openaiStatus })}</span>}
                  </TableCell>
                  <TableCell className="font-mono text-xs">{row.anthropicType}</TableCell>
                  <TableCell className="font-mono text-xs">{row.openaiType}</TableCell>
                  <TableCell className="whitespace-normal">{t(row.meaning)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}
