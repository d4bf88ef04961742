"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiRequest, formatCount, formatRelativeTime } from "../api-request";
import type { AdminUserDetails, AdminUserView } from "../api-types";
import { CredentialTable } from "../credential-table";
import { StatusBadge } from "../status-badge";
import { UsageChart } from "../usage-chart";
import { useResource } from "../use-resource";

function UserDetails({ userId }: { userId: number }) {
  const details = useResource<AdminUserDetails>(`/api/admin/users/${userId}`);
  if (details.error) return <Alert variant="destructive">{details.error}</Alert>;
  if (!details.data) return <p className="text-sm text-muted-foreground">Loading…</p>;
  return (
    <div className="space-y-4 text-sm">
      <section>
        <h3 className="mb-1 font-medium">Keys</h3>
        {details.data.keys.length === 0 ? <p className="text-muted-foreground">None.</p> : null}
        <ul className="space-y-1">
          {details.data.keys.map((key) => (
            <li key={key.id} className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-xs">{key.displayPrefix}</span> {key.name} <StatusBadge status={key.state} />
              <span className="text-muted-foreground">last used {formatRelativeTime(key.lastUsedAt)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h3 className="mb-1 font-medium">Kiro accounts</h3>
        <CredentialTable credentials={details.data.credentials} actions={() => null} />
      </section>
      <section>
        <h3 className="mb-1 font-medium">Requests, last 30 days</h3>
        <UsageChart series={details.data.usage} kind="requests" label="day" height={160} />
      </section>
    </div>
  );
}

/** Users: search, ban and unban, and each one's keys, accounts and usage. */
export function UsersTab() {
  const [search, setSearch] = useState("");
  const users = useResource<{ users: AdminUserView[] }>(`/api/admin/users?search=${encodeURIComponent(search)}`);
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState<AdminUserView>();

  const setStatus = async (user: AdminUserView, status: "active" | "banned") => {
    if (status === "banned" && !window.confirm(`Ban ${user.login}? Their sessions end and their keys stop working at once.`)) return;
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
      <Input type="search" placeholder="Search login or name" aria-label="Search users" value={search} onChange={(event) => setSearch(event.target.value)} className="max-w-sm" />
      {error || users.error ? <Alert variant="destructive">{error ?? users.error}</Alert> : null}
      {users.data ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>User</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Keys</TableHead>
              <TableHead>Accounts</TableHead>
              <TableHead>Requests</TableHead>
              <TableHead>Joined</TableHead>
              <TableHead>Last sign-in</TableHead>
              <TableHead className="text-right">Actions</TableHead>
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
                <TableCell>
                  <StatusBadge status={user.status} />
                </TableCell>
                <TableCell>{user.keyCount}</TableCell>
                <TableCell>{user.credentialCount}</TableCell>
                <TableCell>{formatCount(user.requestCount)}</TableCell>
                <TableCell>{formatRelativeTime(user.createdAt)}</TableCell>
                <TableCell>{formatRelativeTime(user.lastSignInAt)}</TableCell>
                <TableCell className="text-right">
                  <div className="flex justify-end gap-1">
                    <Button variant="outline" size="sm" onClick={() => setSelected(user)}>
                      Details
                    </Button>
                    {user.status === "active" ? (
                      <Button variant="destructive" size="sm" onClick={() => setStatus(user, "banned")}>
                        Ban
                      </Button>
                    ) : (
                      <Button variant="outline" size="sm" onClick={() => setStatus(user, "active")}>
                        Unban
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
          <DialogDescription>Keys, donated accounts and usage.</DialogDescription>
          {selected ? <UserDetails userId={selected.id} /> : null}
        </DialogContent>
      </Dialog>
    </div>
  );
}
