package io.botchannel.chat2desk.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Calls the sandbox's dispatch methods the way the routes do, for one company token. */
final class SandboxClient {

    record Answer(int status, JsonNode json, Integer retryAfter) {

        JsonNode data() {
            return json.path("data");
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final Chat2DeskSandbox sandbox;
    private final String token;

    SandboxClient(Chat2DeskSandbox sandbox, String token) {
        this.sandbox = sandbox;
        this.token = token;
    }

    SandboxClient as(String otherToken) {
        return new SandboxClient(sandbox, otherToken);
    }

    Answer api(String method, String pathAndQuery, String body) {
        String[] parts = pathAndQuery.split("\\?", 2);
        return answer(sandbox.api(method, "/sandbox/v1" + parts[0], parts.length > 1 ? parts[1] : null, token, body));
    }

    Answer get(String pathAndQuery) {
        return api("GET", pathAndQuery, null);
    }

    Answer control(String method, String pathAndQuery, String body) {
        String[] parts = pathAndQuery.split("\\?", 2);
        return answer(sandbox.control(method, "/sandbox/control" + parts[0], parts.length > 1 ? parts[1] : null, body));
    }

    /** A client of this company writes; answers {messageId, clientId, dialogId, requestId}. */
    JsonNode clientWrites(String fieldsJson) {
        String body = fieldsJson.replaceFirst("^\\{", "{\"token\":\"" + token + "\",");
        Answer answer = control("POST", "/client-messages", body);
        if (answer.status() != 201) {
            throw new AssertionError("client message refused: " + answer.json());
        }
        return answer.json();
    }

    static Answer answer(SandboxResponse response) {
        try {
            return new Answer(response.status(), JSON.readTree(response.body()), response.retryAfter());
        } catch (JsonProcessingException e) {
            throw new AssertionError("the sandbox answered something that is not JSON: " + response.body(), e);
        }
    }
}
