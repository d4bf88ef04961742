"use client";

import { CopyIcon, KeyRoundIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiRequest, formatDateTime, formatRelativeTime } from "../api-request";
import type { ApiKeyView } from "../api-types";
import { StatusBadge } from "../status-badge";
import { useResource } from "../use-resource";

/** The user's API keys: create one (shown once), see them, revoke them. */
export function ApiKeysCard() {
  const keys = useResource<{ keys: ApiKeyView[] }>("/api/me/keys");
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ key: string; usesOwnCredentials: boolean }>();
  const [copied, setCopied] = useState(false);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const result = await apiRequest<{ key: string; usesOwnCredentials: boolean }>("/api/me/keys", {
        method: "POST",
        body: { name, ...(expiry ? { expiresInDays: Number(expiry) } : {}) },
      });
      setCreated(result);
      setCopied(false);
      setName("");
      await keys.reload();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (key: ApiKeyView) => {
    if (!window.confirm(`Revoke "${key.name}"? Clients using it stop working at once.`)) return;
    try {
      await apiRequest(`/api/me/keys/${key.id}`, { method: "DELETE" });
      await keys.reload();
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <KeyRoundIcon className="size-4" /> API keys
        </CardTitle>
        <CardDescription>Use a key as the API key of Claude Code or any OpenAI or Anthropic client. A key is shown once, when it is created.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <form onSubmit={create} className="flex flex-wrap items-end gap-3">
          <div className="grid min-w-48 flex-1 gap-1.5">
            <Label htmlFor="key-name">Name</Label>
            <Input id="key-name" value={name} onChange={(event) => setName(event.target.value)} placeholder="laptop, CI, …" required maxLength={100} />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="key-expiry">Expires</Label>
            <NativeSelect id="key-expiry" value={expiry} onChange={(event) => setExpiry(event.target.value)}>
              <option value="">never</option>
              <option value="7">in 7 days</option>
              <option value="30">in 30 days</option>
              <option value="90">in 90 days</option>
              <option value="365">in a year</option>
            </NativeSelect>
          </div>
          <Button type="submit" disabled={busy}>
            Create key
          </Button>
        </form>
        {error ? <Alert variant="destructive">{error}</Alert> : null}
        {keys.error ? <Alert variant="destructive">{keys.error}</Alert> : null}
        {keys.data && keys.data.keys.length > 0 ? (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Key</TableHead>
                <TableHead>State</TableHead>
                <TableHead>Created</TableHead>
                <TableHead>Last used</TableHead>
                <TableHead>Expires</TableHead>
                <TableHead className="text-right">Actions</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {keys.data.keys.map((key) => (
                <TableRow key={key.id} data-testid={`api-key-${key.id}`}>
                  <TableCell className="font-medium">{key.name}</TableCell>
                  <TableCell className="font-mono text-xs">{key.displayPrefix}</TableCell>
                  <TableCell>
                    <StatusBadge status={key.state} />
                  </TableCell>
                  <TableCell title={formatDateTime(key.createdAt)}>{formatRelativeTime(key.createdAt)}</TableCell>
                  <TableCell>{formatRelativeTime(key.lastUsedAt)}</TableCell>
                  <TableCell>{key.expiresAt ? formatDateTime(key.expiresAt) : "never"}</TableCell>
                  <TableCell className="text-right">
                    {key.state === "active" ? (
                      <Button variant="outline" size="sm" onClick={() => revoke(key)}>
                        Revoke
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : keys.data ? (
          <p className="text-sm text-muted-foreground">No keys yet.</p>
        ) : null}
      </CardContent>
      <Dialog open={created !== undefined} onOpenChange={(open) => !open && setCreated(undefined)}>
        <DialogContent>
          <DialogTitle>Your new API key</DialogTitle>
          <DialogDescription>Copy it now: it is not stored and will not be shown again.</DialogDescription>
          <code className="block rounded-md bg-muted p-3 font-mono text-sm break-all" data-testid="created-key">
            {created?.key}
          </code>
          <p className="text-sm text-muted-foreground">
            {created?.usesOwnCredentials ? "It uses your own Kiro accounts first, then the shared pool." : "You have no Kiro account of your own yet, so it uses the shared pool (unless the admin allows own accounts only)."}
          </p>
          <Button
            onClick={async () => {
              await navigator.clipboard?.writeText(created?.key ?? "").catch(() => undefined);
              setCopied(true);
            }}
          >
            <CopyIcon /> {copied ? "Copied" : "Copy"}
          </Button>
        </DialogContent>
      </Dialog>
    </Card>
  );
}
