package io.botchannel.chat2desk.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts Chat2Desk tokens at rest (AES-256-GCM, a random IV per value, the channel id as
 * associated data so that a value cannot be moved to another row). Without a key, tokens are
 * stored as they are. Values written before a key was configured stay readable, so encryption
 * can be switched on later.
 */
public final class TokenCipher {

    /** Marks an encrypted value; a plaintext Chat2Desk token never starts with it. */
    static final String PREFIX = "enc:v1:";
    /** Stores tokens as they are. */
    public static final TokenCipher NONE = new TokenCipher(null);

    static final int MIN_KEY_LENGTH = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    // The configured key may be a passphrase: stretch it. The salt binds the derived key to this use.
    private static final byte[] SALT = "chat2desk-bot-channel/channel.token/v1".getBytes(StandardCharsets.UTF_8);
    private static final int ITERATIONS = 210_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    private TokenCipher(SecretKey key) {
        this.key = key;
    }

    /**
     * The cipher for {@code channel.store.key}; {@link #NONE} when it is empty.
     *
     * @throws IllegalArgumentException for a key too short to protect anything
     */
    public static TokenCipher fromKey(String secret) {
        if (secret == null || secret.isBlank()) {
            return NONE;
        }
        if (secret.strip().length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("channel.store.key must be at least " + MIN_KEY_LENGTH
                    + " characters long (for example the output of: openssl rand -base64 32)");
        }
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.strip().toCharArray(), SALT, ITERATIONS, 256);
            byte[] bytes = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            return new TokenCipher(new SecretKeySpec(bytes, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot derive AES keys", e);
        }
    }

    public boolean encrypts() {
        return key != null;
    }

    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The value to store for a channel's token. */
    public String seal(String token, String channelId) {
        if (key == null || token == null) {
            return token;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(channelId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt a token", e);
        }
    }

    /** The token a stored value holds; plaintext values are returned as they are. */
    public String open(String stored, String channelId) {
        if (!isEncrypted(stored)) {
            return stored;
        }
        if (key == null) {
            throw new StoreException("the token of channel " + channelId + " is encrypted, but channel.store.key is"
                    + " not set", null);
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(channelId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new StoreException("the token of channel " + channelId + " cannot be decrypted with"
                    + " channel.store.key (was the key changed?)", e);
        }
    }
}
