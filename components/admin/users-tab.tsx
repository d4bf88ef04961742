"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiRequest, formatCount, formatRelativeTime } from "../api-request";
import type { AdminUserDetails, AdminUserView } from "../api-types";
import { CredentialTable } from "../credential-table";
import { StatusBadge } from "../status-badge";
import { UsageChart } from "../usage-chart";
import { useTranslator } from "../locale-provider";
import { useResource } from "../use-resource";

function UserDetails({ userId }: { userId: number }) {
  const { t, locale } = useTranslator();
  const details = useResource<AdminUserDetails>(`/api/admin/users/${userId}`);
  if (details.error) return <Alert variant="destructive">{details.error}</Alert>;
  if (!details.data) return <p className="text-sm text-muted-foreground">{t("common.loading")}</p>;
  return (
    <div className="space-y-4 text-sm">
      <section>
        <h3 className="mb-1 font-medium">{t("keys.title")}</h3>
        {details.data.keys.length === 0 ? <p className="text-muted-foreground">{t("common.none")}</p> : null}
        <ul className="space-y-1">
          {details.data.keys.map((key) => (
            <li key={key.id} className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-xs">{key.displayPrefix}</span> {key.name} <StatusBadge status={key.state} />
              <span className="text-muted-foreground">{t("users.lastUsed", { when: formatRelativeTime(key.lastUsedAt, locale) })}</span>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h3 className="mb-1 font-medium">{t("users.accounts")}</h3>
        <CredentialTable credentials={details.data.credentials} actions={() => null} />
      </section>
      <section>
        <h3 className="mb-1 font-medium">{t("users.requests30")}</h3>
        <UsageChart series={details.data.usage} kind="requests" label="day" height={160} />
      </section>
    </div>
  );
}

/** Users: search, ban and unban, and each one's keys, accounts and usage. */
export function UsersTab() {
  const { t, locale } = useTranslator();
  const [search, setSearch] = useState("");
  const users = useResource<{ users: AdminUserView[] }>(`/api/admin/users?search=${encodeURIComponent(search)}`);
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState<AdminUserView>();

  const setStatus = async (user: AdminUserView, status: "active" | "banned") => {
    if (status === "banned" && !window.confirm(t("users.banConfirm", { login: user.login }))) return;
    try {
      setError(undefined);
      await apiRequest(`/api/admin/users/${user.id}`, { method: "PATCH", body: { status } });
      await users.reload();
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  return (
    <div className="space-y-4">
      <Input type="search" placeholder={t("users.search")} aria-label={t("users.search")} value={search} onChange={(event) => setSearch(event.target.value)} className="max-w-sm" />
      {error || users.error ? <Alert variant="destructive">{error ?? users.error}</Alert> : null}
      {users.data ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("users.user")}</TableHead>
              <TableHead>{t("users.role")}</TableHead>
              <TableHead>{t("table.state")}</TableHead>
              <TableHead>{t("keys.title")}</TableHead>
              <TableHead>{t("users.accounts")}</TableHead>
              <TableHead>{t("table.requests")}</TableHead>
              <TableHead>{t("users.joined")}</TableHead>
              <TableHead>{t("users.lastSignIn")}</TableHead>
              <TableHead className="text-right">{t("table.actions")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.data.users.map((user) => (
              <TableRow key={user.id} data-testid={`user-${user.login}`}>
                <TableCell>
                  <div className="font-medium">{user.login}</div>
                  <div className="text-xs text-muted-foreground">
                    {user.name ?? ""} · {user.provider}
                  </div>
                </TableCell>
                <TableCell>{user.role === "admin" ? <Badge variant="secondary">{t("users.admin")}</Badge> : t("users.member")}</TableCell>
                <TableCell>
                  <StatusBadge status={user.status} />
                </TableCell>
                <TableCell>{user.keyCount}</TableCell>
                <TableCell>{user.credentialCount}</TableCell>
                <TableCell>{formatCount(user.requestCount)}</TableCell>
                <TableCell>{formatRelativeTime(user.createdAt, locale)}</TableCell>
                <TableCell>{formatRelativeTime(user.lastSignInAt, locale)}</TableCell>
                <TableCell className="text-right">
                  <div className="flex justify-end gap-1">
                    <Button variant="outline" size="sm" onClick={() => setSelected(user)}>
                      {t("users.details")}
                    </Button>
                    {user.role === "admin" ? null : user.status === "active" ? (
                      <Button variant="destructive" size="sm" onClick={() => setStatus(user, "banned")}>
                        {t("users.ban")}
                      </Button>
                    ) : (
                      <Button variant="outline" size="sm" onClick={() => setStatus(user, "active")}>
                        {t("users.unban")}
                      </Button>
                    )}
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      <Dialog open={selected !== undefined} onOpenChange={(open) => !open && setSelected(undefined)}>
        <DialogContent className="max-w-3xl">
          <DialogTitle>{selected?.login}</DialogTitle>
          <DialogDescription>{t("users.detailsDescription")}</DialogDescription>
          {selected ? <UserDetails userId={selected.id} /> : null}
        </DialogContent>
      </Dialog>
    </div>
  );
}
