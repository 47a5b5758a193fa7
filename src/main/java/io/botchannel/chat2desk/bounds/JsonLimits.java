package io.botchannel.chat2desk.bounds;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * How much JSON from outside the bundle (webhooks, the Agent's answers and writes, Chat2Desk's
 * answers, API bodies) may hold, stated here rather than left to Jackson's defaults. The sizes of
 * the bodies themselves are bounded where they are received; these bound what is inside them.
 */
public final class JsonLimits {

    /** Levels of nested objects and arrays; the Agent API and Chat2Desk's events need fewer than ten. */
    public static final int MAX_DEPTH = 64;
    /** Characters of one string: as many as the largest body the HTTP server takes. */
    public static final int MAX_STRING = 1_048_576;
    /** Characters of one field name. */
    public static final int MAX_NAME = 1_000;
    /** Digits of one number: ids have at most 19. */
    public static final int MAX_NUMBER = 100;

    /** What a refused document went past, in words for its sender (Jackson's own message names its internals). */
    public static final String BEYOND = "beyond the JSON limits: at most " + MAX_DEPTH + " levels of nesting, "
            + MAX_STRING + " characters in a string, " + MAX_NAME + " in a field name, " + MAX_NUMBER
            + " digits in a number";

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxStringLength(MAX_STRING)
            .maxNameLength(MAX_NAME)
            .maxNumberLength(MAX_NUMBER)
            .build();

    private JsonLimits() {
    }

    /** The builder of such a mapper, for readers that need more settings. */
    public static JsonMapper.Builder mapperBuilder() {
        return JsonMapper.builder(JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build());
    }

    /** A mapper for JSON from outside, within these limits. */
    public static ObjectMapper mapper() {
        return mapperBuilder().build();
    }
}
