package dev.todo.backend.web;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every error response: a message for a person and, when one is at fault, the field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = "error")
public record ApiError(@Schema(description = "What went wrong, for a person") String error,
        @Schema(description = "The field at fault, when one is") String field) {
}
