package io.botchannel.chat2desk.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts webhook events the way Chat2Desk does: signed, retried
 * after 10 s, 5 min and 2 h on a non-2xx answer or a network error, and the webhook disabled after
 * 5 h with no success. Every delay is multiplied by the retry scale so tests need not wait hours.
 * Runs on its own few threads: publishing an event never blocks the API call that caused it.
 */
final class WebhookDelivery implements AutoCloseable {

    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofHours(2));
    static final Duration DISABLE_AFTER = Duration.ofHours(5);
    /** Real receivers must answer fast; a hung one should not stall the company's queue for long. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);

    private final String signatureHeader;
    private final String timestampHeader;
    private final double retryScale;
    private final WebhookTargets targets;
    private final ScheduledExecutorService executor;
    private final HttpClient http;

    WebhookDelivery(String signatureHeader, String timestampHeader, double retryScale, WebhookTargets targets) {
        this.signatureHeader = signatureHeader;
        this.timestampHeader = timestampHeader;
        this.retryScale = retryScale;
        this.targets = targets;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(4, task -> {
            Thread thread = new Thread(task, "sandbox-webhooks-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(ANSWER_TIMEOUT)
                .build();
    }

    WebhookTargets targets() {
        return targets;
    }

    /**
     * Queues the first attempt of an event behind the first attempts of the company's earlier
     * events. Retries are scheduled separately, so one failing receiver does not hold the rest back.
     */
    CompletableFuture<Void> enqueue(CompletableFuture<Void> queue, Webhooks hooks, List<Webhook> targets,
            String hookType, String body) {
        return queue.thenRunAsync(() -> targets.forEach(hook -> attempt(hooks, hook, hookType, body, 1)), executor);
    }

    private void attempt(Webhooks hooks, Webhook hook, String hookType, String body, int attempt) {
        String url = hooks.deliverableUrl(hook);
        if (url == null) {
            return;
        }
        Integer status = null;
        String error;
        try {
            long timestamp = Instant.now().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(ANSWER_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header(signatureHeader, signature(hooks.signingKey(), body, timestamp))
                    .header(timestampHeader, Long.toString(timestamp))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            error = status / 100 == 2 ? null : "HTTP " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            // Any failure to deliver, including a malformed URL, counts as a failed attempt
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        hooks.recordAttempt(hook, url, hookType, attempt, status, error, body);
        if (error == null) {
            hooks.succeeded(hook);
            return;
        }
        Instant failingSince = hooks.failed(hook, "Delivery of " + hookType + " to " + url + " failed (attempt "
                + attempt + "): " + error);
        if (failingSince != null) {
            schedule(scaled(DISABLE_AFTER), () -> {
                if (hooks.disableIfStillFailing(hook, failingSince)) {
                    LOG.info("Sandbox webhook {} ({}) disabled: no successful delivery for {}", hook.id, url,
                            scaled(DISABLE_AFTER));
                }
            });
        }
        if (attempt <= RETRY_DELAYS.size()) {
            Duration delay = scaled(RETRY_DELAYS.get(attempt - 1));
            LOG.info("Sandbox webhook delivery of {} to {} failed ({}), retrying in {}", hookType, url, error, delay);
            schedule(delay, () -> attempt(hooks, hook, hookType, body, attempt + 1));
        } else {
            LOG.info("Sandbox webhook delivery of {} to {} failed ({}), giving up", hookType, url, error);
        }
    }

    private void schedule(Duration delay, Runnable task) {
        if (!executor.isShutdown()) {
            executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private Duration scaled(Duration real) {
        return Duration.ofNanos(Math.round(real.toNanos() * retryScale));
    }

    /**
     * Chat2Desk's signature: HMAC-SHA256, lowercase hex, over the exact body
     * followed by the unix timestamp, keyed with the given key (the hex MD5 of the company token).
     */
    static String signature(String key, String body, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((body + timestamp).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static String md5Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
