package io.botchannel.chat2desk.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class InboxWorkTest {

    @Test
    void aWakeUpWhileTheBundleStopsClaimsNothingAndFailsNothing() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.start();
        context.getEndpoint("seda:message-worker");
        context.stop();
        // no inbox: a claim would fail
        InboxWork work = new InboxWork(null, null, null, null, 4, 8);

        assertThat(work.claimForWorkers(new DefaultExchange(context))).isEmpty();
    }
}
