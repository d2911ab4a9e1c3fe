import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";

// The UI needs no server of its own: `next build` exports it as static files (out/), which
// server/ (a small Go program, what the image runs) serves with the security headers below and
// beside which it forwards /api/* to BACKEND_URL, read when that server starts. Nothing here is
// baked into the export but the pages themselves.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

export default function config(phase: string): NextConfig {
  const base: NextConfig = { poweredByHeader: false, reactStrictMode: true };
  if (phase !== PHASE_DEVELOPMENT_SERVER) return { ...base, output: "export" };
  // `next dev` only: it plays the Go server's part, with BACKEND_URL read when it starts.
  const backend = (process.env.BACKEND_URL || "http://localhost:8080").replace(/\/+$/, "");
  return {
    ...base,
    async headers() {
      return [{ source: "/((?!api/).*)", headers: securityHeaders }];
    },
    async rewrites() {
      return [{ source: "/api/:path*", destination: `${backend}/api/:path*` }];
    },
  };
}
