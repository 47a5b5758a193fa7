package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import io.botchannel.chat2desk.webhook.WebhookSignature;
import org.apache.camel.Route;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

/**
 * A Chat2Desk token is the key to a company's conversations: no log line may carry it, nor its
 * signing key, through a whole life of a channel (activation, messages, a failing send, a refused
 * signature, deactivation), with the bundle's own loggers and every route's log at DEBUG.
 */
class TokensStayOutOfTheLogTest {

    @Test
    void noLogLineCarriesAChannelTokenOrItsSigningKey() throws Exception {
        try (RunningBundle bundle = RunningBundle.start(); TestAgent agent = new TestAgent();
             LogCapture log = LogCapture.start(bundle)) {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("apiUrl", sandbox.apiUrl());
            input.put("token", sandbox.token());
            input.put("agentUrl", agent.url());
            JsonNode channel = bundle.api("POST", "/api/v1/channels?activate=true", input).json();
            assertThat(channel.path("active").asBoolean()).as(channel.toString()).isTrue();
            String id = channel.path("id").asText();

            // the first reply fails once at Chat2Desk and is sent again
            bundle.post("/sandbox/control/faults", Map.of("token", sandbox.token(), "status", 503,
                    "pathContains", "/messages", "count", 1));
            long clientId = sandbox.clientWrites("hello").path("clientId").asLong();
            sandbox.awaitSentToClient(clientId, 1);
            sandbox.clientWrites(Map.of("text", "again", "clientId", clientId));
            sandbox.awaitSentToClient(clientId, 2);
            bundle.send("POST", Webhooks.path(channel), Webhooks.inbox(clientId, 990_001, "forged"),
                    Map.of("X-Signature", "0".repeat(64), "X-Timestamp", String.valueOf(System.currentTimeMillis() / 1000)));
            bundle.api("GET", "/api/v1/channels/" + id, null);
            bundle.api("POST", "/api/v1/channels/" + id + "/deactivate", null);

            List<String> lines = log.lines();
            assertThat(lines).as("the capture saw the flow").anyMatch(line -> line.contains(id));
            assertThat(lines).noneMatch(line -> line.contains(sandbox.token()));
            assertThat(lines).noneMatch(line -> line.contains(WebhookSignature.keyFor(sandbox.token())));
        }
    }

    /** Every log event while open: logger, message and the messages of its exceptions. */
    private static final class LogCapture extends AbstractAppender implements AutoCloseable {

        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final List<String> debugLoggers = new ArrayList<>();
        private final Map<String, Level> previous = new LinkedHashMap<>();

        private LogCapture() {
            super("token-capture", null, null, true, Property.EMPTY_ARRAY);
        }

        static LogCapture start(RunningBundle bundle) {
            LogCapture capture = new LogCapture();
            capture.debugLoggers.add("io.botchannel");
            // the routes' own log lines are logged under their route ids
            bundle.context().getRoutes().stream().map(Route::getRouteId).forEach(capture.debugLoggers::add);
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            capture.start();
            context.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
            for (String logger : capture.debugLoggers) {
                capture.previous.put(logger, LogManager.getLogger(logger).getLevel());
                Configurator.setLevel(logger, Level.DEBUG);
            }
            context.updateLoggers();
            return capture;
        }

        @Override
        public void append(LogEvent event) {
            StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                    .append(event.getMessage().getFormattedMessage());
            for (Throwable thrown = event.getThrown(); thrown != null; thrown = thrown.getCause()) {
                line.append(" | ").append(thrown);
            }
            lines.add(line.toString());
        }

        List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void close() {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            context.getConfiguration().getRootLogger().removeAppender(getName());
            previous.forEach(Configurator::setLevel);
            context.updateLoggers();
            stop();
        }
    }
}
