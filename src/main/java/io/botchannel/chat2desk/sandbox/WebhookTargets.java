package io.botchannel.chat2desk.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the sandbox may deliver webhooks. Served by the bundle, the sandbox must not become a way
 * to make the bundle post to any address it can reach: its webhooks may point only at the bundle's
 * own webhook path, {@code {channel.public-url}/webhooks/chat2desk/{channelKey}}, or that of the
 * other bundles named in {@code sandbox.webhook-base-urls} (instances behind a balancer, say).
 */
public final class WebhookTargets {

    /** Channel keys are URL-safe Base64: nothing that could leave the path (no {@code ..}, {@code ?}, {@code @}). */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private final List<String> prefixes;

    private WebhookTargets(List<String> prefixes) {
        this.prefixes = prefixes;
    }

    /** Only the webhook path of the bundles at these base URLs (comma-separated). */
    public static WebhookTargets bundlesAt(String baseUrls) {
        List<String> prefixes = Arrays.stream(baseUrls.split(",")).map(String::trim).filter(url -> !url.isEmpty())
                .map(url -> url.replaceAll("/+$", "") + "/webhooks/chat2desk/").toList();
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("sandbox.webhook-base-urls names no URL");
        }
        return new WebhookTargets(prefixes);
    }

    /** Any http or https URL: for tests of the emulated Chat2Desk itself, which deliver to their own receivers. */
    public static WebhookTargets any() {
        return new WebhookTargets(null);
    }

    /** Why the URL may not be a webhook, or null when it may. */
    String refusal(String url) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            return "The url must be an http or https URL.";
        }
        if (prefixes == null || prefixes.stream().anyMatch(
                prefix -> url.startsWith(prefix) && KEY.matcher(url.substring(prefix.length())).matches())) {
            return null;
        }
        return "The sandbox delivers webhooks only to this bundle: the url must be "
                + String.join(" or ", prefixes.stream().map(prefix -> prefix + "{channelKey}").toList())
                + " (sandbox.webhook-base-urls).";
    }
}
