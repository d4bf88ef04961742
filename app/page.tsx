import type { Metadata } from "next";
import Link from "next/link";
import { ActivityIcon, BookOpenIcon, KeyRoundIcon, MessageSquareIcon, ShieldIcon } from "lucide-react";
import { SiteHeader } from "@/components/site-header";
import { StatusSummary } from "@/components/status-summary";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getGatewayRuntime } from "@/lib/gateway/gateway-runtime";
import { publicBaseUrl } from "@/lib/gateway/page-session";
import { publicStatus } from "@/lib/gateway/public-status";
import { shareMetadata } from "@/lib/gateway/share-card";
import { currentUser } from "@/lib/gateway/sign-in";
import { getTranslator } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/** Title, description, Open Graph and Twitter card of the landing page. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return shareMetadata({ page: "home", title: t("home.tagline"), description: t("home.description") });
}

/** Landing page: what the gateway is, its health at a glance, and the way in. */
export default async function HomePage() {
  const [{ t }, runtime, baseUrl, user] = await Promise.all([getTranslator(), getGatewayRuntime(), publicBaseUrl(), currentUser()]);
  const status = await publicStatus(runtime);
  const links = [
    { href: "/docs", icon: BookOpenIcon, title: t("nav.docs"), text: t("home.docsText") },
    { href: "/playground", icon: MessageSquareIcon, title: t("nav.playground"), text: t("home.playgroundText") },
    { href: "/dashboard", icon: KeyRoundIcon, title: t("nav.dashboard"), text: t("home.dashboardText") },
    ...(user?.role === "admin" ? [{ href: "/admin", icon: ShieldIcon, title: t("nav.admin"), text: t("home.adminText") }] : []),
    { href: "/status", icon: ActivityIcon, title: t("home.statusTitle"), text: t("home.statusText") },
  ];
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-6xl space-y-10 px-4 py-14">
        <section className="space-y-5">
          <h1 className="text-4xl font-semibold tracking-tight sm:text-5xl">{runtime.environment.SITE_NAME}</h1>
          <p className="max-w-3xl text-lg text-muted-foreground">{t("home.description")}</p>
          <div className="flex flex-wrap gap-3">
            <Button asChild size="lg">
              <Link href="/docs">{t("home.getStarted")}</Link>
            </Button>
            <Button asChild size="lg" variant="outline">
              <Link href={user ? "/dashboard" : "/login"}>{user ? t("nav.dashboard") : t("nav.signIn")}</Link>
            </Button>
          </div>
          <p className="text-sm text-muted-foreground">
            {t("home.baseUrl")} <code className="rounded bg-muted px-1.5 py-0.5 font-mono">{baseUrl}</code>
          </p>
        </section>
        <section className="space-y-3">
          <h2 className="text-xl font-semibold tracking-tight">{t("home.health")}</h2>
          <StatusSummary status={status} />
        </section>
        <section className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {links.map((link) => (
            <Link key={link.href} href={link.href} className="rounded-xl outline-none focus-visible:ring-2 focus-visible:ring-ring">
              <Card className="h-full transition-colors hover:bg-accent">
                <CardHeader>
                  <CardTitle className="flex items-center gap-2">
                    <link.icon className="size-4" /> {link.title}
                  </CardTitle>
                  <CardDescription>{link.text}</CardDescription>
                </CardHeader>
                <CardContent />
              </Card>
            </Link>
          ))}
        </section>
      </main>
    </>
  );
}
