package io.botchannel.chat2desk.api;

import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The management API reads JSON only, and says so to a caller who sends something else. */
public class JsonBodies {

    /**
     * Lets a request on when it has no body or a body marked {@code Content-Type: application/json};
     * 415 naming the header otherwise (curl's {@code -d} alone sends a form, which the HTTP server
     * has taken apart before this sees it).
     */
    public void require(Exchange exchange) {
        Message message = exchange.getMessage();
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null) {
            byte[] body = message.getBody(byte[].class);
            // Read once here; later steps read the same bytes
            message.setBody(body);
            if (body == null || body.length == 0) {
                return;
            }
        } else if (contentType.split(";")[0].trim().toLowerCase(Locale.ROOT).equals("application/json")
                || !hasBody(message)) {
            return;
        }
        throw new ApiError(415, "Content-Type: send the body as JSON with the header Content-Type: application/json"
                + (contentType == null ? " (the request had no Content-Type)" : " (the request had " + contentType + ")"));
    }

    /** From the headers: a form's body is no longer there to look at. */
    private static boolean hasBody(Message message) {
        Long length = message.getHeader("Content-Length", Long.class);
        return (length != null && length > 0) || message.getHeader("Transfer-Encoding") != null;
    }
}
