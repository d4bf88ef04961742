import Link from "next/link";
import { auth, signOut } from "@/lib/gateway/sign-in";
import { Button } from "@/components/ui/button";
import { ThemeToggle } from "./theme-toggle";

/** The top bar: name, the signed-in person's links, sign out, theme. */
export async function SiteHeader() {
  const user = (await auth())?.gatewayUser;
  return (
    <header className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-4">
        <Link href="/" className="mr-auto font-semibold tracking-tight">
          KiroGate
        </Link>
        {user ? (
          <>
            <Button variant="ghost" size="sm" asChild>
              <Link href="/dashboard">Dashboard</Link>
            </Button>
            {user.role === "admin" ? (
              <Button variant="ghost" size="sm" asChild>
                <Link href="/admin">Admin</Link>
              </Button>
            ) : null}
            <span className="hidden text-sm text-muted-foreground sm:inline" data-testid="signed-in-as">
              {user.login}
            </span>
            <form
              action={async () => {
                "use server";
                await signOut({ redirectTo: "/login" });
              }}
            >
              <Button variant="outline" size="sm" type="submit">
                Sign out
              </Button>
            </form>
          </>
        ) : (
          <Button variant="ghost" size="sm" asChild>
            <Link href="/login">Sign in</Link>
          </Button>
        )}
        <ThemeToggle />
      </div>
    </header>
  );
}
