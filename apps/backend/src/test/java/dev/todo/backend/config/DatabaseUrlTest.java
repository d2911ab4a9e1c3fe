package dev.todo.backend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void neonStyleLibpqUrlBecomesJdbcWithCredentialsAndSslMode() {
        DatabaseUrl u = DatabaseUrl.parse("postgresql://neon%40user:p%3Ass%2Fw@ep-x.eu.aws.neon.tech:5432/neondb?sslmode=require&channel_binding=require",
                Path.of("/data"));
        assertEquals(DatabaseUrl.Kind.POSTGRESQL, u.kind());
        assertEquals("jdbc:postgresql://ep-x.eu.aws.neon.tech:5432/neondb?sslmode=require", u.jdbcUrl());
        assertEquals("neon@user", u.user());
        assertEquals("p:ss/w", u.password());
    }

    @Test
    void postgresSchemeWithoutPortOrDatabase() {
        DatabaseUrl u = DatabaseUrl.parse("postgres://u@db", Path.of("/data"));
        assertEquals("jdbc:postgresql://db/postgres", u.jdbcUrl());
        assertEquals("u", u.user());
        assertNull(u.password());
    }

    @Test
    void jdbcUrlsPassThrough() {
        DatabaseUrl u = DatabaseUrl.parse("jdbc:postgresql://h:5433/todo?user=a&password=b", Path.of("/data"));
        assertEquals(DatabaseUrl.Kind.POSTGRESQL, u.kind());
        assertEquals("jdbc:postgresql://h:5433/todo?user=a&password=b", u.jdbcUrl());
        assertEquals("jdbc:postgresql://h:5433/todo?user=a&password=***", u.describe());
        assertEquals(DatabaseUrl.Kind.H2, DatabaseUrl.parse("jdbc:h2:mem:x", Path.of(".")).kind());
    }

    @Test
    void noUrlMeansTheEmbeddedDatabaseUnderTheDataDirectory() {
        DatabaseUrl u = DatabaseUrl.parse("  ", Path.of("/data"));
        assertEquals(DatabaseUrl.Kind.H2, u.kind());
        assertTrue(u.jdbcUrl().startsWith("jdbc:h2:file:/data/todo"), u.jdbcUrl());
    }

    @Test
    void anythingElseIsRejectedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatabaseUrl.parse("mysql://u:p@h/db", Path.of(".")));
        assertTrue(e.getMessage().contains("DATABASE_URL"));
        assertTrue(!e.getMessage().contains("u:p"), "never echo credentials");
    }
}
