package io.botchannel.chat2desk.markup;

import java.util.ArrayList;
import java.util.List;

/**
 * The emphasis markers the Agent writes. {@code *x*} and {@code _x_} are both italics, {@code __x__} is bold;
 * bold italics {@code *__x__*} is simply a star around a double underscore.
 */
public enum Marker {
    STAR("*", false),
    UNDERSCORE("_", false),
    DOUBLE_UNDERSCORE("__", true);

    private static final List<List<Marker>> SINGLE = List.of(List.of(STAR), List.of(UNDERSCORE),
            List.of(DOUBLE_UNDERSCORE));

    private final String text;
    private final boolean bold;

    Marker(String text, boolean bold) {
        this.text = text;
        this.bold = bold;
    }

    /** The characters the Agent writes on each side. */
    public String text() {
        return text;
    }

    public boolean bold() {
        return bold;
    }

    /**
     * Reads a run of {@code *} and {@code _} characters, such as {@code *__} or {@code __*}, as the markers it is
     * made of, left to right. Returns null when the run is not made of distinct known markers ({@code **},
     * {@code ___}, {@code *_*}): such runs are not Agent markup and stay as written.
     */
    static List<Marker> split(CharSequence text, int start, int end) {
        if (end - start == 1 || end - start == 2 && text.charAt(start) == text.charAt(start + 1)) {
            // Nearly every run is one marker; sharing those lists saves an allocation per run of a long message
            Marker single = of(text.charAt(start), end - start);
            if (single != null) {
                return SINGLE.get(single.ordinal());
            }
        }
        List<Marker> markers = new ArrayList<>(3);
        int at = start;
        while (at < end) {
            char c = text.charAt(at);
            int same = at;
            while (same < end && text.charAt(same) == c) {
                same++;
            }
            Marker marker = of(c, same - at);
            if (marker == null || markers.contains(marker)) {
                return null;
            }
            markers.add(marker);
            at = same;
        }
        return markers;
    }

    private static Marker of(char c, int count) {
        if (c == '*' && count == 1) {
            return STAR;
        }
        if (c == '_' && count == 1) {
            return UNDERSCORE;
        }
        if (c == '_' && count == 2) {
            return DOUBLE_UNDERSCORE;
        }
        return null;
    }
}
