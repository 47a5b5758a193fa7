package io.botchannel.chat2desk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.camel.Ordered;
import org.apache.camel.spi.LoadablePropertiesSource;

/**
 * The bundle's defaults, {@code chat2desk-bot-channel.properties} inside the jar, as the last of the
 * runtime's property sources: every other source (system properties, the environment, the
 * {@code application.properties} a user edits, a host's own configuration) wins over them. Camel finds
 * this source by itself on every Camel runtime (its {@code properties-source-factory} service file),
 * so a host needs to name neither the file nor its location.
 *
 * <p>Camel Spring Boot is the exception: it asks Spring's environment only after every Camel property
 * source, so defaults here would hide the application's own configuration. There the source stays
 * empty, and the application takes the file into Spring's environment instead
 * ({@code @PropertySource("classpath:chat2desk-bot-channel.properties")}), where its own keys win.
 */
public class BundleDefaults implements LoadablePropertiesSource, Ordered {

    /** The defaults' resource: a name no runtime's own configuration file takes. */
    public static final String RESOURCE = "chat2desk-bot-channel.properties";

    /** Present only on Camel Spring Boot: its parser falls back on Spring's environment. */
    private static final String SPRING_BOOT = "org.apache.camel.spring.boot.SpringPropertiesParser";

    private final Properties defaults = onSpringBoot() ? new Properties() : read();

    @Override
    public String getName() {
        return RESOURCE;
    }

    @Override
    public String getProperty(String name) {
        return defaults.getProperty(name);
    }

    @Override
    public Properties loadProperties() {
        return loadProperties(key -> true);
    }

    @Override
    public Properties loadProperties(Predicate<String> filter) {
        Properties selected = new Properties();
        defaults.stringPropertyNames().stream().filter(filter)
                .forEach(key -> selected.setProperty(key, defaults.getProperty(key)));
        return selected;
    }

    @Override
    public void reloadProperties(String location) {
        // the jar's resource does not change while the bundle runs
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST;
    }

    private static boolean onSpringBoot() {
        try {
            Class.forName(SPRING_BOOT, false, BundleDefaults.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The defaults as the jar carries them (empty where the resource is missing). */
    public static Properties read() {
        Properties defaults = new Properties();
        try (InputStream in = BundleDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                defaults.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return defaults;
    }
}
