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
import { useResource } from "../use-resource";

function SettingsForm({ initial, onSaved }: { initial: SettingsView; onSaved: () => Promise<void> }) {
  const [strategy, setStrategy] = useState(initial.tokenAllocationStrategy);
  const [forceModel, setForceModel] = useState(initial.forceModel === null ? "" : initial.forceModel || "-");
  const [debugMode, setDebugMode] = useState(initial.debugMode ?? "");
  const [selfUseOnly, setSelfUseOnly] = useState(initial.selfUseOnly);
  const [registrationOpen, setRegistrationOpen] = useState(initial.registrationOpen);
  const [announcement, setAnnouncement] = useState(initial.announcement);
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
        },
      });
      setMessage({ text: "Saved. Every instance uses the new settings within a few seconds.", failed: false });
      await onSaved();
    } catch (failure) {
      setMessage({ text: (failure as Error).message, failed: true });
    }
  };

  return (
    <form onSubmit={save} className="grid max-w-2xl gap-5">
      <div className="grid gap-1.5">
        <Label htmlFor="strategy">Allocation strategy</Label>
        <NativeSelect id="strategy" value={strategy} onChange={(event) => setStrategy(event.target.value as SettingsView["tokenAllocationStrategy"])}>
          <option value="score_based">score_based — healthiest, least busy first</option>
          <option value="round_robin">round_robin — each in turn</option>
          <option value="sequential">sequential — one until it fails</option>
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="force-model">Forced model</Label>
        <Input id="force-model" value={forceModel} onChange={(event) => setForceModel(event.target.value)} placeholder={`empty: as FORCE_MODEL says (${initial.configured.forceModel ?? "none"}); "-": none`} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="debug-mode">Debug mode (keeps request and upstream bodies, secrets redacted)</Label>
        <NativeSelect id="debug-mode" value={debugMode} onChange={(event) => setDebugMode(event.target.value as typeof debugMode)}>
          <option value="">as DEBUG_MODE says ({initial.configured.debugMode})</option>
          <option value="off">off</option>
          <option value="errors">errors</option>
          <option value="all">all</option>
        </NativeSelect>
      </div>
      <div className="flex items-center gap-3">
        <Switch id="self-use-only" checked={selfUseOnly} onCheckedChange={setSelfUseOnly} />
        <Label htmlFor="self-use-only">Self-use only: users&apos; keys use only their own Kiro accounts</Label>
      </div>
      <div className="flex items-center gap-3">
        <Switch id="registration-open" checked={registrationOpen} onCheckedChange={setRegistrationOpen} />
        <Label htmlFor="registration-open">Open to new users (existing users and admins can always sign in)</Label>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="announcement">Announcement on every dashboard (plain text; empty for none)</Label>
        <Textarea id="announcement" value={announcement} onChange={(event) => setAnnouncement(event.target.value)} maxLength={4000} className="font-sans text-sm" />
      </div>
      {message ? <Alert variant={message.failed ? "destructive" : "success"}>{message.text}</Alert> : null}
      <div>
        <Button type="submit">Save settings</Button>
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
