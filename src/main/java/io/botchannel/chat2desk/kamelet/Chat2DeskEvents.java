package io.botchannel.chat2desk.kamelet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.webhook.WebhookEvent;
import io.botchannel.chat2desk.webhook.WebhookEvents;
import io.botchannel.chat2desk.webhook.WebhookSignature;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Headers;

/**
 * The webhooks of {@code chat2desk-source}: checks the signature where there is one (or where one
 * is required), reads the event as the bundle does (400 naming the field for a malformed one), and
 * says which events go on and what makes two deliveries the same event.
 */
public class Chat2DeskEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookEvents events = new WebhookEvents();
    private final WebhookSignature signature;
    private final Channel signer;
    private final boolean requireSignature;
    private final Set<String> hookTypes;

    /**
     * @param token            the Chat2Desk API token whose MD5 keys the signatures, or empty to check none
     * @param requireSignature unsigned webhooks are refused (needs the token)
     * @param hookTypes        comma-separated hook types that go on (e.g. {@code inbox}); the others are acknowledged only
     */
    public Chat2DeskEvents(String token, boolean requireSignature, String hookTypes, String signatureHeader,
                           String timestampHeader) {
        boolean hasToken = token != null && !token.isBlank();
        if (requireSignature && !hasToken) {
            throw new IllegalArgumentException("requireSignature: needs the token that signs the webhooks");
        }
        this.signature = new WebhookSignature(signatureHeader, timestampHeader);
        this.signer = hasToken ? new Channel(null, null, null, null, token.trim(), null, false, null, true, null, null,
                null, null, null) : null;
        this.requireSignature = requireSignature;
        this.hookTypes = Arrays.stream(hookTypes.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (this.hookTypes.isEmpty()) {
            throw new IllegalArgumentException("events: name at least one hook type, e.g. inbox");
        }
    }

    /** The event of a delivery: 401 for a wrong or missing signature, 400 for a malformed body. */
    public WebhookEvent read(@Headers Map<String, Object> headers, @Body byte[] body) {
        if (signer != null) {
            // without a token there is nothing to check a signature with: every delivery is taken as is
            signature.verify(signer, requireSignature, headers, body);
        }
        return events.read(body);
    }

    /** Whether the event is one of the hook types that go on. */
    public boolean wanted(@ExchangeProperty("event") WebhookEvent event) {
        return hookTypes.contains(event.hookType());
    }

    /** The answer to a refused delivery: {@code {"error": "<reason naming the field>"}}. */
    public static String error(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception refusal) {
        return JSON.createObjectNode().put("error", refusal.getMessage()).toString();
    }

    /**
     * What makes two deliveries the same event: its hook type and Chat2Desk's message id, else a
     * digest of the body (service events carry no message id; a redelivery repeats the body).
     */
    public String key(@ExchangeProperty("event") WebhookEvent event) {
        if (event.messageId() != null) {
            return event.hookType() + ":" + event.messageId();
        }
        try {
            return event.hookType() + ":sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(event.body().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
