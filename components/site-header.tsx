import Link from "next/link";
import { Button } from "@/components/ui/button";
import { getTranslator } from "@/lib/i18n/server";
import { auth, signOut } from "@/lib/gateway/sign-in";
import { LanguageSwitch } from "./locale-provider";
import { ThemeToggle } from "./theme-toggle";

/** The top bar: name, the main pages, the signed-in person's links, sign out, language, theme. */
export async function SiteHeader() {
  const [{ t }, session] = await Promise.all([getTranslator(), auth()]);
  const user = session?.gatewayUser;
  return (
    <header className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-1 overflow-x-auto px-4">
        <Link href="/" className="mr-auto pr-2 font-semibold tracking-tight whitespace-nowrap">
          KiroGate
        </Link>
        <Button variant="ghost" size="sm" asChild>
          <Link href="/docs">{t("nav.docs")}</Link>
        </Button>
        <Button variant="ghost" size="sm" asChild className="hidden sm:inline-flex">
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
