package io.botchannel.chat2desk.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful, in-memory Chat2Desk for tests and newcomers: the part of the API
 * the bundle uses, signed webhook delivery with Chat2Desk's retries, a control API to play the
 * client and to inject faults, and a chat page. State is per company, a company being its API
 * token; the demo company exists from the start. Bound as bean {@code chat2deskSandbox} and
 * called by {@code routes/chat2desk-sandbox.camel.yaml}.
 */
public class Chat2DeskSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Chat2DeskSandbox.class);

    private final String demoToken;
    private final IdSequences ids = new IdSequences();
    private final WebhookDelivery delivery;
    private final Map<String, Company> companies = new ConcurrentHashMap<>();
    private final Chat2DeskEndpoints api = new Chat2DeskEndpoints(this);
    private final ControlEndpoints control = new ControlEndpoints(this);
    private volatile String page;

    /**
     * @param retryScale multiplies Chat2Desk's webhook retry delays (10 s, 5 min, 2 h) and the 5 h
     *                   after which a failing webhook is disabled: 1.0 is real time, tests use e.g. 0.001
     *                   <p>
     *                   Delivers webhooks to any http(s) URL: for tests of the emulated Chat2Desk, with their own receivers.
     */
    public Chat2DeskSandbox(String demoToken, String signatureHeader, String timestampHeader, double retryScale) {
        this(demoToken, signatureHeader, timestampHeader, retryScale, WebhookTargets.any());
    }

    /**
     * @param targets where webhooks may be registered; the bundle allows only its own webhook path
     */
    public Chat2DeskSandbox(String demoToken, String signatureHeader, String timestampHeader, double retryScale,
            WebhookTargets targets) {
        if (demoToken == null || demoToken.isBlank()) {
            throw new IllegalArgumentException("the sandbox needs a demo token (sandbox.token)");
        }
        if (!(retryScale >= 0)) {
            throw new IllegalArgumentException("sandbox.retry-scale must be 0 or more, not " + retryScale);
        }
        this.demoToken = demoToken.trim();
        this.delivery = new WebhookDelivery(signatureHeader, timestampHeader, retryScale, targets);
        createCompany(this.demoToken);
    }

    /** A call of the emulated Chat2Desk API ({@code /sandbox/v1/...}). */
    public SandboxResponse api(@Header(Exchange.HTTP_METHOD) String method, @Header(Exchange.HTTP_PATH) String path,
            @Header(Exchange.HTTP_QUERY) String query, @Header("Authorization") String authorization, @Body String body) {
        try {
            return api.handle(method, path, query, authorization, body);
        } catch (RuntimeException e) {
            return unexpected(e, method, path);
        }
    }

    /** A call of the control API ({@code /sandbox/control/...}). */
    public SandboxResponse control(@Header(Exchange.HTTP_METHOD) String method, @Header(Exchange.HTTP_PATH) String path,
            @Header(Exchange.HTTP_QUERY) String query, @Body String body) {
        try {
            return control.handle(method, path, query, body);
        } catch (RuntimeException e) {
            return unexpected(e, method, path);
        }
    }

    /** The chat page ({@code GET /sandbox}). */
    public SandboxResponse page() {
        if (page == null) {
            try (InputStream in = Chat2DeskSandbox.class.getResourceAsStream("/sandbox/index.html")) {
                if (in == null) {
                    throw new IllegalStateException("sandbox/index.html is missing from the classpath");
                }
                page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return SandboxResponse.html(page);
    }

    /** Back to the demo company alone; pending deliveries of the old state are dropped. Ids keep counting. */
    public synchronized void reset() {
        companies.values().forEach(Company::close);
        companies.clear();
        createCompany(demoToken);
    }

    @Override
    public void close() {
        companies.values().forEach(Company::close);
        delivery.close();
    }

    String demoToken() {
        return demoToken;
    }

    Company company(String token) {
        return companies.get(token);
    }

    Company createCompany(String token) {
        return companies.computeIfAbsent(token, t -> new Company(ids.companies.incrementAndGet(), t, ids, delivery));
    }

    /** A bug of the sandbox, not of the caller: logged, and answered as JSON rather than a stack trace. */
    private static SandboxResponse unexpected(RuntimeException e, String method, String path) {
        LOG.error("Sandbox failed on {} {}", method, path, e);
        return Chat2DeskEndpoints.error(500, "Sandbox error: " + e);
    }
}
