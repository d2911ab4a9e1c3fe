// Liveness/readiness of the frontend server itself (the image's HEALTHCHECK and the operator's
// probes). It does not call the backend: a backend outage must not restart the frontend.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "UP" }, { headers: { "Cache-Control": "no-store" } });
}
