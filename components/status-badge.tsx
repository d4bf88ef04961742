"use client";

import { Badge } from "@/components/ui/badge";
import type { MessageKey } from "@/lib/i18n/messages";
import { useTranslator } from "./locale-provider";

const variants: Record<string, "success" | "warning" | "destructive" | "secondary" | "outline"> = {
  active: "success",
  cooling: "warning",
  exhausted: "warning",
  invalid: "destructive",
  suspended: "destructive",
  banned: "destructive",
  revoked: "secondary",
  expired: "secondary",
  disabled: "secondary",
  paused: "secondary",
  retired: "secondary",
  public: "outline",
  private: "outline",
};

/** A state word (credential, user or key status, visibility) in its colour. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslator();
  const label = status in variants ? t(`status.${status}` as MessageKey) : status;
  return <Badge variant={variants[status] ?? "outline"}>{label}</Badge>;
}
