"use client";

import { ServerIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { CredentialActions, CredentialTable, useCredentials } from "../credential-table";
import { useTranslator } from "../locale-provider";

/** The user's donated Kiro accounts: donate (checked by a refresh), see status and quota, pause, share, remove. */
export function KiroAccountsCard() {
  const { t } = useTranslator();
  const { credentials, add, act, busy, feedback } = useCredentials("/api/me/credentials");
  const [input, setInput] = useState("");
  const [visibility, setVisibility] = useState<"private" | "public">("private");
  const [name, setName] = useState("");

  const donate = async (event: FormEvent) => {
    event.preventDefault();
    if (await add({ credentials: input, visibility, ...(name.trim() ? { name } : {}) })) {
      setInput("");
      setName("");
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <ServerIcon className="size-4" /> {t("accounts.title")}
        </CardTitle>
        <CardDescription>
          {t("accounts.description")}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <form onSubmit={donate} className="grid gap-3">
          <div className="grid gap-1.5">
            <Label htmlFor="donate-input">{t("accounts.input")}</Label>
            <Textarea id="donate-input" value={input} onChange={(event) => setInput(event.target.value)} required placeholder='aorAAAA… or {"refreshToken": "…", "clientId": "…", "clientSecret": "…"}' autoComplete="off" spellCheck={false} />
          </div>
          <div className="flex flex-wrap items-end gap-3">
            <div className="grid min-w-40 flex-1 gap-1.5">
              <Label htmlFor="donate-name">{t("accounts.name")}</Label>
              <Input id="donate-name" value={name} onChange={(event) => setName(event.target.value)} maxLength={100} />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="donate-visibility">{t("accounts.visibility")}</Label>
              <NativeSelect id="donate-visibility" value={visibility} onChange={(event) => setVisibility(event.target.value as "private" | "public")}>
                <option value="private">{t("accounts.private")}</option>
                <option value="public">{t("accounts.public")}</option>
              </NativeSelect>
            </div>
            <Button type="submit" disabled={busy}>
              {busy ? t("accounts.checking") : t("accounts.add")}
            </Button>
          </div>
        </form>
        {feedback}
        {credentials ? <CredentialTable credentials={credentials} actions={(credential) => <CredentialActions credential={credential} act={act} />} /> : null}
      </CardContent>
    </Card>
  );
}
