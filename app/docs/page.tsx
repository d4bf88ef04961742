import type { Metadata } from "next";
import { DocsView } from "@/components/docs/docs-view";
import { SiteHeader } from "@/components/site-header";
import { getGatewayRuntime } from "@/lib/gateway/gateway-runtime";
import { publicBaseUrl } from "@/lib/gateway/page-session";
import { shareMetadata } from "@/lib/gateway/share-card";
import { currentUser } from "@/lib/gateway/sign-in";
import { getTranslator } from "@/lib/i18n/server";
import { cursorModelAlias, kiroModels } from "@/lib/llm/upstreams/kiro/kiro-model-ids";

export const dynamic = "force-dynamic";

/** Title, description, Open Graph and Twitter card of /docs, with its share image. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return shareMetadata({ page: "docs", title: t("docs.title"), description: t("docs.metaDescription") });
}

/** The page a person shares with teammates: base URL, their key, copy-ready setups, reference. */
export default async function DocsPage() {
  const [{ t }, runtime, user, baseUrl] = await Promise.all([getTranslator(), getGatewayRuntime(), currentUser(), publicBaseUrl()]);
  const signedIn = Boolean(user);
  const showProxyKey = await runtime.settings.docsShowProxyKey();
  const proxyKey = showProxyKey === "public" || (showProxyKey === "signed_in" && signedIn) ? runtime.environment.PROXY_API_KEY : undefined;
  const models = kiroModels.map((model) => ({ id: model.clientId, displayName: model.displayName, contextWindowTokens: model.contextWindowTokens, cursorAlias: cursorModelAlias(model.clientId) }));
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-7xl space-y-6 px-4 py-8">
        <div className="space-y-2">
          <h1 className="text-3xl font-semibold tracking-tight">{t("docs.title")}</h1>
          <p className="max-w-3xl text-muted-foreground">{t("docs.intro", { site: runtime.environment.SITE_NAME })}</p>
        </div>
        <DocsView baseUrl={baseUrl} signedIn={signedIn} proxyKey={proxyKey} models={models} />
      </main>
    </>
  );
}
