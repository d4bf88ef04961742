"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ApiKeyTable } from "../api-key-table";
import { apiRequest } from "../api-request";
import type { AdminApiKeyView } from "../api-types";
import { useTranslator } from "../locale-provider";
import { useResource } from "../use-resource";

/** API keys: every user's keys (prefix only); revoke. */
export function KeysTab() {
  const { t } = useTranslator();
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
          <ApiKeyTable keys={keys.data.keys} onRevoke={(key) => revoke(key as AdminApiKeyView)} />
        )
      ) : null}
    </div>
  );
}
