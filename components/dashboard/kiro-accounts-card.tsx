"use client";

import { ServerIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { apiRequest } from "../api-request";
import type { AdditionView, CredentialView } from "../api-types";
import { CredentialTable } from "../credential-table";
import { useTranslator } from "../locale-provider";
import { useResource } from "../use-resource";

/** Describes an addition's outcome in a sentence, with the first refusal's reason. */
export function describeAddition(result: AdditionView, t: ReturnType<typeof useTranslator>["t"]): string {
  const parts = [t("accounts.added", { count: result.added })];
  if (result.duplicates) parts.push(t("accounts.duplicates", { count: result.duplicates }));
  const reason = result.results.find((entry) => entry.error)?.error ?? result.parseErrors[0];
  if (result.invalid) parts.push(t("accounts.invalid", { count: result.invalid }) + (reason ? ` (${reason})` : ""));
  return `${parts.join(", ")}.`;
}

/** The user's donated Kiro accounts: donate (checked by a refresh), see status and quota, pause, share, remove. */
export function KiroAccountsCard() {
  const { t } = useTranslator();
  const credentials = useResource<{ credentials: CredentialView[] }>("/api/me/credentials");
  const [input, setInput] = useState("");
  const [visibility, setVisibility] = useState<"private" | "public">("private");
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; failed: boolean }>();

  const donate = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(undefined);
    try {
      const result = await apiRequest<AdditionView>("/api/me/credentials", { method: "POST", body: { credentials: input, visibility, ...(name.trim() ? { name } : {}) } });
      setMessage({ text: describeAddition(result, t), failed: result.added === 0 });
      if (result.added > 0) {
        setInput("");
        setName("");
      }
      await credentials.reload();
    } catch (failure) {
      setMessage({ text: (failure as Error).message, failed: true });
    } finally {
      setBusy(false);
    }
  };

  const act = async (path: string, method: string, body?: unknown) => {
    try {
      const result = await apiRequest<{ ok?: boolean; error?: string }>(path, { method, body });
      if (result && result.ok === false) setMessage({ text: result.error ?? t("accounts.refused"), failed: true });
      await credentials.reload();
    } catch (failure) {
      setMessage({ text: (failure as Error).message, failed: true });
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <ServerIcon className="size-4" /> {t("accounts.title")}
        </CardTitle>
        <CardDescription>
          {t("accounts.description")}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <form onSubmit={donate} className="grid gap-3">
          <div className="grid gap-1.5">
            <Label htmlFor="donate-input">{t("accounts.input")}</Label>
            <Textarea id="donate-input" value={input} onChange={(event) => setInput(event.target.value)} required placeholder='aorAAAA… or {"refreshToken": "…", "clientId": "…", "clientSecret": "…"}' autoComplete="off" spellCheck={false} />
          </div>
          <div className="flex flex-wrap items-end gap-3">
            <div className="grid min-w-40 flex-1 gap-1.5">
              <Label htmlFor="donate-name">{t("accounts.name")}</Label>
              <Input id="donate-name" value={name} onChange={(event) => setName(event.target.value)} maxLength={100} />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="donate-visibility">{t("accounts.visibility")}</Label>
              <NativeSelect id="donate-visibility" value={visibility} onChange={(event) => setVisibility(event.target.value as "private" | "public")}>
                <option value="private">{t("accounts.private")}</option>
                <option value="public">{t("accounts.public")}</option>
              </NativeSelect>
            </div>
            <Button type="submit" disabled={busy}>
              {busy ? t("accounts.checking") : t("accounts.add")}
            </Button>
          </div>
        </form>
        {message ? <Alert variant={message.failed ? "destructive" : "success"}>{message.text}</Alert> : null}
        {credentials.error ? <Alert variant="destructive">{credentials.error}</Alert> : null}
        {credentials.data ? (
          <CredentialTable
            credentials={credentials.data.credentials}
            actions={(credential) => (
              <>
                <Button variant="outline" size="sm" onClick={() => act(`/api/me/credentials/${credential.id}`, "PATCH", { enabled: !credential.enabled })}>
                  {credential.enabled ? t("accounts.pause") : t("accounts.resume")}
                </Button>
                <Button variant="outline" size="sm" onClick={() => act(`/api/me/credentials/${credential.id}`, "PATCH", { visibility: credential.visibility === "public" ? "private" : "public" })}>
                  {credential.visibility === "public" ? t("accounts.makePrivate") : t("accounts.makePublic")}
                </Button>
                <Button variant="outline" size="sm" onClick={() => act(`/api/me/credentials/${credential.id}/test`, "POST")}>
                  {t("accounts.check")}
                </Button>
                <Button
                  variant="destructive"
                  size="sm"
                  onClick={() => window.confirm(t("accounts.removeConfirm", { name: credential.name })) && act(`/api/me/credentials/${credential.id}`, "DELETE")}
                >
                  {t("accounts.remove")}
                </Button>
              </>
            )}
          />
        ) : null}
      </CardContent>
    </Card>
  );
}
