package io.botchannel.chat2desk;

import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The configuration keys under a prefix, such as the {@code markup.*} and {@code buttons.*} tables
 * of {@code chat2desk-bot-channel.properties}, each with the value the runtime resolves for it
 * (Camel hands this bean its context when the bean is bound). The keys are those of the bundle's
 * defaults and those Camel's own property sources list: Camel Spring Boot resolves single keys from
 * the Spring environment but lists none of them, so there a table keeps the defaults' keys.
 */
public class BundleProperties implements CamelContextAware {

    private CamelContext context;

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
    }

    public Properties startingWith(String prefix) {
        PropertiesComponent properties = context.getPropertiesComponent();
        Set<String> keys = new TreeSet<>(properties.loadProperties(key -> key.startsWith(prefix)).stringPropertyNames());
        defaults().stringPropertyNames().stream().filter(key -> key.startsWith(prefix)).forEach(keys::add);
        Properties table = new Properties();
        for (String key : keys) {
            properties.resolveProperty(key).ifPresent(value -> table.setProperty(key, value.trim()));
        }
        return table;
    }

    /** The defaults the jar carries, whatever the runtime's own configuration says. */
    public static Properties defaults() {
        return BundleDefaults.read();
    }
}
