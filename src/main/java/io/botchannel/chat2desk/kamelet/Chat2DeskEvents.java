package io.botchannel.chat2desk.kamelet;

import java.util.Arrays;
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

/**
 * The webhooks of {@code chat2desk-source}: checks the signature (and by default requires one),
 * reads the event as the bundle does (400 naming the field for a malformed one), and says which
 * events go on and what makes two deliveries the same event. Its path is fixed and known, so it
 * does not start without a key to check the signatures with: the token, or the signing key itself.
 */
public class Chat2DeskEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookEvents events = new WebhookEvents();
    private final WebhookSignature signature;
    private final String signingKey;
    private final boolean requireSignature;
    private final Set<String> hookTypes;

    /**
     * @param token            the Chat2Desk API token, whose MD5 keys the signatures
     * @param signatureKey     or that key itself (the lowercase hex MD5 of the token), for a source
     *                         that should not hold the token; one of the two is required
     * @param requireSignature unsigned webhooks are refused
     * @param hookTypes        comma-separated hook types that go on (e.g. {@code inbox}); the others are acknowledged only
     */
    public Chat2DeskEvents(String token, String signatureKey, boolean requireSignature, String hookTypes,
                           String signatureHeader, String timestampHeader) {
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
        this.signature = new WebhookSignature(signatureHeader, timestampHeader);
        this.signingKey = hasToken ? WebhookSignature.keyFor(token.trim())
                : signatureKey.trim().toLowerCase(Locale.ROOT);
        this.requireSignature = requireSignature;
        this.hookTypes = Arrays.stream(hookTypes.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (this.hookTypes.isEmpty()) {
            throw new IllegalArgumentException("events: name at least one hook type, e.g. inbox");
        }
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

    /** The answer to a refused delivery: {@code {"error": "<reason naming the field>"}}. */
    public static String error(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception refusal) {
        return JSON.createObjectNode().put("error", refusal.getMessage()).toString();
    }

}
