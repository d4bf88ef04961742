import Link from "next/link";
import { Button } from "@/components/ui/button";
import { getTranslator } from "@/lib/i18n/server";
import { getGatewayRuntime } from "@/lib/gateway/gateway-runtime";
import { currentUser, signOut } from "@/lib/gateway/sign-in";
import { LanguageSwitch } from "./locale-provider";
import { ThemeToggle } from "./theme-toggle";

/** The top bar: name, the main pages, the signed-in person's links, sign out, language, theme. */
export async function SiteHeader() {
  const [{ t }, user, runtime] = await Promise.all([getTranslator(), currentUser(), getGatewayRuntime()]);
  return (
    <header className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur">
      {/* Wraps onto a second line on a phone rather than hiding anything off-screen. */}
      <div className="mx-auto flex min-h-14 max-w-7xl flex-wrap items-center gap-1 px-4 py-2">
        <Link href="/" className="mr-auto pr-2 font-semibold tracking-tight whitespace-nowrap">
          {runtime.environment.SITE_NAME}
        </Link>
        <Button variant="ghost" size="sm" asChild>
          <Link href="/docs">{t("nav.docs")}</Link>
        </Button>
        <Button variant="ghost" size="sm" asChild>
          <Link href="/playground">{t("nav.playground")}</Link>
        </Button>
        {user ? (
          <>
            <Button variant="ghost" size="sm" asChild>
              <Link href="/dashboard">{t("nav.dashboard")}</Link>
            </Button>
            {user.role === "admin" ? (
              <Button variant="ghost" size="sm" asChild>
                <Link href="/admin">{t("nav.admin")}</Link>
              </Button>
            ) : null}
            <span className="hidden px-1 text-sm text-muted-foreground md:inline" data-testid="signed-in-as">
              {user.login}
            </span>
            <form
              action={async () => {
                "use server";
                await signOut({ redirectTo: "/login" });
              }}
            >
              <Button variant="outline" size="sm" type="submit">
                {t("nav.signOut")}
              </Button>
            </form>
          </>
        ) : (
          <Button variant="ghost" size="sm" asChild>
            <Link href="/login">{t("nav.signIn")}</Link>
          </Button>
        )}
        <LanguageSwitch />
        <ThemeToggle />
      </div>
    </header>
  );
}
