package io.botchannel.chat2desk.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
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
    /** Companies kept in memory at most: each test or demo makes one or a few. */
    static final int MAX_COMPANIES = 100;
    private static final Map<String, String> PAGE_TYPES = Map.of(
            "sandbox.css", "text/css; charset=utf-8",
            "sandbox.js", "text/javascript; charset=utf-8");

    private final String demoToken;
    private final IdSequences ids = new IdSequences();
    private final WebhookDelivery delivery;
    private final Map<String, Company> companies = new ConcurrentHashMap<>();
    private final Chat2DeskEndpoints api = new Chat2DeskEndpoints(this);
    private final ControlEndpoints control = new ControlEndpoints(this);
    /** The chat page's files, loaded once: the page itself, and the style and script it names. */
    private final Map<String, String> pageFiles = new ConcurrentHashMap<>();

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
        return SandboxResponse.html(loaded("index.html"));
    }

    /** The page's style and script ({@code GET /sandbox/page/sandbox.css}, {@code sandbox.js}); 404 for others. */
    public SandboxResponse pageFile(@Header("file") String file) {
        String type = PAGE_TYPES.get(file);
        if (type == null) {
            return Chat2DeskEndpoints.error(404, "No such sandbox page file");
        }
        return new SandboxResponse(200, loaded(file), type, null);
    }

    private String loaded(String name) {
        return pageFiles.computeIfAbsent(name, file -> {
            try (InputStream in = Chat2DeskSandbox.class.getResourceAsStream("/sandbox/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("sandbox/" + file + " is missing from the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
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

    /** The token's company, made if new; past {@link #MAX_COMPANIES}, the oldest other than the demo goes. */
    synchronized Company createCompany(String token) {
        Company company = companies.computeIfAbsent(token,
                t -> new Company(ids.companies.incrementAndGet(), t, ids, delivery));
        if (companies.size() > MAX_COMPANIES) {
            companies.values().stream()
                    .filter(other -> !other.token.equals(demoToken) && other != company)
                    .min(Comparator.comparingLong(other -> other.id))
                    .ifPresent(oldest -> companies.remove(oldest.token).close());
        }
        return company;
    }

    /** A bug of the sandbox, not of the caller: logged, and answered as JSON rather than a stack trace. */
    private static SandboxResponse unexpected(RuntimeException e, String method, String path) {
        LOG.error("Sandbox failed on {} {}", method, path, e);
        return Chat2DeskEndpoints.error(500, "Sandbox error: " + e);
    }
}
