package io.botchannel.chat2desk.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a caller's key is read: the {@code Authorization: Bearer <key>} header, and nowhere else.
 * Camel copies a request's query parameters into its headers, so {@code ?Authorization=Bearer...}
 * would pass for the header; it is refused instead, since a key in a URL is kept in access logs,
 * proxies and browser history.
 */
public final class BearerKey {

    private static final String HEADER = "Authorization";
    private static final String PREFIX = "Bearer ";

    private BearerKey() {
    }

    /**
     * The key the request presents: 400 when the query string carries one, 401 when the header is
     * missing or not a bearer key. The refusals never repeat the key.
     *
     * @param query the request's raw query string, or null
     */
    public static String presented(String authorization, String query) {
        if (inQuery(query)) {
            throw ApiError.badRequest(HEADER + ": send the key in the " + HEADER + " header, never in the URL;"
                    + " a key that was in a URL may be kept in logs and browser history: replace it");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                || authorization.substring(PREFIX.length()).isBlank()) {
            throw ApiError.unauthorized("missing bearer key: send " + HEADER + ": Bearer <key>");
        }
        return authorization.substring(PREFIX.length()).trim();
    }

    /** Whether a parameter of the query is named like the header, in any case or encoding. */
    static boolean inQuery(String query) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String parameter : query.split("[&;]")) {
            String name = parameter.split("=", 2)[0];
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // a broken escape: judge the name as written
            }
            if (name.trim().equalsIgnoreCase(HEADER)) {
                return true;
            }
        }
        return false;
    }
}
