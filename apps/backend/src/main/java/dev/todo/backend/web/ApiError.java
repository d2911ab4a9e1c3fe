package dev.todo.backend.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every error response: a message for a person and, when one is at fault, the field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String field) {
}
