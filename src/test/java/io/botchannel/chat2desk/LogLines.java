package io.botchannel.chat2desk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every line the in-process bundle logs while open, down to DEBUG for every logger whose level the
 * configuration leaves to the root and for the loggers named: logger, message and the messages of
 * its exceptions.
 */
public final class LogLines extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Level rootLevel;
    private final Map<String, Level> previous = new LinkedHashMap<>();

    private LogLines() {
        super("log-lines-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
        rootLevel = LogManager.getRootLogger().getLevel();
    }

    /** @param debugLoggers loggers the configuration gives a level of their own, lowered to DEBUG too */
    public static LogLines capture(String... debugLoggers) {
        LogLines capture = new LogLines();
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        Configurator.setRootLevel(Level.DEBUG);
        for (String logger : debugLoggers) {
            capture.previous.put(logger, LogManager.getLogger(logger).getLevel());
            Configurator.setLevel(logger, Level.DEBUG);
        }
        context.updateLoggers();
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                .append(event.getMessage().getFormattedMessage());
        for (Throwable thrown = event.getThrown(); thrown != null; thrown = thrown.getCause()) {
            line.append(" | ").append(thrown);
        }
        lines.add(line.toString());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(getName());
        Configurator.setRootLevel(rootLevel);
        previous.forEach(Configurator::setLevel);
        context.updateLoggers();
        stop();
    }
}
