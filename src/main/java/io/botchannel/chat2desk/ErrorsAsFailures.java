package io.botchannel.chat2desk;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.apache.camel.support.processor.DelegateSyncProcessor;

/**
 * An {@link Error} thrown by a step (an OutOfMemoryError, a StackOverflowError, a class that does
 * not load) fails the exchange as an exception would, as a {@link RouteError}, for the route's
 * error handler to retry it or keep it as a dead letter. Camel hands only exceptions to error
 * handlers: an Error unwinds the thread that runs the route, which for a worker ends the thread
 * and leaves its message claimed. It is caught at the step that threw it, so that Camel's own
 * bookkeeping around the step (in-flight counts, the unit of work) completes as for any failure.
 * Installed into the CamelContext when it binds this bean ({@code routes/beans.camel.yaml}), on
 * every runtime, before the routes are built.
 */
public class ErrorsAsFailures implements InterceptStrategy, CamelContextAware {

    private CamelContext context;

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
        // the YAML DSL may build the bean twice per start: one is enough
        if (context.getCamelContextExtension().getInterceptStrategies().stream()
                .noneMatch(ErrorsAsFailures.class::isInstance)) {
            context.getCamelContextExtension().addInterceptStrategy(this);
        }
    }

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext camelContext, NamedNode definition, Processor target,
            Processor nextTarget) {
        if (target instanceof DelegateSyncProcessor sync) {
            // a plain processor: its Error becomes the exception it throws, before its step completes
            Processor inner = sync.getProcessor();
            return new DelegateSyncProcessor(exchange -> {
                try {
                    inner.process(exchange);
                } catch (Error e) {
                    throw new RouteError(e);
                }
            });
        }
        return new DelegateAsyncProcessor(AsyncProcessorConverterHelper.convert(target)) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                AtomicBoolean completed = new AtomicBoolean();
                try {
                    return processor.process(exchange, doneSync -> {
                        completed.set(true);
                        callback.done(doneSync);
                    });
                } catch (Error e) {
                    exchange.setException(new RouteError(e));
                    // a step that bridges a synchronous call completes before the Error reaches here: the
                    // routing that goes on from it finds the exchange failed and ends there, for the
                    // error handler of the step that called this route
                    if (!completed.get()) {
                        callback.done(true);
                    }
                    return true;
                }
            }

            @Override
            public String toString() {
                return processor.toString();
            }
        };
    }
}
