import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { themeBootScript } from "@/components/theme-toggle";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "KiroGate", template: "%s · KiroGate" },
  description: "A self-hosted gateway that lets OpenAI- and Anthropic-compatible clients use Claude through a pool of Kiro accounts.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeBootScript }} />
      </head>
      <body className="min-h-screen font-sans antialiased">{children}</body>
    </html>
  );
}
