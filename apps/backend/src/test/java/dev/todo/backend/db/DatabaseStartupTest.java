package dev.todo.backend.db;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On Kubernetes the backend and its PostgreSQL start together: the backend waits for a server that
 * cannot be reached yet instead of exiting (and being restarted), and still fails at once on
 * what waiting cannot fix.
 */
class DatabaseStartupTest {
    @TempDir
    Path dataDir;

    @Test
    void aServerThatNeverAnswersFailsTheStartAfterTheWaitWithAMessage() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        long start = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Database(
                Optional.of("postgresql://todo:pw@127.0.0.1:" + closedPort + "/todo"), dataDir.toString(), 2,
                Duration.ofSeconds(2)));
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(waited >= 1500, "waited " + waited + " ms for the server first");
        assertTrue(e.getMessage().contains("is PostgreSQL running"), e.getMessage());
    }

    @Test
    void aServerThatComesUpDuringTheWaitIsUsed() throws Exception {
        URI pg = postgres();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // PostgreSQL "starts" two seconds after the backend: a relay to the test server opens then.
        Thread relay = new Thread(() -> relay(port, pg.getHost(), pg.getPort() < 0 ? 5432 : pg.getPort(), 2000));
        relay.setDaemon(true);
        relay.start();
        Database db = new Database(Optional.of(jdbcUrl().replace(":" + (pg.getPort() < 0 ? 5432 : pg.getPort()) + "/",
                ":" + port + "/")), dataDir.toString(), 2, Duration.ofSeconds(30));
        try {
            assertTrue(db.isReachable());
        } finally {
            db.close();
        }
    }

    @Test
    void wrongCredentialsFailAtOnceWithoutWaiting() {
        URI pg = postgres();
        String wrong = jdbcUrl().replaceAll("password=[^&]*", "password=not-the-password");
        long start = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Database(Optional.of(wrong), dataDir.toString(), 2, Duration.ofSeconds(30)));
        long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(took < 15_000, "failed after " + took + " ms, not after the 30 s wait: " + pg);
        assertTrue(e.getMessage().contains("password"), e.getMessage());
    }

    private static String jdbcUrl() {
        String url = System.getProperty("todo.test.database-url", "");
        Assumptions.assumeTrue(url.startsWith("jdbc:postgresql:"), "needs the PostgreSQL test server");
        return url;
    }

    private static URI postgres() {
        return URI.create(jdbcUrl().substring("jdbc:".length()));
    }

    /** Accepts on {@code port} after {@code delayMillis} and pipes each connection to host:target. */
    private static void relay(int port, String host, int target, long delayMillis) {
        try {
            Thread.sleep(delayMillis);
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress("127.0.0.1", port));
                while (true) {
                    Socket client = server.accept();
                    Socket upstream = new Socket(host, target);
                    pipe(client.getInputStream(), upstream.getOutputStream());
                    pipe(upstream.getInputStream(), client.getOutputStream());
                }
            }
        } catch (IOException | InterruptedException e) {
            // the test is over
        }
    }

    private static void pipe(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            try (in; out) {
                in.transferTo(out);
            } catch (IOException e) {
                // connection closed
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
