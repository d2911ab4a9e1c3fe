package dev.todo.backend.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The methods each resource path answers, for the {@code Allow} header of a 405 (RFC 9110 requires
 * it; Quarkus REST's 405 carries none) and of an OPTIONS answer (Quarkus REST's lists every method
 * of the resource class, e.g. POST for /api/auth/me). Read once from the resources' own annotations, so a new
 * endpoint is in it without a list to keep: GET brings HEAD, and OPTIONS is always answered.
 */
@ApplicationScoped
public class AllowedMethods {

    private record Route(Pattern path, Set<String> methods) {
    }

    @Inject
    BeanManager beans;
    private final List<Route> routes = new ArrayList<>();

    @PostConstruct
    void init() {
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method m : type.getMethods()) {
                String method = httpMethod(m);
                if (method == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                Pattern path = template(root.value() + (sub == null ? "" : "/" + sub.value()));
                Route route = routes.stream().filter(r -> r.path().pattern().equals(path.pattern())).findFirst().orElse(null);
                if (route == null) {
                    route = new Route(path, new TreeSet<>(Set.of("OPTIONS")));
                    routes.add(route);
                }
                route.methods().add(method);
                if (method.equals("GET")) {
                    route.methods().add("HEAD");
                }
            }
        }
    }

    @ServerResponseFilter
    public void optionsAnswer(ContainerRequestContext request, ContainerResponseContext response) {
        if ("OPTIONS".equals(request.getMethod()) && response.getHeaders().containsKey("Allow")) {
            String allow = forPath(request.getUriInfo().getPath());
            if (allow != null) {
                response.getHeaders().putSingle("Allow", allow);
            }
        }
    }

    /** The methods {@code path} answers, comma-separated, or null when no resource has that path. */
    public String forPath(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return routes.stream().filter(r -> r.path().matcher(p).matches()).findFirst()
                .map(r -> String.join(", ", r.methods())).orElse(null);
    }

    private static String httpMethod(Method m) {
        for (var a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    /** {@code /api/tasks/{id}} as a pattern: each {@code {name}} one path segment. */
    static Pattern template(String path) {
        String p = ("/" + path).replaceAll("/+", "/");
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : p.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
