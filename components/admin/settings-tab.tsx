"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { apiRequest } from "../api-request";
import type { SettingsView } from "../api-types";
import { useTranslator } from "../locale-provider";
import { useResource } from "../use-resource";

function SettingsForm({ initial, onSaved }: { initial: SettingsView; onSaved: () => Promise<void> }) {
  const { t } = useTranslator();
  const [strategy, setStrategy] = useState(initial.tokenAllocationStrategy);
  const [forceModel, setForceModel] = useState(initial.forceModel === null ? "" : initial.forceModel || "-");
  const [debugMode, setDebugMode] = useState(initial.debugMode ?? "");
  const [selfUseOnly, setSelfUseOnly] = useState(initial.selfUseOnly);
  const [registrationOpen, setRegistrationOpen] = useState(initial.registrationOpen);
  const [announcement, setAnnouncement] = useState(initial.announcement);
  const [docsShowProxyKey, setDocsShowProxyKey] = useState(initial.docsShowProxyKey ?? "");
  const [message, setMessage] = useState<{ text: string; failed: boolean }>();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await apiRequest("/api/admin/settings", {
        method: "PATCH",
        body: {
          tokenAllocationStrategy: strategy,
          // "" = as FORCE_MODEL says; "-" = force nothing even if FORCE_MODEL is set.
          forceModel: forceModel.trim() === "" ? null : forceModel.trim() === "-" ? "" : forceModel.trim(),
          debugMode: debugMode === "" ? null : debugMode,
          selfUseOnly,
          registrationOpen,
          announcement,
          docsShowProxyKey: docsShowProxyKey === "" ? null : docsShowProxyKey,
        },
      });
      setMessage({ text: t("settings.saved"), failed: false });
      await onSaved();
    } catch (failure) {
      setMessage({ text: (failure as Error).message, failed: true });
    }
  };

  return (
    <form onSubmit={save} className="grid max-w-2xl gap-5">
      <div className="grid gap-1.5">
        <Label htmlFor="strategy">{t("settings.strategy")}</Label>
        <NativeSelect id="strategy" value={strategy} onChange={(event) => setStrategy(event.target.value as SettingsView["tokenAllocationStrategy"])}>
          <option value="score_based">{t("settings.scoreBased")}</option>
          <option value="round_robin">{t("settings.roundRobin")}</option>
          <option value="sequential">{t("settings.sequential")}</option>
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="force-model">{t("settings.forceModel")}</Label>
        <Input id="force-model" value={forceModel} onChange={(event) => setForceModel(event.target.value)} placeholder={t("settings.forceModelPlaceholder", { configured: initial.configured.forceModel ?? "—" })} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="debug-mode">{t("settings.debugMode")}</Label>
        <NativeSelect id="debug-mode" value={debugMode} onChange={(event) => setDebugMode(event.target.value as typeof debugMode)}>
          <option value="">{t("settings.asConfigured", { name: "DEBUG_MODE", value: initial.configured.debugMode })}</option>
          <option value="off">off</option>
          <option value="errors">errors</option>
          <option value="all">all</option>
        </NativeSelect>
      </div>
      <div className="flex items-center gap-3">
        <Switch id="self-use-only" checked={selfUseOnly} onCheckedChange={setSelfUseOnly} />
        <Label htmlFor="self-use-only">{t("settings.selfUseOnly")}</Label>
      </div>
      <div className="flex items-center gap-3">
        <Switch id="registration-open" checked={registrationOpen} onCheckedChange={setRegistrationOpen} />
        <Label htmlFor="registration-open">{t("settings.registrationOpen")}</Label>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="docs-show-proxy-key">{t("settings.docsShowProxyKey")}</Label>
        <NativeSelect id="docs-show-proxy-key" value={docsShowProxyKey} onChange={(event) => setDocsShowProxyKey(event.target.value as typeof docsShowProxyKey)}>
          <option value="">{t("settings.asConfigured", { name: "DOCS_SHOW_PROXY_KEY", value: initial.configured.docsShowProxyKey })}</option>
          <option value="off">{t("settings.proxyKeyOff")}</option>
          <option value="signed_in">{t("settings.proxyKeySignedIn")}</option>
          <option value="public">{t("settings.proxyKeyPublic")}</option>
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="announcement">{t("settings.announcement")}</Label>
        <Textarea id="announcement" value={announcement} onChange={(event) => setAnnouncement(event.target.value)} maxLength={4000} className="font-sans text-sm" />
      </div>
      {message ? <Alert variant={message.failed ? "destructive" : "success"}>{message.text}</Alert> : null}
      <div>
        <Button type="submit">{t("settings.save")}</Button>
      </div>
    </form>
  );
}

/** Settings stored in the database, effective without a restart. */
export function SettingsTab() {
  const settings = useResource<SettingsView>("/api/admin/settings");
  if (settings.error) return <Alert variant="destructive">{settings.error}</Alert>;
  if (!settings.data) return null;
  return (
    <Card>
      <CardContent className="p-5">
        <SettingsForm key={JSON.stringify(settings.data)} initial={settings.data} onSaved={settings.reload} />
      </CardContent>
    </Card>
  );
}
