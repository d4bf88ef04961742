"use client";

import type { ReactNode } from "react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCount, formatRelativeTime } from "./api-request";
import type { CredentialView } from "./api-types";
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
