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

type SettingsFields = {
  strategy: SettingsView["tokenAllocationStrategy"];
  forceModel: string;
  debugMode: NonNullable<SettingsView["debugMode"]> | "";
  selfUseOnly: boolean;
  registrationOpen: boolean;
  announcement: string;
  docsShowProxyKey: NonNullable<SettingsView["docsShowProxyKey"]> | "";
};

/** The form's fields for stored settings: "" means "as the environment says", "-" a forced "no model". */
function fieldsOf(settings: SettingsView): SettingsFields {
  return {
    strategy: settings.tokenAllocationStrategy,
    forceModel: settings.forceModel === null ? "" : settings.forceModel || "-",
    debugMode: settings.debugMode ?? "",
    selfUseOnly: settings.selfUseOnly,
    registrationOpen: settings.registrationOpen,
    announcement: settings.announcement,
    docsShowProxyKey: settings.docsShowProxyKey ?? "",
  };
}

function SettingsForm({ initial }: { initial: SettingsView }) {
  const { t } = useTranslator();
  const [fields, setFields] = useState(() => fieldsOf(initial));
  const [message, setMessage] = useState<{ text: string; failed: boolean }>();
  const [saving, setSaving] = useState(false);
  // The confirmation stays until the next edit, so it cannot vanish before it is read.
  const edit = <K extends keyof SettingsFields>(name: K, value: SettingsFields[K]) => {
    setMessage(undefined);
    setFields((previous) => ({ ...previous, [name]: value }));
  };
  const { strategy, forceModel, debugMode, selfUseOnly, registrationOpen, announcement, docsShowProxyKey } = fields;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const saved = await apiRequest<SettingsView>("/api/admin/settings", {
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
      // The answer is what was stored: shown in place, without remounting the form (which would drop the message).
      setFields(fieldsOf(saved));
      setMessage({ text: t("settings.saved"), failed: false });
    } catch (failure) {
      setMessage({ text: (failure as Error).message, failed: true });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={save} className="grid max-w-2xl gap-5">
      <div className="grid gap-1.5">
        <Label htmlFor="strategy">{t("settings.strategy")}</Label>
        <NativeSelect id="strategy" value={strategy} onChange={(event) => edit("strategy", event.target.value as SettingsFields["strategy"])}>
          <option value="score_based">{t("settings.scoreBased")}</option>
          <option value="round_robin">{t("settings.roundRobin")}</option>
          <option value="sequential">{t("settings.sequential")}</option>
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="force-model">{t("settings.forceModel")}</Label>
        <Input id="force-model" value={forceModel} onChange={(event) => edit("forceModel", event.target.value)} placeholder={t("settings.forceModelPlaceholder", { configured: initial.configured.forceModel ?? "—" })} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="debug-mode">{t("settings.debugMode")}</Label>
        <NativeSelect id="debug-mode" value={debugMode} onChange={(event) => edit("debugMode", event.target.value as SettingsFields["debugMode"])}>
          <option value="">{t("settings.asConfigured", { name: "DEBUG_MODE", value: initial.configured.debugMode })}</option>
          <option value="off">off</option>
          <option value="errors">errors</option>
          <option value="all">all</option>
        </NativeSelect>
      </div>
      <div className="flex items-center gap-3">
        <Switch id="self-use-only" checked={selfUseOnly} onCheckedChange={(value) => edit("selfUseOnly", value)} />
        <Label htmlFor="self-use-only">{t("settings.selfUseOnly")}</Label>
      </div>
      <div className="flex items-center gap-3">
        <Switch id="registration-open" checked={registrationOpen} onCheckedChange={(value) => edit("registrationOpen", value)} />
        <Label htmlFor="registration-open">{t("settings.registrationOpen")}</Label>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="docs-show-proxy-key">{t("settings.docsShowProxyKey")}</Label>
        <NativeSelect id="docs-show-proxy-key" value={docsShowProxyKey} onChange={(event) => edit("docsShowProxyKey", event.target.value as SettingsFields["docsShowProxyKey"])}>
          <option value="">{t("settings.asConfigured", { name: "DOCS_SHOW_PROXY_KEY", value: initial.configured.docsShowProxyKey })}</option>
          <option value="off">{t("settings.proxyKeyOff")}</option>
          <option value="signed_in">{t("settings.proxyKeySignedIn")}</option>
          <option value="public">{t("settings.proxyKeyPublic")}</option>
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="announcement">{t("settings.announcement")}</Label>
        <Textarea id="announcement" value={announcement} onChange={(event) => edit("announcement", event.target.value)} maxLength={4000} className="font-sans text-sm" />
      </div>
      {message ? <Alert variant={message.failed ? "destructive" : "success"} data-testid="settings-message">{message.text}</Alert> : null}
      <div>
        <Button type="submit" disabled={saving}>
          {t("settings.save")}
        </Button>
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
        <SettingsForm initial={settings.data} />
      </CardContent>
    </Card>
  );
}
