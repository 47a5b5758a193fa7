package io.botchannel.chat2desk.channel;

import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a check chain route (named by the route that asks for it, e.g. {@code direct:activation-checks})
 * for one channel, in an exchange of its own, so that the chain's recorded failures end the chain
 * and not the request that asked for it.
 */
public class CheckChain implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(CheckChain.class);

    /** Set by the runtime that builds this bean from beans.camel.yaml. */
    private CamelContext context;
    private volatile ProducerTemplate template;

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
    }

    public CheckRun run(String chain, Channel channel, String webhookUrl) {
        CheckRun run = new CheckRun(channel, webhookUrl);
        Exchange done = template().send(chain, exchange -> exchange.getMessage().setBody(run));
        if (done.getException() != null) {
            // Not a check's failure (those are recorded): the chain itself could not run, e.g. a check it names has no route
            LOG.error("The check chain {} could not run for channel {}", chain, channel.id(), done.getException());
            run.begin(chain, Duration.ZERO);
            run.failed("the check chain " + chain + " could not run: " + done.getException().getMessage()
                    + "; see the bundle log");
        }
        return run;
    }

    private ProducerTemplate template() {
        if (template == null) {
            synchronized (this) {
                if (template == null) {
                    template = context.createProducerTemplate();
                }
            }
        }
        return template;
    }
}
