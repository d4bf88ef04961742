import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The libSQL client loads a native binding; bundling it breaks the binding lookup.
  serverExternalPackages: ["@libsql/client", "libsql"],
  // Compression would buffer server-sent events; streaming responses must reach the client per write.
  compress: false,
  poweredByHeader: false,
  // Browser apps may call /v1 from any origin: a key travels in a header, never in a cookie, so a
  // foreign page can use only a key it already holds. Preflights are answered by each route's OPTIONS.
  async headers() {
    return [
      {
        source: "/v1/:path*",
        headers: [
          { key: "access-control-allow-origin", value: "*" },
          { key: "access-control-expose-headers", value: "request-id, x-request-id, retry-after, server-timing" },
        ],
      },
    ];
  },
  turbopack: {
    resolveAlias: {
      // swagger-ui-react's component build imports ApiDOM module by module, which Turbopack links
      // wrongly for OpenAPI 3.1 documents ("refract is not a function", swagger-ui issue #10599).
      // The same release's self-contained bundle (its own React and ApiDOM inside) is used instead,
      // mounted into a DOM node (components/docs/api-reference.tsx).
      "swagger-ui-standalone": "./node_modules/swagger-ui-react/swagger-ui-es-bundle.js",
    },
  },
};

export default nextConfig;
