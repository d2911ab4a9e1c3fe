package dev.todo.backend.web;

/** An error the client can fix (or must be told about), with its HTTP status. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String field;
    private final long retryAfterSeconds;

    public ApiException(int status, String message, String field) {
        this(status, message, field, 0);
    }

    private ApiException(int status, String message, String field, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429, with when to retry: in the Retry-After header and, for a person, in the message. */
    public static ApiException tooManyRequests(String message, long waitNanos) {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return new ApiException(429, message + "; try again in " + seconds + " s", null, seconds);
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, message, field);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, what + " not found", null);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, message, null);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    /** Seconds to wait before trying again, or 0 when this error does not say. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
