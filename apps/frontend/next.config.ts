import type { NextConfig } from "next";

// No rewrites here on purpose: next.config is evaluated at build time and serialized into the
// standalone server, so a BACKEND_URL read here would be baked into the image. The /api/*
// forwarding lives in src/proxy.ts, which reads BACKEND_URL from the running server's environment.
const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // Static headers for the UI's own pages (constant, so build time is fine). /api is the backend's.
  async headers() {
    return [
      {
        source: "/((?!api/).*)",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
