"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Textarea } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { CredentialActions, CredentialTable, useCredentials } from "../credential-table";
import { useTranslator } from "../locale-provider";

/** Credentials: all of them with owner and figures; add or import, enable, disable, test, refresh, share, delete. */
export function CredentialsTab() {
  const { t } = useTranslator();
  const { credentials, add, act, busy, feedback } = useCredentials("/api/admin/credentials");
  const [input, setInput] = useState("");
  const [validate, setValidate] = useState(true);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await add({ credentials: input, validate })) setInput("");
  };

  return (
    <div className="space-y-4">
      <Card>
        <CardHeader>
          <CardTitle>{t("credentials.addTitle")}</CardTitle>
          <CardDescription>{t("credentials.addDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={submit} className="grid gap-3">
            <Textarea aria-label={t("credentials.input")} value={input} onChange={(event) => setInput(event.target.value)} required autoComplete="off" spellCheck={false} placeholder='[{"refreshToken": "…"}, {"refreshToken": "…", "clientId": "…", "clientSecret": "…"}]' />
            <div className="flex flex-wrap items-center gap-3">
              <Switch id="validate" checked={validate} onCheckedChange={setValidate} />
              <Label htmlFor="validate">{t("credentials.validate")}</Label>
              <Button type="submit" disabled={busy} className="ml-auto">
                {busy ? t("credentials.adding") : t("credentials.add")}
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>
      {feedback}
      {credentials ? <CredentialTable credentials={credentials} showOwner actions={(credential) => <CredentialActions credential={credential} act={act} admin />} /> : null}
    </div>
  );
}
