import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The libSQL client loads a native binding; bundling it breaks the binding lookup.
  serverExternalPackages: ["@libsql/client", "libsql"],
  // Compression would buffer server-sent events; streaming responses must reach the client per write.
  compress: false,
  poweredByHeader: false,
};

export default nextConfig;
