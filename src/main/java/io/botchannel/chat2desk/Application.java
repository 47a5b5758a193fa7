package io.botchannel.chat2desk;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.main.Main;

/**
 * Runs the bundle with Camel Main: the routes of {@code routes/} of the working directory, or the
 * copies inside the jar when started elsewhere; the defaults of {@code chat2desk-bot-channel.properties}
 * with the working directory's {@code application.properties} over them.
 */
public final class Application {

    static final String NAME = "chat2desk-bot-channel";

    private Application() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            // The bundle is configured with -Dkey=value (or application.properties), not with arguments
            System.exit(answer(args[0]));
        }
        int exit;
        try {
            exit = create().run(new String[0]);
        } catch (Exception e) {
            // A configuration problem (taken port, unreachable store, bad key) deserves one clear line
            System.err.println("chat2desk-bot-channel did not start: " + reasons(e));
            exit = 1;
        }
        System.exit(exit);
    }

    /** {@code --help} and {@code --version} answer and exit 0; anything else is a mistake the usage explains. */
    private static int answer(String option) {
        switch (option) {
            case "--help", "-h" -> {
                System.out.print(usage());
                return 0;
            }
            case "--version", "-v" -> {
                System.out.println(NAME + " " + version());
                return 0;
            }
            default -> {
                System.err.println("Unknown option: " + option);
                System.err.print(usage());
                return 2;
            }
        }
    }

    /** The version the jar's manifest carries (Implementation-Version). */
    static String version() {
        String version = Application.class.getPackage().getImplementationVersion();
        return version == null ? "(unknown: not run from the packaged jar)" : version;
    }

    static String usage() {
        return NAME + " " + version() + ": publishes a bot (the Agent) into Chat2Desk as a bot operator.\n"
                + "\n"
                + "Usage: java [-Dkey=value ...] -jar " + NAME + ".jar [--help | --version]\n"
                + "\n"
                + "Without options it runs: webhooks, management API, sandbox and demo Agent on camel.server.port,\n"
                + "health and metrics on camel.management.port. Its defaults are the jar's chat2desk-bot-channel.properties,\n"
                + "under application.properties in the working directory; set any key with -Dkey=value before -jar, or\n"
                + "with an environment variable (CHANNEL_STORE_URL for channel.store.url). The main keys:\n"
                + "\n"
                + "  camel.server.port        HTTP port of webhooks, API, sandbox, demo Agent (8080)\n"
                + "  camel.management.port    health and metrics (8081)\n"
                + "  channel.public-url       base URL at which Chat2Desk reaches the bundle\n"
                + "  channel.store.url        JDBC URL of the store (jdbc:sqlite:./data/channels.db)\n"
                + "  channel.store.key        encrypts the Chat2Desk tokens in the store (32+ characters)\n"
                + "  api.key                  the management key, 32+ characters (else generated into api.key-file)\n"
                + "  agent.url                the Agent of channels that name none (the demo Agent)\n"
                + "  sandbox.enabled          the sandbox, demo Agent and demo channel (true; false in production)\n"
                + "\n"
                + "Options:\n"
                + "  --help, -h       this text\n"
                + "  --version, -v    the version\n"
                + "\n"
                + "docs/configuration.md describes every key; docs/channels.md, the management API;\n"
                + "docs/agent-api.md, the Agent API.\n";
    }

    private static String reasons(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(" (").append(cause.getMessage()).append(')');
            }
        }
        return text.toString();
    }

    /**
     * The route files inside the jar, each by name. Camel resolves {@code classpath:routes/*.camel.yaml}
     * by reading the whole jar as a stream, every entry inflated (about 47 MB), and does so twice per
     * start (for the beans, then for the routes): seconds of a start that only needs the jar's index.
     * Run from classes (tests, an IDE), the pattern stays as it is.
     */
    static String routesInTheJar() {
        String pattern = "classpath:routes/*.camel.yaml";
        try {
            Path source = Path.of(Application.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(source)) {
                return pattern;
            }
            try (JarFile jar = new JarFile(source.toFile())) {
                String files = jar.stream().map(JarEntry::getName)
                        .filter(name -> name.startsWith("routes/") && name.endsWith(".camel.yaml")
                                && name.indexOf('/', "routes/".length()) < 0)
                        .sorted().map(name -> "classpath:" + name).collect(Collectors.joining(","));
                return files.isEmpty() ? pattern : files;
            }
        } catch (IOException | URISyntaxException | SecurityException e) {
            return pattern;
        }
    }

    /** A configured but not yet started Main; tests start it the same way users do. */
    public static Main create() {
        Main main = new Main();
        // The working directory's application.properties; the bundle's defaults under it come from BundleDefaults
        main.setPropertyPlaceholderLocations("file:application.properties;optional=true");
        if (System.getProperty("camel.main.routesIncludePattern") == null
                && System.getProperty("camel.main.routes-include-pattern") == null) {
            boolean localRoutes = Files.isDirectory(Path.of("routes"));
            main.configure().withRoutesIncludePattern(localRoutes ? "file:routes/*.camel.yaml" : routesInTheJar());
        }
        // The registry /observe/metrics serves (camel-micrometer-prometheus takes the one bound under this
        // name), there before the beans of routes/ look for the runtime's registry
        main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        main.configure().addConfiguration(StandaloneRuntime.class);
        return main;
    }
}
