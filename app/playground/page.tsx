import type { Metadata } from "next";
import { PlaygroundLoader } from "@/components/playground/playground-loader";
import { SiteHeader } from "@/components/site-header";
import { getTranslator } from "@/lib/i18n/server";
import { kiroModels } from "@/lib/llm/upstreams/kiro/kiro-model-ids";

export const dynamic = "force-dynamic";

/** Title of the playground. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("playground.title") };
}

/** Chat with the gateway from the browser. */
export default async function PlaygroundPage() {
  const { t } = await getTranslator();
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-7xl space-y-6 px-4 py-8">
        <div className="space-y-2">
          <h1 className="text-3xl font-semibold tracking-tight">{t("playground.title")}</h1>
          <p className="max-w-3xl text-muted-foreground">{t("playground.intro")}</p>
        </div>
        <PlaygroundLoader models={kiroModels.map((model) => model.clientId)} />
      </main>
    </>
  );
}
