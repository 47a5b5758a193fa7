package io.botchannel.chat2desk;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * The configuration keys under a prefix, such as the {@code markup.*} and {@code buttons.*} tables
 * of {@code chat2desk-bot-channel.properties}, from the runtime's properties (Camel hands this bean
 * its context when the bean is bound).
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
        return context.getPropertiesComponent().loadProperties(key -> key.startsWith(prefix));
    }
}
