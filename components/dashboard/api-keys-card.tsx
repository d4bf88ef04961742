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
import { useTranslator } from "../locale-provider";
import { useResource } from "../use-resource";

/** The user's API keys: create one (shown once), see them, revoke them. */
export function ApiKeysCard() {
  const { t, locale } = useTranslator();
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
    if (!window.confirm(t("keys.revokeConfirm", { name: key.name }))) return;
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
          <KeyRoundIcon className="size-4" /> {t("keys.title")}
        </CardTitle>
        <CardDescription>{t("keys.description")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <form onSubmit={create} className="flex flex-wrap items-end gap-3">
          <div className="grid min-w-48 flex-1 gap-1.5">
            <Label htmlFor="key-name">{t("keys.name")}</Label>
            <Input id="key-name" value={name} onChange={(event) => setName(event.target.value)} placeholder={t("keys.namePlaceholder")} required maxLength={100} />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="key-expiry">{t("keys.expires")}</Label>
            <NativeSelect id="key-expiry" value={expiry} onChange={(event) => setExpiry(event.target.value)}>
              <option value="">{t("keys.never")}</option>
              <option value="7">{t("keys.inDays", { days: 7 })}</option>
              <option value="30">{t("keys.inDays", { days: 30 })}</option>
              <option value="90">{t("keys.inDays", { days: 90 })}</option>
              <option value="365">{t("keys.inDays", { days: 365 })}</option>
            </NativeSelect>
          </div>
          <Button type="submit" disabled={busy}>
            {t("keys.create")}
          </Button>
        </form>
        {error ? <Alert variant="destructive">{error}</Alert> : null}
        {keys.error ? <Alert variant="destructive">{keys.error}</Alert> : null}
        {keys.data && keys.data.keys.length > 0 ? (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("keys.name")}</TableHead>
                <TableHead>{t("keys.key")}</TableHead>
                <TableHead>{t("table.state")}</TableHead>
                <TableHead>{t("table.created")}</TableHead>
                <TableHead>{t("table.lastUsed")}</TableHead>
                <TableHead>{t("keys.expires")}</TableHead>
                <TableHead className="text-right">{t("table.actions")}</TableHead>
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
                  <TableCell title={formatDateTime(key.createdAt, locale)}>{formatRelativeTime(key.createdAt, locale)}</TableCell>
                  <TableCell>{formatRelativeTime(key.lastUsedAt, locale)}</TableCell>
                  <TableCell>{key.expiresAt ? formatDateTime(key.expiresAt, locale) : t("keys.never")}</TableCell>
                  <TableCell className="text-right">
                    {key.state === "active" ? (
                      <Button variant="outline" size="sm" onClick={() => revoke(key)}>
                        {t("keys.revoke")}
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : keys.data ? (
          <p className="text-sm text-muted-foreground">{t("keys.none")}</p>
        ) : null}
      </CardContent>
      <Dialog open={created !== undefined} onOpenChange={(open) => !open && setCreated(undefined)}>
        <DialogContent>
          <DialogTitle>{t("keys.createdTitle")}</DialogTitle>
          <DialogDescription>{t("keys.createdDescription")}</DialogDescription>
          <code className="block rounded-md bg-muted p-3 font-mono text-sm break-all" data-testid="created-key">
            {created?.key}
          </code>
          <p className="text-sm text-muted-foreground">
            {created?.usesOwnCredentials ? t("keys.usesOwn") : t("keys.usesPool")}
          </p>
          <Button
            onClick={async () => {
              await navigator.clipboard?.writeText(created?.key ?? "").catch(() => undefined);
              setCopied(true);
            }}
          >
            <CopyIcon /> {copied ? t("common.copied") : t("common.copy")}
          </Button>
        </DialogContent>
      </Dialog>
    </Card>
  );
}
