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
import { auth, signIn } from "@/lib/gateway/sign-in";
import { resolveClientAddress } from "@/lib/auth/client-address";
import { getGatewayRuntime } from "@/lib/gateway/gateway-runtime";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

// Auth.js error codes and our own (from the sign-in callback), in words a person can act on.
const errorMessages: Record<string, string> = {
  blocked: "Sign-in from your address is blocked by this gateway's operator.",
  banned: "This account is banned from this gateway.",
  closed: "This gateway is not accepting new users right now. Ask its admin.",
  password: "Wrong password, or too many failed tries from your address: wait a few minutes and try again.",
  AccessDenied: "Sign-in was refused.",
  OAuthCallbackError: "GitHub sign-in failed. Try again.",
  OAuthSignin: "Could not start GitHub sign-in. Try again.",
  Configuration: "Sign-in is misconfigured on the server; see its log.",
};

function isAuthError(error: unknown): boolean {
  return error instanceof Error && "type" in error && typeof (error as { type?: unknown }).type === "string";
}

/** Sign in with GitHub, or with the operator password when it is set. */
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const user = (await auth())?.gatewayUser;
  if (user) redirect(user.role === "admin" ? "/admin" : "/dashboard");
  const runtime = await getGatewayRuntime();
  const environment = runtime.environment;
  const githubEnabled = Boolean(environment.GITHUB_CLIENT_ID && environment.GITHUB_CLIENT_SECRET);
  const passwordEnabled = Boolean(environment.ADMIN_PASSWORD);
  const address = resolveClientAddress(await headers(), runtime.trustedProxies);
  const blocked = Boolean(address && (await runtime.ipBlocklist.isBlocked(address)));
  const errorCode = [(await searchParams).error].flat()[0];
  const error = blocked ? errorMessages.blocked : errorCode ? (errorMessages[errorCode] ?? "Sign-in failed. Try again.") : undefined;

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
            <CardTitle className="text-xl">Sign in to KiroGate</CardTitle>
            <CardDescription>Create API keys, add your Kiro accounts and see your usage.</CardDescription>
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
                  <LogInIcon /> Continue with GitHub
                </Button>
              </form>
            ) : null}
            {!blocked && passwordEnabled ? (
              <form action={signInWithPassword} className="grid gap-3 border-t pt-5">
                <Label htmlFor="password">Operator password</Label>
                <Input id="password" name="password" type="password" autoComplete="current-password" required />
                <Button type="submit" variant="outline">
                  Sign in as operator
                </Button>
              </form>
            ) : null}
            {!githubEnabled && !passwordEnabled ? (
              <Alert>
                No sign-in method is configured. Set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET (see the README), or ADMIN_PASSWORD, in .env and restart.
              </Alert>
            ) : null}
          </CardContent>
        </Card>
      </main>
    </>
  );
}
