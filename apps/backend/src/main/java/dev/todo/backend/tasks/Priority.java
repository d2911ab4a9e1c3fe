package dev.todo.backend.tasks;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Stored as 1..3 so that sorting by priority is sorting by number. */
public enum Priority {
    LOW(1), MEDIUM(2), HIGH(3);

    public final int rank;

    Priority(int rank) {
        this.rank = rank;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Priority ofRank(int rank) {
        for (Priority p : values()) {
            if (p.rank == rank) {
                return p;
            }
        }
        return MEDIUM;
    }

    /** @return the priority named by {@code s} (low, medium, high; any case), or null */
    public static Priority parse(String s) {
        if (s == null) {
            return null;
        }
        for (Priority p : values()) {
            if (p.json().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        return null;
    }
}
