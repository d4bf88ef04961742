"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiRequest, formatDateTime, formatRelativeTime } from "../api-request";
import type { AdminApiKeyView } from "../api-types";
import { StatusBadge } from "../status-badge";
import { useTranslator } from "../locale-provider";
import { useResource } from "../use-resource";

/** API keys: every user's keys (prefix only); revoke. */
export function KeysTab() {
  const { t, locale } = useTranslator();
  const keys = useResource<{ keys: AdminApiKeyView[] }>("/api/admin/keys");
  const [error, setError] = useState<string>();
  const revoke = async (key: AdminApiKeyView) => {
    if (!window.confirm(t("adminKeys.revokeConfirm", { login: key.login, name: key.name }))) return;
    try {
      await apiRequest(`/api/admin/keys/${key.id}`, { method: "DELETE" });
      await keys.reload();
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return (
    <div className="space-y-4">
      {error || keys.error ? <Alert variant="destructive">{error ?? keys.error}</Alert> : null}
      {keys.data ? (
        keys.data.keys.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("adminKeys.none")}</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("table.owner")}</TableHead>
                <TableHead>{t("table.name")}</TableHead>
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
                <TableRow key={key.id}>
                  <TableCell>{key.login}</TableCell>
                  <TableCell className="font-medium">{key.name}</TableCell>
                  <TableCell className="font-mono text-xs">{key.displayPrefix}</TableCell>
                  <TableCell>
                    <StatusBadge status={key.state} />
                  </TableCell>
                  <TableCell>{formatRelativeTime(key.createdAt, locale)}</TableCell>
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
        )
      ) : null}
    </div>
  );
}
