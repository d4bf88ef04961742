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
import { useResource } from "../use-resource";

/** Describes an addition's outcome in a sentence, with the first refusal's reason. */
export function describeAddition(result: AdditionView): string {
  const parts = [`${result.added} added`];
  if (result.duplicates) parts.push(`${result.duplicates} already there`);
  if (result.invalid) parts.push(`${result.invalid} refused by Kiro${result.results.find((entry) => entry.error) ? ` (${result.results.find((entry) => entry.error)?.error})` : ""}`);
  return `${parts.join(", ")}.`;
}

/** The user's donated Kiro accounts: donate (checked by a refresh), see status and quota, pause, share, remove. */
export function KiroAccountsCard() {
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
      setMessage({ text: describeAddition(result), failed: result.added === 0 });
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
      if (result && result.ok === false) setMessage({ text: result.error ?? "Kiro refused the account.", failed: true });
      await credentials.reload();
    } catch (failure) {
      setMessage({ text: (failure as Error).message, failed: true });
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <ServerIcon className="size-4" /> My Kiro accounts
        </CardTitle>
        <CardDescription>
          Paste a Kiro refresh token or the Kiro credentials JSON (social or IdC). It is checked with Kiro before it is saved, and stored encrypted. Private accounts serve only your keys;
          public ones join the shared pool.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <form onSubmit={donate} className="grid gap-3">
          <div className="grid gap-1.5">
            <Label htmlFor="donate-input">Refresh token or credentials JSON</Label>
            <Textarea id="donate-input" value={input} onChange={(event) => setInput(event.target.value)} required placeholder='aorAAAA… or {"refreshToken": "…", "clientId": "…", "clientSecret": "…"}' autoComplete="off" spellCheck={false} />
          </div>
          <div className="flex flex-wrap items-end gap-3">
            <div className="grid min-w-40 flex-1 gap-1.5">
              <Label htmlFor="donate-name">Name (optional)</Label>
              <Input id="donate-name" value={name} onChange={(event) => setName(event.target.value)} maxLength={100} />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="donate-visibility">Visibility</Label>
              <NativeSelect id="donate-visibility" value={visibility} onChange={(event) => setVisibility(event.target.value as "private" | "public")}>
                <option value="private">private — only my keys</option>
                <option value="public">public — the shared pool</option>
              </NativeSelect>
            </div>
            <Button type="submit" disabled={busy}>
              {busy ? "Checking with Kiro…" : "Add account"}
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
                  {credential.enabled ? "Pause" : "Resume"}
                </Button>
                <Button variant="outline" size="sm" onClick={() => act(`/api/me/credentials/${credential.id}`, "PATCH", { visibility: credential.visibility === "public" ? "private" : "public" })}>
                  Make {credential.visibility === "public" ? "private" : "public"}
                </Button>
                <Button variant="outline" size="sm" onClick={() => act(`/api/me/credentials/${credential.id}/test`, "POST")}>
                  Check
                </Button>
                <Button
                  variant="destructive"
                  size="sm"
                  onClick={() => window.confirm(`Remove "${credential.name}"? Its tokens are deleted from the gateway.`) && act(`/api/me/credentials/${credential.id}`, "DELETE")}
                >
                  Remove
                </Button>
              </>
            )}
          />
        ) : null}
      </CardContent>
    </Card>
  );
}
