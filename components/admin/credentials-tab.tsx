"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Textarea } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { apiRequest } from "../api-request";
import type { AdditionView, CredentialView } from "../api-types";
import { CredentialTable } from "../credential-table";
import { describeAddition } from "../dashboard/kiro-accounts-card";
import { useTranslator } from "../locale-provider";
import { useResource } from "../use-resource";

/** Credentials: all of them with owner and figures; add or import, enable, disable, test, refresh, share, delete. */
export function CredentialsTab() {
  const { t } = useTranslator();
  const credentials = useResource<{ credentials: CredentialView[] }>("/api/admin/credentials");
  const [input, setInput] = useState("");
  const [validate, setValidate] = useState(true);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; failed: boolean }>();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(undefined);
    try {
      const result = await apiRequest<AdditionView>("/api/admin/credentials", { method: "POST", body: { credentials: input, validate } });
      setMessage({ text: describeAddition(result, t), failed: result.added === 0 });
      if (result.added > 0) setInput("");
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
      setMessage(result && result.ok === false ? { text: result.error ?? t("accounts.refused"), failed: true } : result && result.ok ? { text: t("common.done"), failed: false } : undefined);
      await credentials.reload();
    } catch (failure) {
      setMessage({ text: (failure as Error).message, failed: true });
    }
  };

  return (
    <div className="space-y-4">
      <Card>
        <CardHeader>
          <CardTitle>{t("credentials.addTitle")}</CardTitle>
          <CardDescription>{t("credentials.addDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={add} className="grid gap-3">
            <Textarea aria-label={t("credentials.input")} value={input} onChange={(event) => setInput(event.target.value)} required autoComplete="off" spellCheck={false} placeholder='[{"refreshToken": "…"}, {"refreshToken": "…", "clientId": "…", "clientSecret": "…"}]' />
            <div className="flex flex-wrap items-center gap-3">
              <Switch id="validate" checked={validate} onCheckedChange={setValidate} />
              <Label htmlFor="validate">{t("credentials.validate")}</Label>
              <Button type="submit" disabled={busy} className="ml-auto">
                {busy ? t("credentials.adding") : t("credentials.add")}
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>
      {message ? <Alert variant={message.failed ? "destructive" : "success"}>{message.text}</Alert> : null}
      {credentials.error ? <Alert variant="destructive">{credentials.error}</Alert> : null}
      {credentials.data ? (
        <CredentialTable
          credentials={credentials.data.credentials}
          showOwner
          actions={(credential) => (
            <>
              <Button variant="outline" size="sm" onClick={() => act(`/api/admin/credentials/${credential.id}`, "PATCH", { enabled: !credential.enabled })}>
                {credential.enabled ? t("credentials.disable") : t("credentials.enable")}
              </Button>
              {credential.status !== "active" ? (
                <Button variant="outline" size="sm" onClick={() => act(`/api/admin/credentials/${credential.id}`, "PATCH", { status: "active" })}>
                  {t("credentials.reactivate")}
                </Button>
              ) : null}
              <Button variant="outline" size="sm" onClick={() => act(`/api/admin/credentials/${credential.id}/test`, "POST")}>
                {t("credentials.test")}
              </Button>
              <Button variant="outline" size="sm" onClick={() => act(`/api/admin/credentials/${credential.id}/refresh`, "POST")}>
                {t("credentials.refresh")}
              </Button>
              <Button variant="outline" size="sm" onClick={() => act(`/api/admin/credentials/${credential.id}`, "PATCH", { visibility: credential.visibility === "public" ? "private" : "public" })}>
                {credential.visibility === "public" ? t("accounts.makePrivate") : t("accounts.makePublic")}
              </Button>
              <Button
                variant="destructive"
                size="sm"
                onClick={() => window.confirm(t("credentials.deleteConfirm", { name: credential.name })) && act(`/api/admin/credentials/${credential.id}`, "DELETE")}
              >
                {t("credentials.delete")}
              </Button>
            </>
          )}
        />
      ) : null}
    </div>
  );
}
