package io.botchannel.chat2desk.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.apache.camel.Header;

/** The bearer key of the management API. */
public class ApiKey {

    private final byte[] key;

    public ApiKey(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** A new random key, for a bundle started without {@code api.key}. */
    public static String generate() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Lets the request on with the right {@code Authorization: Bearer <key>}; 401 otherwise. */
    public void authorize(@Header("Authorization") String authorization) {
        String prefix = "Bearer ";
        if (authorization == null || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw ApiError.unauthorized("missing bearer key: send Authorization: Bearer <api.key>");
        }
        byte[] given = authorization.substring(prefix.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, key)) {
            throw ApiError.unauthorized("wrong bearer key");
        }
    }
}
