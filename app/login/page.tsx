import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { LogInIcon } from "lucide-react";
import { SiteHeader } from "@/components/site-header";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { currentUser, signIn } from "@/lib/gateway/sign-in";
import type { MessageKey } from "@/lib/i18n/messages";
import { getTranslator } from "@/lib/i18n/server";
import { resolveClientAddress } from "@/lib/auth/client-address";
import { getGatewayRuntime } from "@/lib/gateway/gateway-runtime";

/** Title of the sign-in page. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("nav.signIn") };
}
export const dynamic = "force-dynamic";

// Auth.js error codes and our own (from the sign-in callback), in words a person can act on.
const errorMessages: Record<string, MessageKey> = {
  blocked: "login.error.blocked",
  banned: "login.error.banned",
  closed: "login.error.closed",
  password: "login.error.password",
  AccessDenied: "login.error.accessDenied",
  OAuthCallbackError: "login.error.oauthCallback",
  OAuthSignin: "login.error.oauthSignin",
  Configuration: "login.error.configuration",
};

function isAuthError(error: unknown): boolean {
  return error instanceof Error && "type" in error && typeof (error as { type?: unknown }).type === "string";
}

/** Sign in with GitHub, or with the operator password when it is set. */
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const { t } = await getTranslator();
  const user = await currentUser();
  if (user) redirect(user.role === "admin" ? "/admin" : "/dashboard");
  const runtime = await getGatewayRuntime();
  const environment = runtime.environment;
  const githubEnabled = Boolean(environment.GITHUB_CLIENT_ID && environment.GITHUB_CLIENT_SECRET);
  const passwordEnabled = Boolean(environment.ADMIN_PASSWORD);
  const address = resolveClientAddress(await headers(), runtime.trustedProxies);
  const blocked = Boolean(address && (await runtime.ipBlocklist.isBlocked(address)));
  const errorCode = [(await searchParams).error].flat()[0];
  const error = blocked ? t(errorMessages.blocked) : errorCode ? t(errorMessages[errorCode] ?? "login.error.other") : undefined;

  const signInWithGithub = async () => {
    "use server";
    await signIn("github", { redirectTo: "/dashboard" });
  };
  const signInWithPassword = async (form: FormData) => {
    "use server";
    try {
      await signIn("password", { password: String(form.get("password") ?? ""), redirectTo: "/admin" });
    } catch (failure) {
      if (isAuthError(failure)) redirect("/login?error=password");
      throw failure;
    }
  };

  return (
    <>
      <SiteHeader />
      <main className="mx-auto flex max-w-md flex-col gap-4 px-4 py-12">
        <Card>
          <CardHeader>
            <CardTitle className="text-xl">{t("login.title", { site: runtime.environment.SITE_NAME })}</CardTitle>
            <CardDescription>{t("login.description")}</CardDescription>
          </CardHeader>
          <CardContent className="space-y-5">
            {error ? (
              <Alert variant="destructive" data-testid="login-error">
                {error}
              </Alert>
            ) : null}
            {!blocked && githubEnabled ? (
              <form action={signInWithGithub}>
                <Button type="submit" className="w-full" size="lg">
                  <LogInIcon /> {t("login.github")}
                </Button>
              </form>
            ) : null}
            {!blocked && passwordEnabled ? (
              <form action={signInWithPassword} className="grid gap-3 border-t pt-5">
                <Label htmlFor="password">{t("login.password")}</Label>
                <Input id="password" name="password" type="password" autoComplete="current-password" required />
                <Button type="submit" variant="outline">
                  {t("login.passwordSubmit")}
                </Button>
              </form>
            ) : null}
            {!githubEnabled && !passwordEnabled ? (
              <Alert>
                {t("login.noMethod")}
              </Alert>
            ) : null}
          </CardContent>
        </Card>
      </main>
    </>
  );
}
