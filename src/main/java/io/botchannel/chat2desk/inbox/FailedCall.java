package io.botchannel.chat2desk.inbox;

import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * The HTTP status a failed call answered, for the retry policy of message-errors.camel.yaml.
 * The failure may arrive wrapped (a reply's call fails inside the split over the replies), so
 * the status is looked for along the causes.
 */
public final class FailedCall {

    private FailedCall() {
    }

    /**
     * Whether the failed call answered one of the statuses: a comma-separated list of statuses and
     * ranges, e.g. {@code "429, 408, 500-599"}. False when no HTTP answer caused the failure.
     */
    public static boolean answeredOneOf(Throwable failure, String statuses) {
        int status = statusOf(failure);
        if (status == 0) {
            return false;
        }
        for (String item : statuses.split(",")) {
            String[] range = item.trim().split("-");
            int from = Integer.parseInt(range[0].trim());
            int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
            if (status >= from && status <= to) {
                return true;
            }
        }
        return false;
    }

    /** The status of the HTTP answer that caused the failure, or 0 when none did. */
    static int statusOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                return http.getStatusCode();
            }
        }
        return 0;
    }
}
