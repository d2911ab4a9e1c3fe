package dev.todo.backend.web;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

/**
 * A JSON integer as JSON Schema defines one: any number without a fraction, so {@code 7} and
 * {@code 7.0} are the same, and {@code 7.5}, {@code "7"} or {@code true} are a 400 naming the field.
 */
public class WholeNumber extends JsonDeserializer<Long> {

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue(); // out of the long range: Jackson's own error, a 400
        }
        if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
            var value = p.getDecimalValue();
            if (value.stripTrailingZeros().scale() <= 0) {
                try {
                    return value.longValueExact();
                } catch (ArithmeticException e) {
                    // too large: refused below
                }
            }
        }
        return (Long) ctxt.handleUnexpectedToken(Long.class, p);
    }
}
