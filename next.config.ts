import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The libSQL client loads a native binding; bundling it breaks the binding lookup.
  serverExternalPackages: ["@libsql/client", "libsql"],
  // Compression would buffer server-sent events; streaming responses must reach the client per write.
  compress: false,
  poweredByHeader: false,
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
