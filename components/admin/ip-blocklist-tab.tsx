"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiRequest, formatRelativeTime } from "../api-request";
import type { IpBlockView } from "../api-types";
import { useTranslator } from "../locale-provider";
import { useResource } from "../use-resource";

/** IP blocklist: addresses and CIDR ranges refused on /v1 and at sign-in. */
export function IpBlocklistTab() {
  const { t, locale } = useTranslator();
  const blocks = useResource<{ blocks: IpBlockView[] }>("/api/admin/ip-blocks");
  const [range, setRange] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string>();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await apiRequest("/api/admin/ip-blocks", { method: "POST", body: { range, ...(note.trim() ? { note } : {}) } });
      setRange("");
      setNote("");
      await blocks.reload();
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const remove = async (block: IpBlockView) => {
    try {
      await apiRequest(`/api/admin/ip-blocks/${block.id}`, { method: "DELETE" });
      await blocks.reload();
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  return (
    <div className="space-y-4">
      <p className="text-sm text-muted-foreground">
        {t("blocks.explanation")}
      </p>
      <form onSubmit={add} className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1.5">
          <Label htmlFor="block-range">{t("blocks.range")}</Label>
          <Input id="block-range" value={range} onChange={(event) => setRange(event.target.value)} placeholder="203.0.113.0/24" required className="w-56" />
        </div>
        <div className="grid min-w-40 flex-1 gap-1.5">
          <Label htmlFor="block-note">{t("blocks.note")}</Label>
          <Input id="block-note" value={note} onChange={(event) => setNote(event.target.value)} maxLength={500} />
        </div>
        <Button type="submit">{t("blocks.block")}</Button>
      </form>
      {error || blocks.error ? <Alert variant="destructive">{error ?? blocks.error}</Alert> : null}
      {blocks.data ? (
        blocks.data.blocks.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("blocks.none")}</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("blocks.rangeColumn")}</TableHead>
                <TableHead>{t("blocks.note")}</TableHead>
                <TableHead>{t("blocks.added")}</TableHead>
                <TableHead className="text-right">{t("table.actions")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {blocks.data.blocks.map((block) => (
                <TableRow key={block.id}>
                  <TableCell className="font-mono">{block.range}</TableCell>
                  <TableCell>{block.note ?? ""}</TableCell>
                  <TableCell>{formatRelativeTime(block.createdAt, locale)}</TableCell>
                  <TableCell className="text-right">
                    <Button variant="outline" size="sm" onClick={() => remove(block)}>
                      {t("blocks.unblock")}
                    </Button>
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
