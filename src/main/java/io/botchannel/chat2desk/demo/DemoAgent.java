package io.botchannel.chat2desk.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.botchannel.chat2desk.api.ApiError;
import io.botchannel.chat2desk.markup.MarkupTranslator;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The replies of the demo Agent (routes/demo-agent.camel.yaml decides which one): Agent API answers
 * {@code {"replies": [...]}} built as data, so that any client text is escaped correctly. They
 * show every kind of reply: markup, buttons, files, links and hand-over.
 */
public class DemoAgent {

    /** The sandbox's operator group of human operators. */
    static final long SUPPORT_GROUP = 7;
    static final String HELP = "I am the *demo Agent* of chat2desk-bot-channel. I echo what you write, and"
            + " __show__ what a bot can do here: pick one below, or write menu, file, link or operator.";

    private final String filesUrl;

    public DemoAgent(String publicUrl) {
        this.filesUrl = publicUrl.replaceAll("/+$", "") + "/demo-agent/files/";
    }

    /** The menu: text with markup and buttons, reply buttons with payloads and a URL button. */
    public Map<String, Object> menu() {
        return answer(Map.of("type", "text", "text", HELP, "buttons", List.of(
                button("Send a file", "file"), button("Send a link", "link"), button("Talk to a human", "operator"),
                Map.of("text", "Camel", "url", "https://camel.apache.org"))));
    }

    /** Files as files: an image and a PDF. */
    public Map<String, Object> files() {
        return answer(
                file("picture.png", "image", "A _picture_, sent as an image", "file"),
                file("guide.pdf", "file", "The *guide*, sent as a file", "file"));
    }

    /** A file as a link (sent as a file where links are not visible, e.g. Telegram). */
    public Map<String, Object> link() {
        return answer(file("guide.pdf", "file", "The guide, as a link:", "link"));
    }

    /** Hand-over: a word to the client, then the transfer to the human operators' group. */
    public Map<String, Object> operator() {
        return answer(Map.of("type", "text", "text", "I am handing you over to a human operator. Bye!"),
                Map.of("type", "transfer", "groupId", SUPPORT_GROUP));
    }

    /** The client's text quoted as written: escaped, so that what looks like markup is not taken as such. */
    public Map<String, Object> echo(@Body Map<String, Object> request) {
        Object text = request.get("text");
        return answer(Map.of("type", "text", "text",
                "You wrote: " + MarkupTranslator.escape(text == null ? "" : String.valueOf(text))));
    }

    /** Answers with one of the demo's files: Chat2Desk fetches the files it is sent by URL. */
    public void serveFile(Exchange exchange) throws IOException {
        String name = exchange.getMessage().getHeader("name", String.class);
        if (name == null || !name.matches("[a-z]+\\.(png|pdf)")) {
            throw ApiError.notFound("no such file");
        }
        try (InputStream in = DemoAgent.class.getResourceAsStream("/demo-agent/" + name)) {
            if (in == null) {
                throw ApiError.notFound("no such file: " + name);
            }
            Message answer = exchange.getMessage();
            answer.getHeaders().clear();
            answer.setHeader(Exchange.CONTENT_TYPE, name.endsWith(".pdf") ? "application/pdf" : "image/png");
            answer.setBody(in.readAllBytes());
        }
    }

    private Map<String, Object> file(String name, String kind, String caption, String delivery) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("type", "file");
        file.put("url", filesUrl + name);
        file.put("name", name);
        file.put("kind", kind);
        file.put("caption", caption);
        file.put("delivery", delivery);
        return file;
    }

    private static Map<String, Object> button(String text, String payload) {
        return Map.of("text", text, "payload", payload);
    }

    @SafeVarargs
    private static Map<String, Object> answer(Map<String, Object>... replies) {
        return Map.of("replies", List.of(replies));
    }
}
