import type { Metadata } from "next";
import { AdminView } from "@/components/admin/admin-view";
import { SiteHeader } from "@/components/site-header";
import { requirePageUser } from "@/lib/gateway/page-session";
import { getTranslator } from "@/lib/i18n/server";

/** Title of the admin panel. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("nav.admin") };
}
export const dynamic = "force-dynamic";

/** The admin panel (admins only; every API behind it checks again). */
export default async function AdminPage() {
  await requirePageUser({ role: "admin" });
  const { t } = await getTranslator();
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-7xl px-4 py-8">
        <h1 className="mb-6 text-2xl font-semibold tracking-tight">{t("nav.admin")}</h1>
        <AdminView />
      </main>
    </>
  );
}
