import type { Metadata } from "next";
import { SiteHeader } from "@/components/site-header";
import { StatusSummary } from "@/components/status-summary";
import { getGatewayRuntime } from "@/lib/gateway/gateway-runtime";
import { publicStatus } from "@/lib/gateway/public-status";
import { getTranslator } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/** Title of the status page. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("home.statusTitle") };
}

/** The pool's health, uptime and recent success rate, for anyone (no secrets). */
export default async function StatusPage() {
  const [{ t }, runtime] = await Promise.all([getTranslator(), getGatewayRuntime()]);
  const status = await publicStatus(runtime);
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-6xl space-y-6 px-4 py-10">
        <h1 className="text-3xl font-semibold tracking-tight">{t("home.statusTitle")}</h1>
        <p className="text-muted-foreground">{t("status.intro")}</p>
        <StatusSummary status={status} detailed />
      </main>
    </>
  );
}
