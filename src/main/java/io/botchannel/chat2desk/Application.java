package io.botchannel.chat2desk;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.main.Main;

/**
 * Runs the bundle with Camel Main: the routes of {@code routes/} and {@code application.properties}
 * of the working directory, or the copies inside the jar when started elsewhere.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        int exit;
        try {
            exit = create().run(args);
        } catch (Exception e) {
            // A configuration problem (taken port, unreachable store, bad key) deserves one clear line
            System.err.println("chat2desk-bot-channel did not start: " + reasons(e));
            exit = 1;
        }
        System.exit(exit);
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

    /** A configured but not yet started Main; tests start it the same way users do. */
    public static Main create() {
        Main main = new Main();
        main.setPropertyPlaceholderLocations(
                "classpath:application.properties;optional=true,file:application.properties;optional=true");
        if (System.getProperty("camel.main.routesIncludePattern") == null
                && System.getProperty("camel.main.routes-include-pattern") == null) {
            boolean localRoutes = Files.isDirectory(Path.of("routes"));
            main.configure().withRoutesIncludePattern(localRoutes ? "file:routes/*.yaml" : "classpath:routes/*.yaml");
        }
        main.configure().addConfiguration(BundleConfiguration.class);
        return main;
    }
}
