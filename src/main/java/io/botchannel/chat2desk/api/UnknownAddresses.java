package io.botchannel.chat2desk.api;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;

/**
 * What no route serves: an unknown address (404), or a method its route does not take (405),
 * answered like every other refusal. It reads the HTTP endpoints Camel itself holds, so it works on
 * whichever HTTP server the runtime gives platform-http.
 */
public class UnknownAddresses {

    private static final String EVERY_METHOD = "GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS";

    /** Always throws: the refusal, 404 or 405, naming what was asked. */
    public void refuse(@Header(Exchange.HTTP_METHOD) String method, @Header(Exchange.HTTP_URI) String uri,
            CamelContext context) {
        String path = uri == null ? "/" : uri.split("\\?", 2)[0];
        Set<String> allowed = methodsAt(context, path);
        // a route that takes this method here would have answered: what reached this one is not served
        if (allowed.isEmpty() || allowed.contains(method)) {
            throw new ApiError(404, "nothing at " + method + " " + path + "; the README lists the bundle's addresses");
        }
        throw new ApiError(405, "method " + method + " is not allowed at " + path + " (only " + String.join(", ", allowed)
                + ")");
    }

    /** The methods that the routes take at this path, none for an address no route serves. */
    static Set<String> methodsAt(CamelContext context, String path) {
        Set<String> methods = new TreeSet<>();
        for (Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof PlatformHttpEndpoint http && !isCatchAll(http)
                    && matches(http.getPath(), http.isMatchOnUriPrefix(), path)) {
                String restrict = http.getHttpMethodRestrict();
                methods.addAll(Arrays.asList((restrict == null || restrict.isBlank() ? EVERY_METHOD : restrict)
                        .toUpperCase(java.util.Locale.ROOT).split("\\s*,\\s*")));
            }
        }
        return methods;
    }

    private static boolean isCatchAll(PlatformHttpEndpoint endpoint) {
        return endpoint.isMatchOnUriPrefix() && segments(endpoint.getPath()).length == 0;
    }

    /** {@code /api/v1/channels/{id}} matches {@code /api/v1/channels/42}; a prefix route also what lies below it. */
    static boolean matches(String template, boolean prefix, String path) {
        String[] expected = segments(template);
        String[] actual = segments(path);
        if (prefix ? actual.length < expected.length : actual.length != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            boolean variable = expected[i].startsWith("{") && expected[i].endsWith("}");
            if (!variable && !expected[i].equals(actual[i])) {
                return false;
            }
        }
        return true;
    }

    private static String[] segments(String path) {
        return Arrays.stream(path == null ? new String[0] : path.split("/")).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
    }
}
