"use client";

import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { MessageKey } from "@/lib/i18n/messages";
import { useTranslator } from "../locale-provider";
import { CredentialsTab } from "./credentials-tab";
import { IpBlocklistTab } from "./ip-blocklist-tab";
import { KeysTab } from "./keys-tab";
import { OverviewTab } from "./overview-tab";
import { RequestsTab } from "./requests-tab";
import { SettingsTab } from "./settings-tab";
import { UsersTab } from "./users-tab";

const tabs: Array<{ value: string; label: MessageKey; content: React.ReactNode }> = [
  { value: "overview", label: "admin.overview", content: <OverviewTab /> },
  { value: "users", label: "admin.users", content: <UsersTab /> },
  { value: "credentials", label: "admin.credentials", content: <CredentialsTab /> },
  { value: "keys", label: "admin.keys", content: <KeysTab /> },
  { value: "ip-blocklist", label: "admin.ipBlocklist", content: <IpBlocklistTab /> },
  { value: "settings", label: "admin.settings", content: <SettingsTab /> },
  { value: "requests", label: "admin.requests", content: <RequestsTab /> },
];

/** The admin panel: one tab per area; each tab loads its data when opened. */
export function AdminView() {
  const { t } = useTranslator();
  return (
    <Tabs defaultValue="overview">
      <TabsList>
        {tabs.map((tab) => (
          <TabsTrigger key={tab.value} value={tab.value}>
            {t(tab.label)}
          </TabsTrigger>
        ))}
      </TabsList>
      {tabs.map((tab) => (
        <TabsContent key={tab.value} value={tab.value}>
          {tab.content}
        </TabsContent>
      ))}
    </Tabs>
  );
}
