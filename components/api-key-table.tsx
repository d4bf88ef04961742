"use client";

import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime, formatRelativeTime } from "./api-request";
import type { ApiKeyView } from "./api-types";
import { useTranslator } from "./locale-provider";
import { StatusBadge } from "./status-badge";

/**
 * API keys as a table (short form only, never the key): name, state, dates, and a Revoke button on
 * live ones. `login` is shown as an Owner column when the rows carry it (the admin's list).
 */
export function ApiKeyTable({ keys, onRevoke }: { keys: Array<ApiKeyView & { login?: string }>; onRevoke: (key: ApiKeyView & { login?: string }) => void }) {
  const { t, locale } = useTranslator();
  const showOwner = keys.some((key) => key.login !== undefined);
  return (
    <Table>
      <TableHeader>
        <TableRow>
          {showOwner ? <TableHead>{t("table.owner")}</TableHead> : null}
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
        {keys.map((key) => (
          <TableRow key={key.id} data-testid={`api-key-${key.id}`}>
            {showOwner ? <TableCell>{key.login}</TableCell> : null}
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
                <Button variant="outline" size="sm" onClick={() => onRevoke(key)}>
                  {t("keys.revoke")}
                </Button>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
