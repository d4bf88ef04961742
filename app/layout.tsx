import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { LocaleProvider } from "@/components/locale-provider";
import { themeBootScript } from "@/components/theme-toggle";
import { getGatewayRuntime } from "@/lib/gateway/gateway-runtime";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import "./globals.css";

/** Every page's title ends with the instance's name (`SITE_NAME`). */
export async function generateMetadata(): Promise<Metadata> {
  const [{ t }, runtime] = await Promise.all([getTranslator(), getGatewayRuntime()]);
  const siteName = runtime.environment.SITE_NAME;
  return { title: { default: siteName, template: `%s · ${siteName}` }, description: t("home.description") };
}

/** Phones render the pages at their own width. */
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/** Every page: language and theme set before first paint, then the page itself. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeBootScript }} />
      </head>
      <body className="min-h-screen font-sans antialiased">
        <LocaleProvider locale={locale}>{children}</LocaleProvider>
      </body>
    </html>
  );
}
