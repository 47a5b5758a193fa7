package io.botchannel.chat2desk.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.botchannel.chat2desk.api.ApiError;
import io.botchannel.chat2desk.channel.Channel;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Headers;

/**
 * Chat2Desk's webhook signature: HMAC-SHA256 in lowercase hex over the raw body
 * bytes followed by the unix timestamp (seconds, as a decimal string), keyed with the lowercase hex
 * MD5 of the channel's token. The signature and the timestamp arrive in two headers whose names are
 * configurable, since Chat2Desk's are unconfirmed. A timestamp more than five minutes away from now,
 * either way, is refused as a replay. Every refusal is a 401 that says what is wrong, never a secret.
 */
public class WebhookSignature {

    public static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private static final String HMAC = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final String signatureHeader;
    private final String timestampHeader;
    private final Clock clock;

    public WebhookSignature(String signatureHeader, String timestampHeader) {
        this(signatureHeader, timestampHeader, Clock.systemUTC());
    }

    WebhookSignature(String signatureHeader, String timestampHeader, Clock clock) {
        this.signatureHeader = signatureHeader;
        this.timestampHeader = timestampHeader;
        this.clock = clock;
    }

    /** The intake's step: a signature that is sent must be right, and one is needed where the channel requires it. */
    public void verify(@ExchangeProperty("channel") Channel channel, @Headers Map<String, Object> headers,
                       @Body byte[] body) {
        check(channel.token(), channel.options().requireSignature(), headers, body);
    }

    /**
     * Accepts the webhook when it is signed correctly and recently, or when it is unsigned and the
     * channel does not require signatures; throws a 401 otherwise. The body is the exact bytes
     * received: decoding them first would change what was signed.
     */
    public void verify(Channel channel, boolean required, Map<String, Object> headers, byte[] body) {
        check(channel.token(), required, headers, body);
    }

    /** As {@link #verify(Channel, boolean, Map, byte[])}, with the signing key itself rather than its token. */
    public void verifyWithKey(String key, boolean required, Map<String, Object> headers, byte[] body) {
        checkWithKey(key, required, headers, body);
    }

    void check(String token, boolean required, Map<String, Object> headers, byte[] body) {
        checkWithKey(token == null ? null : keyFor(token), required, headers, body);
    }

    private void checkWithKey(String key, boolean required, Map<String, Object> headers, byte[] body) {
        String signature = header(headers, signatureHeader);
        String timestamp = header(headers, timestampHeader);
        if (signature == null && timestamp == null) {
            if (required) {
                throw ApiError.unauthorized("signature: this channel accepts signed webhooks only; "
                        + signatureHeader + " and " + timestampHeader + " are missing");
            }
            return;
        }
        if (signature == null) {
            throw ApiError.unauthorized("signature: " + timestampHeader + " is set but " + signatureHeader + " is missing");
        }
        if (timestamp == null) {
            throw ApiError.unauthorized("signature: " + signatureHeader + " is set but " + timestampHeader + " is missing");
        }
        requireRecent(timestamp);
        if (key == null) {
            throw ApiError.unauthorized("signature: the channel has no token to check it with");
        }
        byte[] expected = sign(key, body == null ? new byte[0] : body, timestamp)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw ApiError.unauthorized("signature: " + signatureHeader + " does not match the body and "
                    + timestampHeader + " for this channel's token");
        }
    }

    /** The signing key of a token: the lowercase hex MD5 of its UTF-8 bytes. */
    public static String keyFor(String token) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("MD5").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    /** The signature of a body and timestamp under a key, as Chat2Desk computes it. */
    public static String sign(String key, byte[] body, String timestamp) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC));
            mac.update(body);
            return HEX.formatHex(mac.doFinal(timestamp.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private void requireRecent(String timestamp) {
        if (!timestamp.matches("[0-9]{1,18}")) {
            throw ApiError.unauthorized("signature: " + timestampHeader + " must be unix seconds");
        }
        long age = clock.instant().getEpochSecond() - Long.parseLong(timestamp);
        if (age > MAX_SKEW.toSeconds()) {
            throw ApiError.unauthorized("signature: " + timestampHeader + " is more than 5 minutes old; refused as a replay");
        }
        if (-age > MAX_SKEW.toSeconds()) {
            throw ApiError.unauthorized("signature: " + timestampHeader + " is more than 5 minutes in the future");
        }
    }

    /**
     * A header's single value, whatever the case of its name (HTTP header names are case-insensitive
     * and arrive as the sender wrote them); null when absent or blank. A header sent twice is refused:
     * which of the two was meant cannot be told.
     */
    private static String header(Map<String, Object> headers, String name) {
        if (headers == null) {
            return null;
        }
        Object value = headers.get(name);
        if (value == null) {
            for (Map.Entry<String, Object> header : headers.entrySet()) {
                if (name.equalsIgnoreCase(header.getKey())) {
                    value = header.getValue();
                    break;
                }
            }
        }
        if (value instanceof Collection<?> values) {
            if (values.size() > 1) {
                throw ApiError.unauthorized("signature: " + name + " is sent more than once");
            }
            value = values.isEmpty() ? null : values.iterator().next();
        }
        String text = value == null ? null : value.toString().trim();
        return text == null || text.isEmpty() ? null : text;
    }
}
