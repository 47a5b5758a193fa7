package io.botchannel.chat2desk.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import io.botchannel.chat2desk.api.ApiError;
import io.botchannel.chat2desk.api.ApiKey;
import io.botchannel.chat2desk.api.BearerKey;
import io.botchannel.chat2desk.channel.ChannelStore;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Agent keys. Each channel's Agent writes first with a key of that channel's own, which opens
 * nothing else: not another channel, not the management API. A channel gets one when it is created,
 * and a new one replaces it on request; the key is shown only then. The store keeps its SHA-256 hash
 * alone (a random key of 256 bits needs no slow hash), so a copy of the store opens nothing.
 */
public class AgentKeys {

    private static final Logger LOG = LoggerFactory.getLogger(AgentKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChannelStore store;
    private final ApiKey managementKey;

    public AgentKeys(ChannelStore store, ApiKey managementKey) {
        this.store = store;
        this.managementKey = managementKey;
    }

    /** A new random key: 32 bytes, URL-safe, 43 characters. */
    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What the store keeps of a key: its SHA-256, in hex. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new key for the channel's Agent, replacing the old one at once: {@code {"agentKey": "..."}}, shown once. */
    public Map<String, String> replace(@Header("id") String id) {
        String key = newKey();
        if (!store.replaceAgentKey(id, hash(key))) {
            throw ApiError.notFound("no channel with id " + id);
        }
        LOG.info("Channel {}: a new Agent key replaced the old one", id);
        return Map.of("agentKey", key);
    }

    /**
     * Lets a request for channel {@code id} on with that channel's Agent key or the management key;
     * 401 otherwise (400 for a key in the URL).
     */
    public void authorize(@Header("id") String id, @Header("Authorization") String authorization,
            @Header(Exchange.HTTP_QUERY) String query) {
        String presented = BearerKey.presented(authorization, query);
        if (managementKey.matches(presented)) {
            return;
        }
        Optional<String> stored = id == null ? Optional.empty() : store.agentKeyHash(id);
        if (stored.isEmpty() || !MessageDigest.isEqual(stored.get().getBytes(StandardCharsets.US_ASCII),
                hash(presented).getBytes(StandardCharsets.US_ASCII))) {
            throw ApiError.unauthorized("wrong bearer key: send this channel's Agent key (or the management key)");
        }
    }
}
