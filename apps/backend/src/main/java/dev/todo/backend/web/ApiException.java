package dev.todo.backend.web;

/** An error the client can fix (or must be told about), with its HTTP status. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String field;

    public ApiException(int status, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
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
}
