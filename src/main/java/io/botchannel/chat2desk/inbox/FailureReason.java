package io.botchannel.chat2desk.inbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.botchannel.chat2desk.RouteError;
import io.botchannel.chat2desk.bounds.AnswerTooLarge;
import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.channel.TokenMask;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Why an inbox entry failed, in the words a person fixing it needs: the call, the status and the
 * other side's own answer ({@code POST /v1/messages answered 400: {"errors":...}}), or what was
 * wrong with the Agent's reply. Never Camel's wrappers, which print the whole exchange, and never the
 * channel's token: an answer that repeats the request (which carries it where the channel shares
 * it with the Agent) shows it masked.
 */
final class FailureReason {

    private static final int MAX = 1900;
    private static final Pattern METHOD = Pattern.compile("[?&]httpMethod=([A-Za-z]+)");
    /** The options of the bundle's HTTP endpoints, which are no part of the call's address. */
    private static final String OPTIONS = "(^|&)(httpMethod|connectTimeout|responseTimeout|httpClientConfigurer)=[^&]*";

    private FailureReason() {
    }

    static String of(Exchange exchange, Throwable cause) {
        Channel channel = exchange == null ? null : exchange.getProperty("channel", Channel.class);
        return capped(TokenMask.hide(describe(exchange, cause), channel == null ? null : channel.token()));
    }

    private static String describe(Exchange exchange, Throwable cause) {
        Throwable root = cause;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                String answer = http.getResponseBody() == null || http.getResponseBody().isBlank()
                        ? " (no body)" : ": " + http.getResponseBody().strip();
                return method(exchange) + " " + pathOf(http.getUri()) + " answered " + http.getStatusCode() + answer;
            }
            if (t instanceof AnswerTooLarge tooLarge && tooLarge.call() != null) {
                return tooLarge.call() + " failed: " + tooLarge.getMessage();
            }
            root = t;
            if (t instanceof AnswerTooLarge || t instanceof RouteError) {
                break; // their message says it all; a RouteError's cause is the Error itself
            }
        }
        String endpoint = exchange == null ? null : exchange.getProperty(Exchange.FAILURE_ENDPOINT, String.class);
        boolean ownWords = root instanceof IllegalArgumentException || root instanceof CamelExchangeException
                || root instanceof AnswerTooLarge || root instanceof RouteError;
        String what = ownWords ? String.valueOf(root.getMessage())
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        boolean callFailed = endpoint != null && endpoint.startsWith("http") && !(root instanceof IllegalArgumentException);
        return callFailed ? method(exchange) + " " + pathOf(endpoint) + " failed: " + what : what;
    }

    /** The HTTP method of the failed call, from its endpoint ({@code ?httpMethod=POST}). */
    private static String method(Exchange exchange) {
        String endpoint = exchange == null ? null : exchange.getProperty(Exchange.FAILURE_ENDPOINT, String.class);
        Matcher m = METHOD.matcher(endpoint == null ? "" : endpoint);
        return m.find() ? m.group(1).toUpperCase() : "POST";
    }

    /** The path (and query) only: the host is the channel's, and the endpoint's options are ours. */
    private static String pathOf(String url) {
        try {
            URI uri = new URI(url);
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery().replaceAll(OPTIONS, "")
                    .replaceAll("^&", "");
            return (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (query.isEmpty() ? "" : "?" + query);
        } catch (URISyntaxException | RuntimeException e) {
            return String.valueOf(url);
        }
    }

    private static String capped(String text) {
        return text.length() <= MAX ? text : text.substring(0, MAX) + "...";
    }
}
