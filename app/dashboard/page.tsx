import type { Metadata } from "next";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { SiteHeader } from "@/components/site-header";
import { requirePageUser, visitorBaseUrl } from "@/lib/gateway/page-session";
import { getTranslator } from "@/lib/i18n/server";

/** Title of the dashboard. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("nav.dashboard") };
}
export const dynamic = "force-dynamic";

/** The signed-in user's dashboard. */
export default async function DashboardPage() {
  const user = await requirePageUser();
  const { t } = await getTranslator();
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-7xl space-y-6 px-4 py-8">
        <h1 className="text-2xl font-semibold tracking-tight">{t("dashboard.hello", { name: user.name ?? user.login })}</h1>
        <DashboardView baseUrl={await visitorBaseUrl()} />
      </main>
    </>
  );
}
