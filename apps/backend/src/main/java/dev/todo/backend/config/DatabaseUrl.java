package dev.todo.backend.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the data lives, derived from {@code DATABASE_URL}: the libpq/Neon form
 * ({@code postgresql://user:pass@host:5432/db?sslmode=require}), a {@code jdbc:postgresql:} or
 * {@code jdbc:h2:} URL, or, when absent, an embedded on-disk H2 database under the data directory.
 */
public record DatabaseUrl(Kind kind, String jdbcUrl, String user, String password) {

    public enum Kind { POSTGRESQL, H2 }

    /** libpq query parameters that the PostgreSQL JDBC driver understands under the same name. */
    private static final List<String> PASSED_THROUGH = List.of("sslmode", "sslrootcert", "sslcert", "sslkey",
            "application_name", "connect_timeout", "options", "target_session_attrs");

    public static DatabaseUrl parse(String databaseUrl, Path dataDir) {
        if (databaseUrl == null || databaseUrl.isBlank()) {
            Path file = dataDir.toAbsolutePath().normalize().resolve("todo");
            // AUTO_SERVER off: one process owns the file; DB_CLOSE_ON_EXIT off: Quarkus closes the pool on shutdown.
            return new DatabaseUrl(Kind.H2, "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        }
        String url = databaseUrl.trim();
        if (url.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(Kind.POSTGRESQL, url, null, null);
        }
        if (url.startsWith("jdbc:h2:")) {
            return new DatabaseUrl(Kind.H2, url, "sa", "");
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            return fromLibpq(url);
        }
        throw new IllegalArgumentException("DATABASE_URL must look like postgresql://user:pass@host:5432/db, "
                + "jdbc:postgresql://host:5432/db or jdbc:h2:..., got one with the scheme '"
                + (url.contains(":") ? url.substring(0, url.indexOf(':')) : "(none)") + "'");
    }

    private static DatabaseUrl fromLibpq(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL (special characters in the password must be percent-encoded)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL has no host name");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String db = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "postgres" : decode(uri.getRawPath().substring(1));
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append('/').append(db);
        List<String> params = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String key = pair.split("=", 2)[0];
                if (PASSED_THROUGH.contains(key)) {
                    params.add(pair);
                }
            }
        }
        if (!params.isEmpty()) {
            jdbc.append('?').append(String.join("&", params));
        }
        return new DatabaseUrl(Kind.POSTGRESQL, jdbc.toString(), user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL without credentials, safe to log. */
    public String describe() {
        return jdbcUrl.replaceAll("password=[^&;]*", "password=***");
    }
}
