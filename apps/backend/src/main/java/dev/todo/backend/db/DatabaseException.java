package dev.todo.backend.db;

import java.sql.SQLException;

/** A database failure; mapped to a 503 without details (the log has them). */
public class DatabaseException extends RuntimeException {
    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }
}
