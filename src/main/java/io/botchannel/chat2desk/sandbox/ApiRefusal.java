package io.botchannel.chat2desk.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A call the emulated Chat2Desk refuses, with the HTTP status and the texts the real API uses,
 * so that clients matching on those texts work against the sandbox too.
 */
final class ApiRefusal extends RuntimeException {

    private final int status;
    private final JsonNode errors;

    ApiRefusal(int status, String message, JsonNode errors) {
        super(message);
        this.status = status;
        this.errors = errors;
    }

    /** 400 naming the field, in Chat2Desk's {@code errors: {field: [text]}} shape. */
    static ApiRefusal invalid(String field, String text) {
        ObjectNode errors = JsonNodeFactory.instance.objectNode();
        errors.putArray(field).add(text);
        return new ApiRefusal(400, text, errors);
    }

    static ApiRefusal badRequest(String text) {
        return new ApiRefusal(400, text, TextNode.valueOf(text));
    }

    /** Something named in the path does not exist. */
    static ApiRefusal notFound(String text) {
        return new ApiRefusal(404, text, TextNode.valueOf(text));
    }

    int status() {
        return status;
    }

    JsonNode errors() {
        return errors;
    }

    /** The Chat2Desk error envelope. */
    ObjectNode envelope() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "error");
        body.put("message", getMessage());
        if (errors != null) {
            body.set("errors", errors);
        }
        return body;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // A refusal is an answer, not a fault: no stack trace to collect
        return this;
    }
}
