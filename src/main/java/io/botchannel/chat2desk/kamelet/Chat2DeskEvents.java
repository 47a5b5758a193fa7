package io.botchannel.chat2desk.kamelet;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.webhook.WebhookEvent;
import io.botchannel.chat2desk.webhook.WebhookEvents;
import io.botchannel.chat2desk.webhook.WebhookSignature;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Headers;
import org.apache.camel.Message;

/**
 * The webhooks of {@code chat2desk-source}: checks the signature (and by default requires one),
 * reads the event as the bundle does (400 naming the field for a malformed one), and says which
 * events go on and how each goes on. Its path is fixed and known, so it does not start without a
 * key to check the signatures with: the token, or the signing key itself. Configured by its
 * properties, then {@link #check()}ed, as a Kamelet's bean is.
 */
public class Chat2DeskEvents {

    public static final String HOOK_TYPE = "hook-type";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookEvents events = new WebhookEvents();
    private String token;
    private String signatureKey;
    private boolean requireSignature = true;
    private String hookTypesText = WebhookEvent.INBOX;
    private String signatureHeader = "X-Signature";
    private String timestampHeader = "X-Timestamp";
    private WebhookSignature signature;
    private String signingKey;
    private Set<String> hookTypes;

    /** The Chat2Desk API token, whose MD5 keys the signatures. */
    public void setToken(String token) {
        this.token = token;
    }

    /** Or that key itself (the lowercase hex MD5 of the token), for a source that should not hold the token. */
    public void setSignatureKey(String signatureKey) {
        this.signatureKey = signatureKey;
    }

    /** Unsigned webhooks are refused. */
    public void setRequireSignature(boolean requireSignature) {
        this.requireSignature = requireSignature;
    }

    /** Comma-separated hook types that go on (e.g. {@code inbox}); the others are acknowledged only. */
    public void setEvents(String hookTypes) {
        this.hookTypesText = hookTypes;
    }

    public void setSignatureHeader(String signatureHeader) {
        this.signatureHeader = signatureHeader;
    }

    public void setTimestampHeader(String timestampHeader) {
        this.timestampHeader = timestampHeader;
    }

    /**
     * Checks the properties once they are all set: one of token and signatureKey is required,
     * since the path is known and anyone who finds it could post events as Chat2Desk.
     */
    public void check() {
        boolean hasToken = token != null && !token.isBlank();
        boolean hasKey = signatureKey != null && !signatureKey.isBlank();
        if (!hasToken && !hasKey) {
            throw new IllegalArgumentException("token: required (or signatureKey): without a key to check the"
                    + " signatures with, anyone who finds the path could post events as Chat2Desk");
        }
        if (hasToken && hasKey) {
            throw new IllegalArgumentException("signatureKey: give the token or the signatureKey, not both");
        }
        if (hasKey && !signatureKey.trim().matches("[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("signatureKey: must be the 32 hex digits of the token's MD5");
        }
        Set<String> types = Arrays.stream(hookTypesText.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (types.isEmpty()) {
            throw new IllegalArgumentException("events: name at least one hook type, e.g. inbox");
        }
        this.signature = new WebhookSignature(signatureHeader, timestampHeader);
        this.signingKey = hasToken ? WebhookSignature.keyFor(token.trim())
                : signatureKey.trim().toLowerCase(Locale.ROOT);
        this.hookTypes = types;
    }

    /** The event of a delivery: 401 for a wrong or missing signature, 400 for a malformed body. */
    public WebhookEvent read(@Headers Map<String, Object> headers, @Body byte[] body) {
        signature.verifyWithKey(signingKey, requireSignature, headers, body);
        return events.read(body);
    }

    /** Whether the event is one of the hook types that go on. */
    public boolean wanted(@ExchangeProperty("event") WebhookEvent event) {
        return hookTypes.contains(event.hookType());
    }

    /**
     * The event as it goes on: Chat2Desk's JSON, with the headers that name its chat, each also as
     * its CloudEvents alias ({@code ce-chat-id}, ...), as the Kamelet catalog's sources set them;
     * the webhook's HTTP headers are no part of it.
     */
    public void handOn(@ExchangeProperty("event") WebhookEvent event, Message message) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(ChatAddress.CHAT_ID, event.clientId());
        headers.put(ChatAddress.MESSAGE_ID, event.messageId());
        headers.put(ChatAddress.TRANSPORT, event.transport());
        headers.put(ChatAddress.CHANNEL_ID, event.chat2deskChannelId());
        headers.put(ChatAddress.DIALOG_ID, event.dialogId());
        headers.put(HOOK_TYPE, event.hookType());
        message.getHeaders().clear();
        headers.forEach((name, value) -> {
            if (value != null) {
                message.setHeader(name, value);
                message.setHeader(ChatAddress.CLOUD_EVENTS + name, value);
            }
        });
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(event.body());
    }

    /** The answer to a refused delivery: {@code {"error": "<reason naming the field>"}}. */
    public static String error(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception refusal) {
        return JSON.createObjectNode().put("error", refusal.getMessage()).toString();
    }

}
