package io.botchannel.chat2desk.demo;

import java.util.List;
import java.util.Map;

import org.apache.camel.Body;

/**
 * The replies of the demo Agent (routes/demo-agent.yaml decides which one): Agent API answers
 * {@code {"replies": [...]}} built as data, so that any client text is escaped correctly.
 */
public class DemoAgent {

    static final String HELP = "I am the *demo Agent* of chat2desk-bot-channel. Write anything and I will"
            + " echo it back. Write __help__ to see this again.";

    public Map<String, Object> help() {
        return answer(Map.of("type", "text", "text", HELP));
    }

    public Map<String, Object> echo(@Body Map<String, Object> request) {
        Object text = request.get("text");
        return answer(Map.of("type", "text", "text", "You wrote: " + (text == null ? "" : text)));
    }

    private static Map<String, Object> answer(Map<String, Object>... replies) {
        return Map.of("replies", List.of(replies));
    }
}
