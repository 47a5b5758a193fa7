package io.botchannel.chat2desk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The short block that ends the startup log: where the sandbox page, the management API and
 * health are, where the API key is, which store is in use, and what still needs the user's care.
 */
public class StartupSummary {

    private static final Logger LOG = LoggerFactory.getLogger(StartupSummary.class);

    private final List<String> before;
    private final List<String> after;
    private final List<String> warnings;

    /** @param serverPort the port the runtime serves the routes on */
    public StartupSummary(int serverPort, boolean sandbox, String apiKeySource, String storeUrl, boolean tokensEncrypted) {
        String base = "http://localhost:" + serverPort;
        before = new ArrayList<>();
        if (sandbox) {
            before.add(line("sandbox page", base + "/sandbox/ (this machine only, see sandbox.allow-from)"));
        }
        before.add(line("API", base + "/api/v1/channels (Authorization: Bearer <API key>)"));
        before.add(line("API key", apiKeySource));
        after = List.of(line("store", describeStore(storeUrl)));
        warnings = new ArrayList<>();
        if (!tokensEncrypted) {
            warnings.add(line("warning", "Chat2Desk tokens are stored unencrypted: set channel.store.key"
                    + " (32 characters or more, e.g. openssl rand -base64 32)"));
        }
    }

    /**
     * The block, one line per item.
     *
     * @param managementPort the port of Camel's own health and metrics server, or -1 where the runtime
     *        runs none (Camel Spring Boot: health is the actuator's, on the application's port)
     */
    public String text(int managementPort) {
        List<String> all = new ArrayList<>(before);
        if (managementPort >= 0) {
            all.add(line("health", "http://localhost:" + managementPort + "/observe/health/ready"));
        }
        all.addAll(after);
        all.addAll(warnings);
        return Application.NAME + " " + Application.version() + " is ready\n" + String.join("\n", all);
    }

    /**
     * Logs the block once startup is done, as a warning while something needs the user's care. It names
     * the health address only where the runtime really serves one: what the configuration keys say is
     * not enough, since the bundle's defaults enable Camel's management server for runtimes that
     * ignore those keys.
     */
    public void log(CamelContext context) {
        String text = text(ManagementServer.port(context));
        if (warnings.isEmpty()) {
            LOG.info("{}", text);
        } else {
            LOG.warn("{}", text);
        }
    }

    /** Camel's management server (camel-platform-http-main), which runtimes other than Camel Main's lack. */
    private static final class ManagementServer {

        private static final String TYPE = "org.apache.camel.component.platform.http.main.ManagementHttpServer";

        static int port(CamelContext context) {
            try {
                Class.forName(TYPE, false, StartupSummary.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return -1;
            }
            return Running.port(context);
        }

        /** Loaded only where the server's class is there. */
        private static final class Running {

            static int port(CamelContext context) {
                ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
                return server == null ? -1 : server.getPort();
            }
        }
    }

    /** One line of the block; a value cannot break it (the block is logged as it is, see log4j2.properties). */
    private static String line(String label, String value) {
        return String.format(Locale.ROOT, "  %-13s %s", label, value.replace("\r", "\\r").replace("\n", "\\n"));
    }

    /** The store named without credentials: only the kind and where it is. */
    static String describeStore(String url) {
        if (url == null) {
            return "none configured";
        }
        if (url.startsWith("jdbc:sqlite:")) {
            String file = url.substring("jdbc:sqlite:".length()).split("\\?", 2)[0];
            return file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file::memory:")
                    ? "SQLite in memory (lost when the bundle stops)"
                    : "SQLite file " + Path.of(file.replaceFirst("^file:", "")).toAbsolutePath().normalize();
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return "PostgreSQL " + url.split("[?;]", 2)[0];
        }
        return url.split("[?;]", 2)[0];
    }
}
