package dev.todo.backend.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import dev.todo.backend.config.DatabaseUrl;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.quarkus.runtime.Startup;

/**
 * The connection pool and the schema. Quarkus fixes a datasource's database kind at build time,
 * but the runtime contract picks PostgreSQL or the embedded H2 database from {@code DATABASE_URL}
 * when the process starts, so the pool is built here. Flyway migrates on start; on PostgreSQL it
 * holds an advisory lock, so several replicas starting at once apply each migration once.
 */
@Startup
@ApplicationScoped
public class Database {

    private static final Logger LOG = Logger.getLogger(Database.class);

    private final AgroalDataSource pool;
    private final DatabaseUrl url;

    @Inject
    public Database(@ConfigProperty(name = "todo.database.url") java.util.Optional<String> databaseUrl,
            @ConfigProperty(name = "todo.data-dir") String dataDir,
            @ConfigProperty(name = "todo.database.max-connections") int maxConnections,
            @ConfigProperty(name = "todo.database.startup-wait") Duration startupWait) {
        this.url = DatabaseUrl.parse(databaseUrl.orElse(""), Path.of(dataDir));
        if (url.kind() == DatabaseUrl.Kind.H2) {
            try {
                Files.createDirectories(Path.of(dataDir));
            } catch (Exception e) {
                throw new IllegalStateException("Cannot create the data directory " + Path.of(dataDir).toAbsolutePath()
                        + " for the embedded database (set DATA_DIR to a writable directory): " + e.getMessage());
            }
        }
        this.pool = createPool(url, maxConnections);
        awaitServer(startupWait);
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("Cannot reach or migrate the " + url.kind() + " database at " + url.describe()
                    + ": " + rootMessage(e)
                    + (url.kind() == DatabaseUrl.Kind.POSTGRESQL ? " (is PostgreSQL running, and are DATABASE_URL's user, password and database right?)" : ""), e);
        }
        LOG.infof("Database ready: %s (%s)", url.kind(), url.describe());
    }

    /**
     * Waits, up to {@code wait}, while the database server cannot be reached at all (PostgreSQL still
     * starting, or its Service not yet routed to a ready pod): on Kubernetes the backend and its
     * database start together, and a backend that exited here would be restarted for nothing. Wrong
     * credentials, a missing database and every other error are not waited for: the migration below
     * reports them at once.
     */
    private void awaitServer(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (int attempt = 0; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                if (attempt > 0) {
                    LOG.infof("The database at %s answers", url.describe());
                }
                return;
            } catch (SQLException e) {
                if (!unreachable(e) || System.nanoTime() > deadline) {
                    return;
                }
                if (attempt % 5 == 0) {
                    LOG.infof("Waiting for the database at %s (up to %ds): %s", url.describe(), wait.toSeconds(),
                            rootMessage(e));
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** SQLState class 08: no connection could be made (refused, unknown host, timed out). */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static AgroalDataSource createPool(DatabaseUrl url, int maxConnections) {
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .metricsEnabled(true) // read by ConnectionPoolMetrics
                .connectionPoolConfiguration(cp -> cp
                        .minSize(0)
                        .initialSize(1)
                        .maxSize(maxConnections)
                        .acquisitionTimeout(Duration.ofSeconds(5))
                        // A connection the server dropped (PostgreSQL restarted, a failover, a
                        // network cut) is found on borrow and replaced, never handed out again:
                        // otherwise every request, and the readiness check, would fail on it until
                        // the pool happened to reap it.
                        .connectionValidator(AgroalConnectionPoolConfiguration.ConnectionValidator.defaultValidatorWithTimeout(2))
                        .validateOnBorrow(true)
                        .exceptionSorter(AgroalConnectionPoolConfiguration.ExceptionSorter.fatalExceptionSorter())
                        .validationTimeout(Duration.ofSeconds(30))
                        .reapTimeout(Duration.ofMinutes(5))
                        .connectionFactoryConfiguration(cf -> {
                            cf.jdbcUrl(url.jdbcUrl())
                                    .connectionProviderClass(url.kind() == DatabaseUrl.Kind.H2 ? org.h2.Driver.class : org.postgresql.Driver.class)
                                    .autoCommit(true);
                            if (url.user() != null) {
                                cf.principal(new NamePrincipal(url.user()));
                            }
                            if (url.password() != null) {
                                cf.credential(new SimplePassword(url.password()));
                            }
                            return cf;
                        }));
        try {
            return AgroalDataSource.from(config);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the connection pool for " + url.describe() + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** The pool's counters (connections in use, free, threads waiting), for /q/metrics. */
    public io.agroal.api.AgroalDataSourceMetrics poolMetrics() {
        return pool.getMetrics();
    }

    public DatabaseUrl.Kind kind() {
        return url.kind();
    }

    /** Runs {@code work} in one transaction, committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** Runs {@code work} on one connection in auto-commit mode (single statements, reads). */
    public <T> T withConnection(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    public boolean isReachable() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @PreDestroy
    void close() {
        pool.close();
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
