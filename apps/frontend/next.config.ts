import type { NextConfig } from "next";

// No rewrites here on purpose: next.config is evaluated at build time and serialized into the
// standalone server, so a BACKEND_URL read here would be baked into the image. The /api/*
// forwarding lives in src/proxy.ts, which reads BACKEND_URL from the running server's environment.
const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
