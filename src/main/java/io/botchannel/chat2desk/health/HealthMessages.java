package io.botchannel.chat2desk.health;

/** Texts for health results: the management server writes them into its JSON as they are. */
final class HealthMessages {

    private HealthMessages() {
    }

    /** One line without quotes or backslashes, so the health answer stays valid JSON. */
    static String plain(String text) {
        return text == null ? "" : text.replaceAll("[\"\\\\]", "'").replaceAll("\\s+", " ").trim();
    }
}
