"use client";

import { useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiRequest, formatCount, formatRelativeTime } from "./api-request";
import type { AdditionView, CredentialView } from "./api-types";
import { useResource } from "./use-resource";
import { useTranslator } from "./locale-provider";
import { StatusBadge } from "./status-badge";

/**
 * The state a person cares about: paused or retired beats the pool status, and a rest that has
 * ended shows as active (the pool serves from it again; the row is updated at its next use).
 */
export function credentialState(credential: CredentialView, now = Date.now()): string {
  if (credential.retired) return "retired";
  if (!credential.enabled) return "paused";
  if ((credential.status === "cooling" || credential.status === "exhausted") && credential.availableAt !== null && credential.availableAt <= now) return "active";
  return credential.status;
}

/**
 * Kiro credentials as a table: name and kind, owner (when `showOwner`), visibility, state, quota,
 * figures; `actions` renders each row's buttons. Secrets are never in the data, only a fingerprint.
 */
export function CredentialTable({ credentials, showOwner = false, actions }: { credentials: CredentialView[]; showOwner?: boolean; actions: (credential: CredentialView) => ReactNode }) {
  const { t, locale } = useTranslator();
  if (credentials.length === 0) return <p className="text-sm text-muted-foreground">{t("accounts.none")}</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("table.name")}</TableHead>
          {showOwner ? <TableHead>{t("table.owner")}</TableHead> : null}
          <TableHead>{t("accounts.visibility")}</TableHead>
          <TableHead>{t("table.state")}</TableHead>
          <TableHead>{t("table.quotaLeft")}</TableHead>
          <TableHead>{t("table.requests")}</TableHead>
          <TableHead>{t("table.failures")}</TableHead>
          <TableHead>{t("table.credits")}</TableHead>
          <TableHead>{t("table.lastUsed")}</TableHead>
          <TableHead className="text-right">{t("table.actions")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {credentials.map((credential) => (
          <TableRow key={credential.id} data-testid={`credential-${credential.id}`}>
            <TableCell>
              <div className="font-medium">{credential.name}</div>
              <div className="font-mono text-xs text-muted-foreground" title={t("accounts.fingerprint")}>
                #{credential.id} · {credential.kind} · {credential.fingerprint}
              </div>
              {credential.lastError ? (
                <div className="max-w-64 truncate text-xs text-destructive" title={credential.lastError}>
                  {credential.lastError}
                </div>
              ) : null}
            </TableCell>
            {showOwner ? <TableCell>{credential.ownerLogin ?? <span className="text-muted-foreground">{t("table.operator")}</span>}</TableCell> : null}
            <TableCell>
              <StatusBadge status={credential.visibility} />
            </TableCell>
            <TableCell>
              <StatusBadge status={credentialState(credential)} />
            </TableCell>
            <TableCell>{credential.quota ? `${formatCount(credential.quota.remaining)} / ${formatCount(credential.quota.limit)}` : "—"}</TableCell>
            <TableCell>{formatCount(credential.figures.requests)}</TableCell>
            <TableCell>{formatCount(credential.figures.failures)}</TableCell>
            <TableCell>{formatCount(credential.figures.credits)}</TableCell>
            <TableCell>{formatRelativeTime(credential.figures.lastUsedAt, locale)}</TableCell>
            <TableCell className="text-right">
              <div className="flex justify-end gap-1">{actions(credential)}</div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Describes an addition's outcome in a sentence, with the first refusal's reason. */
export function describeAddition(result: AdditionView, t: ReturnType<typeof useTranslator>["t"]): string {
  const parts = [t("accounts.added", { count: result.added })];
  if (result.duplicates) parts.push(t("accounts.duplicates", { count: result.duplicates }));
  const reason = result.results.find((entry) => entry.error)?.error ?? result.parseErrors[0];
  if (result.invalid) parts.push(t("accounts.invalid", { count: result.invalid }) + (reason ? ` (${reason})` : ""));
  return `${parts.join(", ")}.`;
}

type Message = { text: string; failed: boolean };

/**
 * The credentials under `basePath` (`/api/me/credentials` or `/api/admin/credentials`) and what is
 * done to them: `add` (POST, reported as a sentence), `act` on one (its path suffix, method, body;
 * a `{ok: false}` answer is shown as the failure), and the last outcome in `message`.
 */
export function useCredentials(basePath: string) {
  const { t } = useTranslator();
  const credentials = useResource<{ credentials: CredentialView[] }>(basePath);
  const [message, setMessage] = useState<Message>();
  const [busy, setBusy] = useState(false);

  const add = async (body: unknown): Promise<boolean> => {
    setBusy(true);
    setMessage(undefined);
    try {
      const result = await apiRequest<AdditionView>(basePath, { method: "POST", body });
      setMessage({ text: describeAddition(result, t), failed: result.added === 0 });
      await credentials.reload();
      return result.added > 0;
    } catch (failure) {
      setMessage({ text: (failure as Error).message, failed: true });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const act = async (credential: CredentialView, suffix: string, method: string, body?: unknown) => {
    try {
      const result = await apiRequest<{ ok?: boolean; error?: string }>(`${basePath}/${credential.id}${suffix}`, { method, body });
      setMessage(result?.ok === false ? { text: result.error ?? t("accounts.refused"), failed: true } : result?.ok ? { text: t("common.done"), failed: false } : undefined);
      await credentials.reload();
    } catch (failure) {
      setMessage({ text: (failure as Error).message, failed: true });
    }
  };

  const feedback = (
    <>
      {message ? <Alert variant={message.failed ? "destructive" : "success"}>{message.text}</Alert> : null}
      {credentials.error ? <Alert variant="destructive">{credentials.error}</Alert> : null}
    </>
  );
  return { credentials: credentials.data?.credentials, add, act, busy, feedback };
}

/**
 * Whether a credential's visibility may be switched. "Private" means "serves only its owner's
 * keys", so an operator credential (no owner) made private would serve nobody: it is never offered.
 * An ownerless one that is already private (set before this rule) may still be made public again.
 */
export function canChangeVisibility(credential: Pick<CredentialView, "ownerUserId" | "visibility">): boolean {
  return credential.ownerUserId !== null || credential.visibility === "private";
}

/**
 * A credential row's buttons. Owners pause, share, check and remove; the admin also reactivates a
 * resting or suspended credential and forces a refresh.
 */
export function CredentialActions({ credential, act, admin = false }: { credential: CredentialView; act: ReturnType<typeof useCredentials>["act"]; admin?: boolean }) {
  const { t } = useTranslator();
  const button = (label: string, run: () => void, variant: "outline" | "destructive" = "outline") => (
    <Button variant={variant} size="sm" onClick={run}>
      {label}
    </Button>
  );
  const toggleLabel = admin ? (credential.enabled ? t("credentials.disable") : t("credentials.enable")) : credential.enabled ? t("accounts.pause") : t("accounts.resume");
  return (
    <>
      {button(toggleLabel, () => act(credential, "", "PATCH", { enabled: !credential.enabled }))}
      {admin && credential.status !== "active" ? button(t("credentials.reactivate"), () => act(credential, "", "PATCH", { status: "active" })) : null}
      {canChangeVisibility(credential) ? button(credential.visibility === "public" ? t("accounts.makePrivate") : t("accounts.makePublic"), () => act(credential, "", "PATCH", { visibility: credential.visibility === "public" ? "private" : "public" })) : null}
      {button(admin ? t("credentials.test") : t("accounts.check"), () => act(credential, "/test", "POST"))}
      {admin ? button(t("credentials.refresh"), () => act(credential, "/refresh", "POST")) : null}
      {button(
        admin ? t("credentials.delete") : t("accounts.remove"),
        () => window.confirm(t(admin ? "credentials.deleteConfirm" : "accounts.removeConfirm", { name: credential.name })) && act(credential, "", "DELETE"),
        "destructive",
      )}
    </>
  );
}
