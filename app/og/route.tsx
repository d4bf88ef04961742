import { ImageResponse } from "next/og";
import { getGatewayRuntime } from "@/lib/gateway/gateway-runtime";
import { publicBaseUrl } from "@/lib/gateway/page-session";
import { drawableText, shareImageSize } from "@/lib/gateway/share-card";
import { kiroModels } from "@/lib/llm/upstreams/kiro/kiro-model-ids";

export const dynamic = "force-dynamic";

/**
 * The share image of the landing page (`?page=home`) and /docs (`?page=docs`): a 1200×630 PNG with
 * the instance's name, base URL and models, drawn with next/og's bundled font (no download).
 */
export async function GET(request: Request): Promise<Response> {
  const page = new URL(request.url).searchParams.get("page") === "docs" ? "docs" : "home";
  const [runtime, baseUrl] = await Promise.all([getGatewayRuntime(), publicBaseUrl()]);
  const siteName = drawableText(runtime.environment.SITE_NAME, 40);
  const models = kiroModels.slice(0, 6).map((model) => drawableText(model.clientId, 40));
  const headline = page === "docs" ? "Set up Claude Code, the SDKs and your tools in one copy" : "Claude for every OpenAI- and Anthropic-compatible client";
  return new ImageResponse(
    (
      <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", justifyContent: "space-between", padding: "64px 72px", background: "#0f172a", color: "#f8fafc" }}>
        <div style={{ display: "flex", flexDirection: "column", gap: 18 }}>
          <div style={{ fontSize: 34, color: "#94a3b8" }}>{page === "docs" ? `${siteName} docs` : siteName}</div>
          <div style={{ fontSize: 60, fontWeight: 700, lineHeight: 1.1 }}>{headline}</div>
        </div>
        <div style={{ display: "flex", flexDirection: "column", gap: 22 }}>
          <div style={{ display: "flex", fontSize: 34, color: "#38bdf8" }}>{drawableText(baseUrl, 60)}</div>
          <div style={{ display: "flex", flexWrap: "wrap", gap: 12 }}>
            {models.map((model) => (
              <div key={model} style={{ display: "flex", fontSize: 24, padding: "8px 16px", borderRadius: 10, background: "#1e293b", color: "#e2e8f0" }}>
                {model}
              </div>
            ))}
          </div>
        </div>
      </div>
    ),
    // Shared caches may keep it only when the address in it is the configured one, not a visitor's Host.
    { ...shareImageSize, headers: { "cache-control": runtime.environment.PUBLIC_BASE_URL ? "public, max-age=300" : "private, max-age=60" } },
  );
}
