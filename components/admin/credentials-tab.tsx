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
import { useResource } from "../use-resource";

/** Credentials: all of them with owner and figures; add or import, enable, disable, test, refresh, share, delete. */
export function CredentialsTab() {
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
      setMessage({ text: describeAddition(result), failed: result.added === 0 });
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
      setMessage(result && result.ok === false ? { text: result.error ?? "Kiro refused the account.", failed: true } : result && result.ok ? { text: "Done.", failed: false } : undefined);
      await credentials.reload();
    } catch (failure) {
      setMessage({ text: (failure as Error).message, failed: true });
    }
  };

  return (
    <div className="space-y-4">
      <Card>
        <CardHeader>
          <CardTitle>Add or import</CardTitle>
          <CardDescription>One refresh token, a Kiro credentials JSON object, or a JSON array of them (up to 500). Operator accounts are public.</CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={add} className="grid gap-3">
            <Textarea aria-label="Credentials" value={input} onChange={(event) => setInput(event.target.value)} required autoComplete="off" spellCheck={false} placeholder='[{"refreshToken": "…"}, {"refreshToken": "…", "clientId": "…", "clientSecret": "…"}]' />
            <div className="flex flex-wrap items-center gap-3">
              <Switch id="validate" checked={validate} onCheckedChange={setValidate} />
              <Label htmlFor="validate">Check each with a refresh before saving</Label>
              <Button type="submit" disabled={busy} className="ml-auto">
                {busy ? "Adding…" : "Add"}
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
                {credential.enabled ? "Disable" : "Enable"}
              </Button>
              {credential.status !== "active" ? (
                <Button variant="outline" size="sm" onClick={() => act(`/api/admin/credentials/${credential.id}`, "PATCH", { status: "active" })}>
                  Reactivate
                </Button>
              ) : null}
              <Button variant="outline" size="sm" onClick={() => act(`/api/admin/credentials/${credential.id}/test`, "POST")}>
                Test
              </Button>
              <Button variant="outline" size="sm" onClick={() => act(`/api/admin/credentials/${credential.id}/refresh`, "POST")}>
                Refresh
              </Button>
              <Button variant="outline" size="sm" onClick={() => act(`/api/admin/credentials/${credential.id}`, "PATCH", { visibility: credential.visibility === "public" ? "private" : "public" })}>
                {credential.visibility === "public" ? "Make private" : "Make public"}
              </Button>
              <Button
                variant="destructive"
                size="sm"
                onClick={() => window.confirm(`Delete "${credential.name}"?`) && act(`/api/admin/credentials/${credential.id}`, "DELETE")}
              >
                Delete
              </Button>
            </>
          )}
        />
      ) : null}
    </div>
  );
}
