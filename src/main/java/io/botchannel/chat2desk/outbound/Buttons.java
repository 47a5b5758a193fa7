package io.botchannel.chat2desk.outbound;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.chat.Chat;
import io.botchannel.chat2desk.chat.ChatStore;
import io.botchannel.chat2desk.webhook.WebhookEvent;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * The Agent's buttons, shown per transport as Chat2Desk inline buttons, a reply keyboard, or a
 * numbered text list (from the {@code buttons.*} table). Whatever way they were shown, a client
 * answering with a button's number or label sends that button's payload to the Agent.
 */
public class Buttons {

    public static final String INLINE = "inline";
    public static final String KEYBOARD = "keyboard";
    public static final String TEXT = "text";

    /** One button of a reply: a reply button with a payload, or a URL button. */
    public record Button(String text, String payload, String url) {

        boolean isUrl() {
            return url != null && !url.isBlank();
        }
    }

    private static final TypeReference<List<Button>> LIST = new TypeReference<>() {
    };

    private final TransportTable styles;
    private final ChatStore chats;
    private final ObjectMapper json = new ObjectMapper();

    public Buttons(Properties properties, ChatStore chats) {
        this.styles = new TransportTable("buttons", properties, TEXT, Set.of(INLINE, KEYBOARD, TEXT));
        this.chats = chats;
    }

    /** The style of the chat's transport in the {@code buttons.*} table: inline, keyboard or text. */
    public String styleFor(@ExchangeProperty("chat") Chat chat) {
        return styles.valueFor(chat.transport());
    }

    /** The buttons of an Agent reply; entries without a label are skipped. */
    public static List<Button> of(Map<String, Object> reply) {
        List<Button> buttons = new ArrayList<>();
        if (reply.get("buttons") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map && map.get("text") != null && !String.valueOf(map.get("text")).isBlank()) {
                    String text = String.valueOf(map.get("text")).trim();
                    Object payload = map.get("payload");
                    Object url = map.get("url");
                    buttons.add(new Button(text, payload == null ? text : String.valueOf(payload),
                            url == null ? null : String.valueOf(url)));
                }
            }
        }
        return buttons;
    }

    /** The buttons of the reply being sent, or null when it has none. */
    public List<Button> inReply(@ExchangeProperty("reply") Map<String, Object> reply) {
        List<Button> buttons = of(reply);
        return buttons.isEmpty() ? null : buttons;
    }

    /** Chat2Desk's {@code inline_buttons}, shown under the message. */
    public void asInlineButtons(@Body Map<String, Object> message, @ExchangeProperty("replyButtons") List<Button> buttons) {
        message.put("inline_buttons", chat2deskButtons(buttons));
    }

    /** Chat2Desk's {@code keyboard}, a reply keyboard shown under the input field. */
    public void asKeyboard(@Body Map<String, Object> message, @ExchangeProperty("replyButtons") List<Button> buttons) {
        message.put("keyboard", Map.of("buttons", chat2deskButtons(buttons)));
    }

    /** A numbered list under the text, answered with a number or a label; URL buttons show their URL. */
    public void asNumberedList(@Body Map<String, Object> message, @ExchangeProperty("replyButtons") List<Button> buttons) {
        message.put("text", message.get("text") + numberedList(buttons));
    }

    /**
     * Remembers the buttons of the bot's latest message, so that the client's answer can be read;
     * a latest message without buttons ends the offer. The chat is as it was before the answer.
     * The stage completes once that is committed (at once when nothing changes).
     */
    public CompletionStage<Void> offer(@ExchangeProperty("chat") Chat chat,
                                       @ExchangeProperty("reply") Map<String, Object> reply)
            throws JsonProcessingException {
        List<Button> buttons = of(reply).stream().filter(b -> !b.isUrl()).toList();
        String offered = buttons.isEmpty() ? null : json.writeValueAsString(buttons);
        if (Objects.equals(offered, chat.offeredButtons())) {
            return CompletableFuture.completedFuture(null);
        }
        return chats.offerButtons(chat, offered);
    }

    /**
     * The text to give the Agent for a client's message: the payload of the offered button the
     * client chose by number or label, else the text as written.
     */
    public String answer(@ExchangeProperty("chat") Chat chat, @ExchangeProperty("event") WebhookEvent event) {
        String text = event.text();
        if (chat == null || chat.offeredButtons() == null || text == null) {
            return text;
        }
        List<Button> offered;
        try {
            offered = json.readValue(chat.offeredButtons(), LIST);
        } catch (JsonProcessingException e) {
            return text;
        }
        String answer = text.trim();
        for (int i = 0; i < offered.size(); i++) {
            Button button = offered.get(i);
            if (answer.equals(String.valueOf(i + 1)) || answer.equalsIgnoreCase(button.text())) {
                // The offer stays until the bot's next message, which sets or ends it
                return button.payload();
            }
        }
        return text;
    }

    private static List<Map<String, Object>> chat2deskButtons(List<Button> buttons) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Button button : buttons) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("type", button.isUrl() ? "url" : "reply");
            b.put("text", button.text());
            if (button.isUrl()) {
                b.put("url", button.url());
            } else {
                b.put("payload", button.payload());
            }
            result.add(b);
        }
        return result;
    }

    private static String numberedList(List<Button> buttons) {
        StringBuilder list = new StringBuilder("\n");
        for (int i = 0; i < buttons.size(); i++) {
            Button button = buttons.get(i);
            list.append('\n').append(i + 1).append(". ").append(button.text());
            if (button.isUrl()) {
                list.append(": ").append(button.url());
            }
        }
        return list.toString();
    }
}
