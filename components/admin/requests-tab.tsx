"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { Input, NativeSelect } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCount, formatDateTime } from "../api-request";
import type { RequestRecordView } from "../api-types";
import { useResource } from "../use-resource";

type FilterName = "userId" | "apiKeyId" | "credentialId" | "model" | "status";
type Filters = Record<FilterName, string>;
const emptyFilters: Filters = { userId: "", apiKeyId: "", credentialId: "", model: "", status: "" };

function prettyJson(text: string | null): string {
  if (!text) return "(not kept: debug mode was off for this request)";
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Request log: the latest records, filtered by user, key, credential, model and status; debug bodies when kept. */
export function RequestsTab() {
  const [draft, setDraft] = useState<Filters>(emptyFilters);
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const query = new URLSearchParams({ limit: "200", debug: "1", ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value.trim())) });
  const records = useResource<{ records: RequestRecordView[] }>(`/api/admin/records?${query}`);
  const [selected, setSelected] = useState<RequestRecordView>();

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const field = (name: FilterName, placeholder: string) => (
    <Input aria-label={placeholder} placeholder={placeholder} value={draft[name]} onChange={(event) => setDraft({ ...draft, [name]: event.target.value })} className="w-32" />
  );

  return (
    <div className="space-y-4">
      <form onSubmit={apply} className="flex flex-wrap items-center gap-2">
        {field("userId", "user id")}
        {field("apiKeyId", "key id")}
        {field("credentialId", "credential id")}
        {field("model", "model")}
        <NativeSelect aria-label="status" value={draft.status} onChange={(event) => setDraft({ ...draft, status: event.target.value })}>
          <option value="">any status</option>
          <option value="success">success</option>
          <option value="errors">errors (≥ 400)</option>
          <option value="401">401</option>
          <option value="429">429</option>
          <option value="502">502</option>
          <option value="503">503</option>
        </NativeSelect>
        <Button type="submit" variant="outline">
          Filter
        </Button>
        <Button type="button" variant="ghost" onClick={() => void records.reload()}>
          Refresh
        </Button>
      </form>
      {records.error ? <Alert variant="destructive">{records.error}</Alert> : null}
      {records.data ? (
        records.data.records.length === 0 ? (
          <p className="text-sm text-muted-foreground">No requests match.</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Time</TableHead>
                <TableHead>Key</TableHead>
                <TableHead>User</TableHead>
                <TableHead>Credential</TableHead>
                <TableHead>Model</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Tokens in / out</TableHead>
                <TableHead>Credits</TableHead>
                <TableHead>Latency</TableHead>
                <TableHead />
              </TableRow>
            </TableHeader>
            <TableBody>
              {records.data.records.map((record) => (
                <TableRow key={record.id}>
                  <TableCell>{formatDateTime(record.createdAt)}</TableCell>
                  <TableCell className="font-mono text-xs">{record.keyLabel}</TableCell>
                  <TableCell>{record.userId ?? "—"}</TableCell>
                  <TableCell>{record.credentialId ?? "—"}</TableCell>
                  <TableCell>{record.modelUsed ?? record.modelRequested ?? "—"}</TableCell>
                  <TableCell className={record.status >= 400 ? "text-destructive" : undefined} title={record.errorMessage ?? undefined}>
                    {record.status} {record.stream ? "· stream" : ""}
                  </TableCell>
                  <TableCell>
                    {formatCount(record.inputTokens)} / {formatCount(record.outputTokens)}
                  </TableCell>
                  <TableCell>{formatCount(record.credits)}</TableCell>
                  <TableCell>{formatCount(record.totalMs)} ms</TableCell>
                  <TableCell>
                    <Button variant="ghost" size="sm" onClick={() => setSelected(record)}>
                      View
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )
      ) : null}
      <Dialog open={selected !== undefined} onOpenChange={(open) => !open && setSelected(undefined)}>
        <DialogContent className="max-w-4xl">
          <DialogTitle>Request {selected?.id}</DialogTitle>
          <DialogDescription>
            {selected?.dialect} · {selected?.attempts} attempt(s) · {selected?.outcome}
            {selected?.errorMessage ? ` · ${selected.errorMessage}` : ""}
          </DialogDescription>
          <h3 className="text-sm font-medium">Client request</h3>
          <pre className="max-h-72 overflow-auto rounded-md bg-muted p-3 text-xs">{prettyJson(selected?.debugRequestBody ?? null)}</pre>
          <h3 className="text-sm font-medium">Upstream</h3>
          <pre className="max-h-72 overflow-auto rounded-md bg-muted p-3 text-xs">{prettyJson(selected?.debugUpstreamBody ?? null)}</pre>
        </DialogContent>
      </Dialog>
    </div>
  );
}
