package io.botchannel.chat2desk.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * The management key ({@code api.key}): it opens the whole management API, every channel of the
 * bundle, and also lets the operators' own tools write first as any channel's Agent.
 */
public class ApiKey {

    /** The shortest key accepted: a guessable key would open every channel. */
    public static final int MIN_LENGTH = 32;

    private final byte[] key;

    public ApiKey(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** A new random key of {@link #MIN_LENGTH} characters, for a bundle started without {@code api.key}. */
    public static String generate() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Lets the request on with {@code Authorization: Bearer <api.key>}; 401 otherwise (400 for a key in the URL). */
    public void authorize(@Header("Authorization") String authorization, @Header(Exchange.HTTP_QUERY) String query) {
        if (!matches(BearerKey.presented(authorization, query))) {
            throw ApiError.unauthorized("wrong bearer key");
        }
    }

    /** Whether a presented key is this one, compared in constant time. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), key);
    }
}
