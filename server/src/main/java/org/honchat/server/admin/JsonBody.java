package org.honchat.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** The fields of an admin API request's JSON object body; a body or field of the wrong shape is a 400. */
final class JsonBody {

    private JsonBody() {
    }

    /** A whole-number field of a JSON object body; a missing or other field is the client's mistake (400). */
    static long number(String body, String name) {
        JsonNode value = object(body).get(name);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
        return value.asLong();
    }

    /** A string field of a JSON object body; null when absent. */
    static String optionalField(String body, String name) {
        JsonNode value = object(body).get(name);
        return value == null || value.isNull() ? null : text(value, name);
    }

    /** A string field of a JSON object body; "" when absent; a field of another type is a mistake (400). */
    static String field(String body, String name) {
        JsonNode value = object(body).get(name);
        return value == null || value.isNull() ? "" : text(value, name);
    }

    private static String text(JsonNode value, String name) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return value.asText();
    }

    private static JsonNode object(String body) {
        try {
            JsonNode node = AdminApi.JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
    }
}
