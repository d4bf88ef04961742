"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiRequest, formatDateTime, formatRelativeTime } from "../api-request";
import type { AdminApiKeyView } from "../api-types";
import { StatusBadge } from "../status-badge";
import { useResource } from "../use-resource";

/** API keys: every user's keys (prefix only); revoke. */
export function KeysTab() {
  const keys = useResource<{ keys: AdminApiKeyView[] }>("/api/admin/keys");
  const [error, setError] = useState<string>();
  const revoke = async (key: AdminApiKeyView) => {
    if (!window.confirm(`Revoke ${key.login}'s key "${key.name}"?`)) return;
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
          <p className="text-sm text-muted-foreground">No user has created a key yet.</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Owner</TableHead>
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
                <TableRow key={key.id}>
                  <TableCell>{key.login}</TableCell>
                  <TableCell className="font-medium">{key.name}</TableCell>
                  <TableCell className="font-mono text-xs">{key.displayPrefix}</TableCell>
                  <TableCell>
                    <StatusBadge status={key.state} />
                  </TableCell>
                  <TableCell>{formatRelativeTime(key.createdAt)}</TableCell>
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
        )
      ) : null}
    </div>
  );
}
