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
            @ConfigProperty(name = "todo.database.max-connections") int maxConnections) {
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

    private static AgroalDataSource createPool(DatabaseUrl url, int maxConnections) {
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(cp -> cp
                        .minSize(0)
                        .initialSize(1)
                        .maxSize(maxConnections)
                        .acquisitionTimeout(Duration.ofSeconds(5))
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
