"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { Input, NativeSelect } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCount, formatDateTime } from "../api-request";
import type { RequestRecordView } from "../api-types";
import { useTranslator } from "../locale-provider";
import { useResource } from "../use-resource";

type FilterName = "userId" | "apiKeyId" | "credentialId" | "model" | "status";
type Filters = Record<FilterName, string>;
const emptyFilters: Filters = { userId: "", apiKeyId: "", credentialId: "", model: "", status: "" };

function prettyJson(text: string | null, notKept: string): string {
  if (!text) return notKept;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Request log: the latest records, filtered by user, key, credential, model and status; debug bodies when kept. */
export function RequestsTab() {
  const { t, locale } = useTranslator();
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
        {field("userId", t("records.userId"))}
        {field("apiKeyId", t("records.keyId"))}
        {field("credentialId", t("records.credentialId"))}
        {field("model", t("records.model"))}
        <NativeSelect aria-label={t("records.status")} value={draft.status} onChange={(event) => setDraft({ ...draft, status: event.target.value })}>
          <option value="">{t("records.anyStatus")}</option>
          <option value="success">{t("records.success")}</option>
          <option value="errors">{t("records.errors")}</option>
          <option value="401">401</option>
          <option value="429">429</option>
          <option value="502">502</option>
          <option value="503">503</option>
        </NativeSelect>
        <Button type="submit" variant="outline">
          {t("records.filter")}
        </Button>
        <Button type="button" variant="ghost" onClick={() => void records.reload()}>
          {t("records.refresh")}
        </Button>
      </form>
      {records.error ? <Alert variant="destructive">{records.error}</Alert> : null}
      {records.data ? (
        records.data.records.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("records.none")}</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("records.time")}</TableHead>
                <TableHead>{t("keys.key")}</TableHead>
                <TableHead>{t("users.user")}</TableHead>
                <TableHead>{t("records.credential")}</TableHead>
                <TableHead>{t("records.model")}</TableHead>
                <TableHead>{t("records.status")}</TableHead>
                <TableHead>{t("records.tokens")}</TableHead>
                <TableHead>{t("table.credits")}</TableHead>
                <TableHead>{t("overview.latency")}</TableHead>
                <TableHead />
              </TableRow>
            </TableHeader>
            <TableBody>
              {records.data.records.map((record) => (
                <TableRow key={record.id}>
                  <TableCell>{formatDateTime(record.createdAt, locale)}</TableCell>
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
                      {t("records.view")}
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
          <DialogTitle>{t("records.request", { id: selected?.id ?? "" })}</DialogTitle>
          <DialogDescription>
            {selected?.dialect} · {t("records.attempts", { count: selected?.attempts ?? 0 })} · {selected?.outcome}
            {selected?.errorMessage ? ` · ${selected.errorMessage}` : ""}
          </DialogDescription>
          <h3 className="text-sm font-medium">{t("records.clientRequest")}</h3>
          <pre className="max-h-72 overflow-auto rounded-md bg-muted p-3 text-xs">{prettyJson(selected?.debugRequestBody ?? null, t("records.notKept"))}</pre>
          <h3 className="text-sm font-medium">{t("records.upstream")}</h3>
          <pre className="max-h-72 overflow-auto rounded-md bg-muted p-3 text-xs">{prettyJson(selected?.debugUpstreamBody ?? null, t("records.notKept"))}</pre>
        </DialogContent>
      </Dialog>
    </div>
  );
}
