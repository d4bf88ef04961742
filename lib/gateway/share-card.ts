import type { Metadata } from "next";
import { getGatewayRuntime } from "./gateway-runtime";
import { publicBaseUrl } from "./page-session";

/** Size of the share image (Open Graph's recommended 1.91:1), in pixels. */
export const shareImageSize = { width: 1200, height: 630 } as const;

/**
 * Page metadata for link previews: title, description, Open Graph (with the share image
 * `/og?page=…`, absolute, as scrapers need) and a large-image Twitter card.
 */
export async function shareMetadata({ page, title, description }: { page: "home" | "docs"; title: string; description: string }): Promise<Metadata> {
  const [runtime, baseUrl] = await Promise.all([getGatewayRuntime(), publicBaseUrl()]);
  const siteName = runtime.environment.SITE_NAME;
  const image = { url: `${baseUrl}/og?page=${page}`, ...shareImageSize, alt: `${siteName} — ${title}` };
  const url = page === "docs" ? `${baseUrl}/docs` : baseUrl;
  return {
    metadataBase: new URL(baseUrl),
    title: page === "home" ? { absolute: `${siteName} — ${title}` } : title,
    description,
    openGraph: { type: "website", title: `${siteName} — ${title}`, description, url, siteName, images: [image] },
    twitter: { card: "summary_large_image", title: `${siteName} — ${title}`, description, images: [image.url] },
  };
}

/**
 * Text the bundled share-image font can draw: next/og ships a Latin font only and would fetch
 * others (or emoji) from the network, which a self-hosted gateway must not do; anything else
 * becomes "?". At most `maximumLength` characters.
 */
export function drawableText(text: string, maximumLength = 80): string {
  return text
    .replace(/\p{Extended_Pictographic}|\u200d|\ufe0f/gu, "")
    .replace(/[^\u0020-\u007e\u00a0-\u024f]/gu, "?")
    .slice(0, maximumLength);
}
