"use client";

import { CheckIcon, CopyIcon, KeyRoundIcon, TriangleAlertIcon } from "lucide-react";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ApiKeyTable } from "../api-key-table";
import { apiRequest } from "../api-request";
import { useCopy } from "../copy-to-clipboard";
import type { ApiKeyView } from "../api-types";
import { useTranslator } from "../locale-provider";
import { useResource } from "../use-resource";

/** The user's API keys: create one (shown once), see them, revoke them. */
export function ApiKeysCard() {
  const { t } = useTranslator();
  const keys = useResource<{ keys: ApiKeyView[] }>("/api/me/keys");
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ key: string; usesOwnCredentials: boolean }>();
  const { state: copyState, copy, reset: resetCopy } = useCopy();
  const createdKey = useRef<HTMLElement>(null);
  const copyButton = useRef<HTMLButtonElement>(null);

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
      resetCopy();
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
          <ApiKeyTable keys={keys.data.keys} onRevoke={revoke} />
        ) : keys.data ? (
          <p className="text-sm text-muted-foreground">{t("keys.none")}</p>
        ) : null}
      </CardContent>
      <Dialog open={created !== undefined} onOpenChange={(open) => !open && setCreated(undefined)}>
        <DialogContent>
          <DialogTitle>{t("keys.createdTitle")}</DialogTitle>
          <DialogDescription>{t("keys.createdDescription")}</DialogDescription>
          <code ref={createdKey} className="block rounded-md bg-muted p-3 font-mono text-sm break-all select-all" data-testid="created-key">
            {created?.key}
          </code>
          <p className="text-sm text-muted-foreground">
            {created?.usesOwnCredentials ? t("keys.usesOwn") : t("keys.usesPool")}
          </p>
          <Button ref={copyButton} onClick={() => copy(created?.key ?? "", { target: createdKey.current, container: copyButton.current?.parentElement })} data-testid="copy-created-key">
            {copyState === "copied" ? <CheckIcon /> : copyState === "failed" ? <TriangleAlertIcon /> : <CopyIcon />}{" "}
            {copyState === "copied" ? t("common.copied") : copyState === "failed" ? t("common.copyFailedShort") : t("common.copy")}
          </Button>
          {copyState === "failed" ? (
            <Alert variant="destructive" data-testid="copy-created-key-failed">
              {t("common.copyFailed")}
            </Alert>
          ) : null}
        </DialogContent>
      </Dialog>
    </Card>
  );
}
