package io.botchannel.chat2desk.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;

/**
 * The address a request came from, as the runtime's HTTP server saw it: Camel's platform-http on
 * Vert.x (the standalone runtime, camel run) puts it in a header, on a servlet container (Spring
 * Boot) it is the servlet request's. Neither is a header a client can set. Each server's types are
 * touched only when a request came through that server, so the other need not be there.
 */
final class CallerAddress {

    /** Set by platform-http on Vert.x: an io.vertx.core.net.SocketAddress. */
    static final String VERTX_REMOTE_ADDRESS = "CamelVertxPlatformHttpRemoteAddress";

    private CallerAddress() {
    }

    /** The caller's IP address, or null where the server said nothing. */
    static String of(Exchange exchange) {
        Object vertx = exchange.getMessage().getHeader(VERTX_REMOTE_ADDRESS);
        if (vertx != null) {
            return Vertx.hostAddress(vertx);
        }
        Object servlet = exchange.getMessage().getHeader(Exchange.HTTP_SERVLET_REQUEST);
        if (servlet != null) {
            return Servlet.remoteAddress(servlet);
        }
        return null;
    }

    private static final class Vertx {

        static String hostAddress(Object address) {
            return address instanceof io.vertx.core.net.SocketAddress socket ? socket.hostAddress() : null;
        }
    }

    private static final class Servlet {

        static String remoteAddress(Object request) {
            return request instanceof HttpServletRequest servlet ? servlet.getRemoteAddr() : null;
        }
    }
}
