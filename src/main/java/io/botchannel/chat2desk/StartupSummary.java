package io.botchannel.chat2desk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The short block that ends the startup log: where the sandbox page, the management API and
 * health are, where the API key is, which store is in use, and what still needs the user's care.
 */
public class StartupSummary {

    private static final Logger LOG = LoggerFactory.getLogger(StartupSummary.class);

    private final List<String> lines;
    private final List<String> warnings;

    /**
     * @param managementPort the health and metrics port, or -1 when they are off
     */
    public StartupSummary(int serverPort, int managementPort, boolean sandbox, String apiKeySource, String storeUrl,
            boolean tokensEncrypted) {
        String base = "http://localhost:" + serverPort;
        lines = new ArrayList<>();
        if (sandbox) {
            lines.add(line("sandbox page", base + "/sandbox/ (this machine only, see sandbox.allow-from)"));
        }
        lines.add(line("API", base + "/api/v1/channels (Authorization: Bearer <API key>)"));
        lines.add(line("API key", apiKeySource));
        if (managementPort >= 0) {
            lines.add(line("health", "http://localhost:" + managementPort + "/observe/health/ready"));
        }
        lines.add(line("store", describeStore(storeUrl)));
        warnings = new ArrayList<>();
        if (!tokensEncrypted) {
            warnings.add(line("warning", "Chat2Desk tokens are stored unencrypted: set channel.store.key"
                    + " (32 characters or more, e.g. openssl rand -base64 32)"));
        }
    }

    /** The block, one line per item. */
    public String text() {
        List<String> all = new ArrayList<>(lines);
        all.addAll(warnings);
        return Application.NAME + " " + Application.version() + " is ready\n" + String.join("\n", all);
    }

    /** Logs the block once startup is done: as a warning while something needs the user's care. */
    public void log() {
        if (warnings.isEmpty()) {
            LOG.info("{}", text());
        } else {
            LOG.warn("{}", text());
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
