package io.botchannel.chat2desk.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;

/**
 * The headers a request really carried, as the runtime's HTTP server received them. Camel's
 * message headers are not that: platform-http adds the query parameters to them, so
 * {@code ?Origin=...} would read like a header. Vert.x's and the servlet container's request are
 * asked directly (each only when the request came through that server, so the other need not be
 * there); elsewhere every value Camel holds under the name counts.
 */
final class RequestHeaders {

    private RequestHeaders() {
    }

    /** Every value of the header, in the order received; empty when absent. */
    static List<String> all(Exchange exchange, String name) {
        if (exchange.getIn().getHeader(CallerAddress.VERTX_REMOTE_ADDRESS) != null) {
            List<String> values = Vertx.values(exchange, name);
            if (values != null) {
                return values;
            }
        }
        Object servlet = exchange.getIn().getHeader(Exchange.HTTP_SERVLET_REQUEST);
        if (servlet != null) {
            List<String> values = Servlet.values(servlet, name);
            if (values != null) {
                return values;
            }
        }
        return camelValues(exchange.getIn().getHeaders(), name);
    }

    private static List<String> camelValues(Map<String, Object> headers, String name) {
        List<String> values = new ArrayList<>();
        headers.forEach((key, value) -> {
            if (key.equalsIgnoreCase(name) && value != null) {
                if (value instanceof Collection<?> many) {
                    many.forEach(one -> values.add(String.valueOf(one)));
                } else {
                    values.add(value.toString());
                }
            }
        });
        return values;
    }

    private static final class Vertx {

        static List<String> values(Exchange exchange, String name) {
            return exchange.getIn() instanceof org.apache.camel.component.platform.http.vertx.HttpMessage message
                    ? message.getRequest().headers().getAll(name) : null;
        }
    }

    private static final class Servlet {

        static List<String> values(Object request, String name) {
            if (!(request instanceof HttpServletRequest servlet)) {
                return null;
            }
            Enumeration<String> values = servlet.getHeaders(name);
            return values == null ? null : Collections.list(values);
        }
    }
}
