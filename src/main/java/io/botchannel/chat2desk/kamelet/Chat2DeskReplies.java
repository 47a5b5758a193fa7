package io.botchannel.chat2desk.kamelet;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.bounds.JsonLimits;
import io.botchannel.chat2desk.outbound.ReplyChecks;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

/**
 * The replies of {@code chat2desk-sink}: reads the body ({@code {"replies": [...]}} or one reply)
 * and checks every reply before any is sent, as the bundle checks the Agent's answers: the Agent
 * API's types and the {@code replies.extra-types} the reply routes were given. How each reply
 * looks is the reply routes' to decide ({@link ReplyRoutes}).
 */
public class Chat2DeskReplies {

    static final String EXTRA_TYPES = "replies.extra-types";
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };

    private final ObjectMapper json = JsonLimits.mapper();
    private volatile ReplyChecks checks;

    /** The replies to send, in order; a body with any reply that cannot be sent is refused as a whole. */
    public List<Map<String, Object>> replies(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        JsonNode node;
        try {
            byte[] bytes = body instanceof Map || body instanceof List ? null
                    : exchange.getMessage().getBody(byte[].class);
            node = bytes == null ? json.valueToTree(body) : json.readTree(bytes);
        } catch (StreamConstraintsException e) {
            throw new IllegalArgumentException("body: " + JsonLimits.BEYOND);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body: not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("body: could not be read (" + e.getMessage() + ")");
        }
        JsonNode replies;
        if (node != null && node.isObject() && node.has("replies")) {
            replies = node.get("replies");
        } else if (node != null && node.isObject()) {
            replies = json.createArrayNode().add(node);
        } else {
            throw new IllegalArgumentException("body: must be {\"replies\": [...]} or one reply {\"type\": ...}, not "
                    + (body == null ? "empty" : "a " + body.getClass().getSimpleName()));
        }
        if (!replies.isArray()) {
            throw new IllegalArgumentException("replies: must be an array");
        }
        List<String> problems = checks(exchange.getContext()).problems(replies);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return json.convertValue(replies, LIST);
    }

    /** The runtime's {@code replies.extra-types}, read at the first reply, when its properties are known. */
    private ReplyChecks checks(CamelContext context) {
        ReplyChecks known = checks;
        if (known == null) {
            String extraTypes = context.getPropertiesComponent().resolveProperty(EXTRA_TYPES).orElse("");
            known = new ReplyChecks(Arrays.asList(extraTypes.split(",")));
            checks = known;
        }
        return known;
    }
}
