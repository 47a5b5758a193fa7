package io.botchannel.chat2desk.markup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the Agent's markup ({@code *x*}, {@code _x_} italics, {@code __x__} bold, {@code *__x__*} bold italics,
 * {@code [text](url)}) into what the chat's Chat2Desk transport can show, choosing the style from a table
 * users can change:
 *
 * <pre>
 * markup.default=plain
 * markup.transport.whatsapp=whatsapp
 * markup.transport.viber=whatsapp
 * </pre>
 *
 * <p>Built-in styles: {@code whatsapp} ({@code _x_}, {@code *x*}, {@code *_x_*}) and {@code plain} (markers
 * removed). Both show links as {@code text (url)}, or the bare URL when the text is the URL. Further styles
 * can be registered by name.
 *
 * <p>What is read as markup, and what stays as written:
 * <ul>
 *   <li>A marker only counts when it hugs text on its inner side and is not glued to a letter or digit on its
 *       outer side; so {@code snake_case_name}, {@code my__var__name}, {@code 2*3*4} and {@code 2 * 3 = 6} stay.
 *       A free-standing {@code __init__} is exactly the Agent's bold syntax and is read as bold.</li>
 *   <li>URLs ({@code scheme://...}, {@code www....}) and e-mail addresses are never looked into.</li>
 *   <li>Unclosed markers and brackets, empty pairs ({@code **}, {@code __}), runs that are no Agent marker
 *       ({@code **x**}, {@code ___}) and an unfinished link ({@code [a](}) stay literal.</li>
 * </ul>
 *
 * <p>No text is lost: the output without its {@code *} and {@code _} equals, without its {@code *} and
 * {@code _}, the input in which each matched marker pair is deleted and each link {@code [T](U)} is written
 * {@code T (U)} (or {@code U} when T reads U). Translating takes time linear in the text and never throws:
 * should the parser or a style fail, the text goes out as written, counted in {@link #fallbacks()} and logged
 * once per cause. Instances are thread-safe; their table and styles never change.
 */
public final class MarkupTranslator {

    public static final String PLAIN = "plain";
    public static final String WHATSAPP = "whatsapp";
    public static final String TRANSPORT_PREFIX = "markup.transport.";
    public static final String DEFAULT_KEY = "markup.default";
    /** The shipped table, one line per WhatsApp and Viber transport. */
    public static final String DEFAULTS_RESOURCE = "/chat2desk-bot-channel.properties";
    private static final Logger LOG = LoggerFactory.getLogger(MarkupTranslator.class);
    /** Causes logged so far are kept to tell a new one; past this many, further ones are counted only. */
    private static final int LOGGED_CAUSES = 100;

    private final Map<String, String> transportStyles;
    private final String defaultStyle;
    private final Map<String, MarkupStyle> styles;
    private final LongAdder fallbacks = new LongAdder();
    private final Set<String> loggedCauses = ConcurrentHashMap.newKeySet();

    /**
     * @param transportStyles transport name (as Chat2Desk sends it in {@code transport}) to style name
     * @param defaultStyle    the style of every transport not in the table; null means {@code plain}
     * @throws IllegalArgumentException when the table names a style that does not exist, so that a typo in the
     *                                  configuration stops the start rather than garbling messages
     */
    public MarkupTranslator(Map<String, String> transportStyles, String defaultStyle) {
        this(transportStyles, defaultStyle, Map.of());
    }

    /**
     * @param extraStyles further styles by name, e.g. {@code html}; they may also replace a built-in one
     */
    public MarkupTranslator(Map<String, String> transportStyles, String defaultStyle,
                            Map<String, MarkupStyle> extraStyles) {
        Map<String, MarkupStyle> known = new HashMap<>();
        known.put(PLAIN, PlainStyle.INSTANCE);
        known.put(WHATSAPP, new WhatsAppStyle());
        extraStyles.forEach((name, style) -> known.put(normalise(name), Objects.requireNonNull(style, name)));
        this.styles = Map.copyOf(known);

        Map<String, String> table = new LinkedHashMap<>();
        transportStyles.forEach((transport, style) -> table.put(normalise(transport), checked(style, transport)));
        this.transportStyles = Map.copyOf(table);
        this.defaultStyle = defaultStyle == null ? PLAIN : checked(defaultStyle, DEFAULT_KEY);
    }

    /** Reads {@code markup.transport.<transport>=<style>} and {@code markup.default} (plain when absent). */
    public static MarkupTranslator fromProperties(Properties properties) {
        return fromProperties(properties, Map.of());
    }

    public static MarkupTranslator fromProperties(Properties properties, Map<String, MarkupStyle> extraStyles) {
        Map<String, String> table = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (key.startsWith(TRANSPORT_PREFIX) && key.length() > TRANSPORT_PREFIX.length()) {
                table.put(key.substring(TRANSPORT_PREFIX.length()), properties.getProperty(key));
            }
        }
        return new MarkupTranslator(table, properties.getProperty(DEFAULT_KEY), extraStyles);
    }

    /** The table shipped in {@value #DEFAULTS_RESOURCE}. */
    public static MarkupTranslator fromDefaults() {
        Properties properties = new Properties();
        try (InputStream in = MarkupTranslator.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fromProperties(properties);
    }

    /**
     * The Agent's text as the transport should show it. Null gives null; text with nothing to translate is
     * returned as the same string. Transport names are compared ignoring case; unknown or null ones get the
     * default style.
     */
    public String translate(String text, String transport) {
        return translate(text, transport, null);
    }

    /**
     * As {@link #translate(String, String)}, for a text going out on a channel, which the log names should
     * translating it fail.
     */
    public String translate(String text, String transport, String channelId) {
        if (text == null || !mayHaveMarkup(text)) {
            return text;
        }
        String translated;
        try {
            translated = styles.get(styleName(transport)).render(MarkupParser.parse(text));
        } catch (RuntimeException e) {
            // Not expected (the tests feed thousands of hostile strings and count these), but a formatting bug
            // must never cost a user the Agent's answer: the markup as written is the lesser harm
            fallback(e, transport, channelId);
            return text;
        }
        return translated.equals(text) ? text : translated;
    }

    /** How many texts went out as written because translating them failed, since this translator was made. */
    public long fallbacks() {
        return fallbacks.sum();
    }

    private void fallback(RuntimeException e, String transport, String channelId) {
        fallbacks.increment();
        StackTraceElement[] trace = e.getStackTrace();
        // The exception's class and where it was thrown; not its message, which may quote the client's text
        String cause = e.getClass().getName() + (trace.length > 0 ? " at " + trace[0] : "");
        if (loggedCauses.size() < LOGGED_CAUSES && loggedCauses.add(cause)) {
            LOG.warn("Channel {}: a text for transport {} went out with its markup as written, which could not"
                    + " be translated ({}); later texts failing the same way are not logged", channelId,
                    transport, cause);
        }
    }

    /**
     * The text as markup that shows it exactly as written: each {@code * _ [ ]} gets a backslash, for an Agent
     * that quotes what someone else wrote.
     */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (MarkupScanner.isEscapable(c)) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /** The style name used for the transport. */
    public String styleName(String transport) {
        return transport == null ? defaultStyle : transportStyles.getOrDefault(normalise(transport), defaultStyle);
    }

    /** Transport to style, as configured (names in lower case). */
    public Map<String, String> table() {
        return transportStyles;
    }

    public String defaultStyle() {
        return defaultStyle;
    }

    private String checked(String style, String where) {
        String name = style == null ? "" : normalise(style);
        if (!styles.containsKey(name)) {
            Set<String> names = new TreeSet<>(styles.keySet());
            throw new IllegalArgumentException("Unknown markup style '" + style + "' for " + where
                    + "; known styles: " + names);
        }
        return name;
    }

    private static boolean mayHaveMarkup(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '_' || c == '[') {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
