package io.botchannel.chat2desk.metrics;

import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * The runtime's Micrometer registry, the one its metrics endpoint serves (the standalone runtime's
 * /observe/metrics, Spring Boot's actuator, camel run's), found by type at the first count: some
 * runtimes make it only after the beans of routes/ exist.
 */
public class RuntimeMeters implements Supplier<MeterRegistry>, CamelContextAware {

    private CamelContext context;
    private volatile MeterRegistry registry;

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
    }

    @Override
    public MeterRegistry get() {
        MeterRegistry found = registry;
        if (found == null) {
            found = context.getRegistry().findSingleByType(MeterRegistry.class);
            if (found == null) {
                throw new IllegalStateException("No Micrometer registry to count messages in: enable the runtime's"
                        + " metrics (camel.metrics.enabled=true with camel-micrometer-prometheus, or Spring Boot's"
                        + " actuator with micrometer-registry-prometheus)");
            }
            registry = found;
        }
        return found;
    }
}
