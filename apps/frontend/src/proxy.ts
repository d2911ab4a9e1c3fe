import { NextResponse, type NextRequest } from "next/server";

/**
 * Forwards same-origin /api/* requests to the backend when no Ingress routes /api itself
 * (docs/runtime-contract.md). BACKEND_URL comes from the running server's environment, not from
 * the build, so one image works in every cluster; `next.config` rewrites would be baked in at
 * build time. The frontend owns no route under /api.
 */
export function backendTarget(pathname: string, search: string, env: Record<string, string | undefined> = process.env): URL {
  const base = (env["BACKEND_URL"] || "http://localhost:8080").replace(/\/+$/, "");
  return new URL(`${base}${pathname}${search}`);
}

export function proxy(request: NextRequest) {
  return NextResponse.rewrite(backendTarget(request.nextUrl.pathname, request.nextUrl.search));
}

export const config = {
  matcher: "/api/:path*",
};
