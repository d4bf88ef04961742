import type { Metadata } from "next";
import { ApiReference } from "@/components/docs/api-reference";
import { SiteHeader } from "@/components/site-header";
import { getTranslator } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/** Title of the API reference page. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("apiReference.title") };
}

/** The API reference: Swagger UI over the live OpenAPI document. */
export default async function ApiReferencePage() {
  const { t } = await getTranslator();
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-7xl space-y-4 px-4 py-8">
        <h1 className="text-3xl font-semibold tracking-tight">{t("apiReference.title")}</h1>
        <p className="max-w-3xl text-muted-foreground">{t("apiReference.intro")}</p>
        <ApiReference />
      </main>
    </>
  );
}
