"use client";

import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { CredentialsTab } from "./credentials-tab";
import { IpBlocklistTab } from "./ip-blocklist-tab";
import { KeysTab } from "./keys-tab";
import { OverviewTab } from "./overview-tab";
import { RequestsTab } from "./requests-tab";
import { SettingsTab } from "./settings-tab";
import { UsersTab } from "./users-tab";

const tabs = [
  { value: "overview", label: "Overview", content: <OverviewTab /> },
  { value: "users", label: "Users", content: <UsersTab /> },
  { value: "credentials", label: "Credentials", content: <CredentialsTab /> },
  { value: "keys", label: "API keys", content: <KeysTab /> },
  { value: "ip-blocklist", label: "IP blocklist", content: <IpBlocklistTab /> },
  { value: "settings", label: "Settings", content: <SettingsTab /> },
  { value: "requests", label: "Request log", content: <RequestsTab /> },
];

/** The admin panel: one tab per area; each tab loads its data when opened. */
export function AdminView() {
  return (
    <Tabs defaultValue="overview">
      <TabsList>
        {tabs.map((tab) => (
          <TabsTrigger key={tab.value} value={tab.value}>
            {tab.label}
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
