package io.botchannel.chat2desk.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a sandbox route answers: an HTTP status, a body and its content type, and the
 * {@code Retry-After} seconds of an emulated rate limit (null otherwise).
 */
public record SandboxResponse(int status, String body, String contentType, Integer retryAfter) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static SandboxResponse json(int status, JsonNode body) {
        return json(status, body, null);
    }

    static SandboxResponse json(int status, JsonNode body, Integer retryAfter) {
        try {
            return new SandboxResponse(status, JSON.writeValueAsString(body), "application/json", retryAfter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    static SandboxResponse html(String page) {
        return new SandboxResponse(200, page, "text/html; charset=utf-8", null);
    }
}
