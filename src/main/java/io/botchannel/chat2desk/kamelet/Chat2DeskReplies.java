package io.botchannel.chat2desk.kamelet;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.BundleProperties;
import io.botchannel.chat2desk.bounds.JsonLimits;
import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.chat.Chat;
import io.botchannel.chat2desk.markup.MarkupTranslator;
import io.botchannel.chat2desk.outbound.Buttons;
import io.botchannel.chat2desk.outbound.OutboundMessages;
import io.botchannel.chat2desk.outbound.ReplyChecks;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The replies of {@code chat2desk-sink}: reads the Agent's answer ({@code {"replies": [...]}} or one
 * reply), checks every reply before any is sent, and renders each as the body of Chat2Desk's
 * {@code POST /messages} with the bundle's markup, buttons and file rules, or hands the chat over.
 *
 * <p>The per-transport tables are the bundle's ({@code markup.*}, {@code buttons.*},
 * {@code files.links-invisible} of its defaults), with the runtime's own
 * properties of the same names taking precedence.
 */
public class Chat2DeskReplies {

    static final String LINKS_INVISIBLE = "files.links-invisible";
    private static final Predicate<String> RENDERING_KEY =
            key -> key.startsWith("markup.") || key.startsWith("buttons.") || key.equals(LINKS_INVISIBLE);
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };

    /** Only the operator matters to the outbound classes: the bot sends as that operator. */
    private final Channel channel;
    private final Chat2DeskTransfers transfers;
    /** The reply types the sink sends: the Agent API's own, no extra ones. */
    private static final ReplyChecks CHECKS = new ReplyChecks(List.of());

    private final ObjectMapper json = JsonLimits.mapper();
    private volatile Rendering rendering;

    /**
     * @param operatorId the operator the bot's messages are sent as, or empty for Chat2Desk's default
     *                   (an Object: Camel passes a Kamelet's number as a number, its absence as "")
     */
    public Chat2DeskReplies(String apiUrl, String token, Object operatorId) {
        this.channel = new Channel(null, null, null, null, null, ChatAddress.number(operatorId, "operatorId"), false,
                null, true, null, null, null, null, null);
        this.transfers = new Chat2DeskTransfers(apiUrl, token, null, null);
    }

    /** The replies to send, in order; a body with any reply that cannot be sent is refused as a whole. */
    public List<Map<String, Object>> replies(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        JsonNode node;
        try {
            node = body instanceof Map || body instanceof List ? json.valueToTree(body)
                    : json.readTree(exchange.getMessage().getBody(String.class) == null ? "" : exchange.getMessage().getBody(String.class));
        } catch (StreamConstraintsException e) {
            throw new IllegalArgumentException("body: " + JsonLimits.BEYOND);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body: not valid JSON (" + e.getOriginalMessage() + ")");
        }
        JsonNode replies;
        if (node != null && node.isObject() && node.has("replies")) {
            replies = node.get("replies");
        } else if (node != null && node.isObject()) {
            replies = json.createArrayNode().add(node);
        } else {
            throw new IllegalArgumentException("body: must be {\"replies\": [...]} or one reply {\"type\": ...}");
        }
        if (!replies.isArray()) {
            throw new IllegalArgumentException("replies: must be an array");
        }
        List<String> problems = CHECKS.problems(replies);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return json.convertValue(replies, LIST);
    }

    /** {@code POST /messages} of a text reply: markup per transport, buttons in the transport's style. */
    public String text(Exchange exchange, @ExchangeProperty("chat") Chat chat, @Body Map<String, Object> reply)
            throws JsonProcessingException {
        return rendering(exchange.getContext()).text(channel, chat, reply);
    }

    /** {@code POST /messages} of a file reply: a file or a link, as the transport shows it. */
    public String file(Exchange exchange, @ExchangeProperty("chat") Chat chat, @Body Map<String, Object> reply)
            throws JsonProcessingException {
        return rendering(exchange.getContext()).file(channel, chat, reply);
    }

    /** Hands the chat to the reply's operator or group; returns who it went to. */
    public String transfer(@ExchangeProperty("chat") Chat chat, @Body Map<String, Object> reply) {
        return transfers.handOver(chat, reply);
    }

    private Rendering rendering(CamelContext context) {
        Rendering tables = rendering;
        if (tables == null) {
            // built at the first reply, when the runtime's properties are known; building twice is harmless
            tables = rendering(context.getPropertiesComponent().loadProperties(RENDERING_KEY::test));
            rendering = tables;
        }
        return tables;
    }

    /**
     * The bundle's markup, buttons and files tables, and the choices its routes make with them
     * ({@code show-buttons} and {@code show-file} in {@code chat2desk-outbound.camel.yaml}), made
     * here in the same order: a Kamelet is one route and carries none of the bundle's.
     */
    record Rendering(OutboundMessages messages, Buttons buttons, String linksInvisible) {

        private static final ObjectMapper JSON = new ObjectMapper();

        String text(Channel channel, Chat chat, Map<String, Object> reply) throws JsonProcessingException {
            Map<String, Object> message = messages.toClient(channel, chat);
            messages.text(message, reply, chat);
            List<Buttons.Button> offered = buttons.inReply(reply);
            if (offered != null) {
                switch (buttons.styleFor(chat)) {
                    case Buttons.INLINE -> buttons.asInlineButtons(message, offered);
                    case Buttons.KEYBOARD -> buttons.asKeyboard(message, offered);
                    default -> buttons.asNumberedList(message, offered);
                }
            }
            return JSON.writeValueAsString(message);
        }

        String file(Channel channel, Chat chat, Map<String, Object> reply) throws JsonProcessingException {
            Map<String, Object> message = messages.toClient(channel, chat);
            if ("link".equals(reply.get("delivery")) && !messages.transportIsOneOf(chat, linksInvisible)) {
                messages.fileAsLink(message, reply, chat);
            } else if (messages.isPdf(reply)) {
                messages.fileAsPdf(message, reply, chat);
            } else {
                messages.fileAsAttachment(message, reply, chat);
            }
            return JSON.writeValueAsString(message);
        }
    }

    /** The bundle's tables overlaid with the given properties. */
    static Rendering rendering(Properties overrides) {
        Properties table = shippedTables();
        table.putAll(overrides);
        return new Rendering(new OutboundMessages(MarkupTranslator.fromProperties(table)), new Buttons(table, null),
                table.getProperty(LINKS_INVISIBLE, ""));
    }

    /** The tables of the bundle's defaults, as the jar carries them. */
    static Properties shippedTables() {
        Properties table = new Properties();
        Properties shipped = BundleProperties.defaults();
        shipped.stringPropertyNames().stream().filter(RENDERING_KEY)
                .forEach(key -> table.setProperty(key, shipped.getProperty(key)));
        return table;
    }
}
