package dev.todo.backend.web;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /health}: 200 while the process serves requests (the Kubernetes-style probes are under /q/health). */
@Path("/health")
public class HealthResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Liveness for load balancers and the specs: 200 {status: UP}")
    public Map<String, String> health() {
        return Map.of("status", "UP");
    }
}
