package dev.todo.operator.resources.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The shell scripts the backup and restore Jobs run, from src/main/resources/backup: the same text the
 * Jobs carry and scripts/e2e/backup-scripts.sh runs against a real PostgreSQL.
 */
public final class BackupScripts {
  public static final String BACKUP = read("/backup/postgres-backup.sh");
  public static final String RESTORE = read("/backup/postgres-restore.sh");

  private BackupScripts() {
  }

  private static String read(String resource) {
    try (InputStream in = BackupScripts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the operator's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
