package bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hot spots of a JFR recording: CPU samples (jdk.ExecutionSample) by top frame (self time),
 * by library of the top frame, and the bundle's own methods and Camel/store/HTTP entry points by
 * inclusive time (the share of samples with the method anywhere on the stack).
 * Usage: JfrTop recording.jfr [rows [fromEpochMs toEpochMs]] (only the samples in that window)
 */
public final class JfrTop {

    private static final String[][] LIBRARIES = {
            {"org.h2.", "H2 store"}, {"com.zaxxer.hikari.", "Hikari pool"}, {"org.apache.camel.", "Camel"},
            {"io.vertx.", "Vert.x"}, {"io.netty.", "Netty"}, {"com.fasterxml.jackson.", "Jackson"},
            {"org.apache.hc.", "Apache HttpClient"}, {"org.apache.logging.", "Log4j"},
            {"io.botchannel.", "bundle"}, {"java.", "JDK"}, {"javax.", "JDK"}, {"jdk.", "JDK"}, {"sun.", "JDK"}};

    private JfrTop() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long from = args.length > 3 ? Long.parseLong(args[2]) : Long.MIN_VALUE;
        long to = args.length > 3 ? Long.parseLong(args[3]) : Long.MAX_VALUE;
        List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> library = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Double> parked = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : events) {
            long at = event.getStartTime().toEpochMilli();
            String type = event.getEventType().getName();
            if ((type.equals("jdk.ThreadPark") || type.equals("jdk.JavaMonitorEnter")) && at >= from && at <= to
                    && event.getStackTrace() != null) {
                parked.merge(waiter(event.getStackTrace().getFrames()), event.getDuration().toNanos() / 1e9, Double::sum);
            }
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || at < from || at > to) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            String top = name(frames.get(0));
            self.merge(top, 1, Integer::sum);
            library.merge(libraryOf(top), 1, Integer::sum);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (RecordedFrame frame : frames) {
                String method = name(frame);
                if (interesting(method) && seen.add(method)) {
                    inclusive.merge(method, 1, Integer::sum);
                }
            }
        }
        System.out.println("CPU samples: " + samples);
        print("self time by library of the top frame", library, samples, rows);
        print("self time by method (top frame)", self, samples, rows);
        print("inclusive time (bundle code, store, HTTP, logging, JSON entry points)", inclusive, samples, rows * 2);
        System.out.println();
        System.out.println("time threads spent waiting for a lock or work (jdk.ThreadPark, jdk.JavaMonitorEnter over 20 ms),"
                + " by the first caller outside the JDK (idle pools wait here too):");
        parked.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(rows / 2)
                .forEach(e -> System.out.printf(java.util.Locale.ROOT, "  %8.1f s  %s%n", e.getValue(), e.getKey()));
    }

    /** The first frame outside the JDK: who asked for the lock or the work. */
    private static String waiter(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String method = name(frame);
            if (!method.startsWith("java.") && !method.startsWith("jdk.") && !method.startsWith("sun.")) {
                return method;
            }
        }
        return frames.isEmpty() ? "?" : name(frames.get(frames.size() - 1));
    }

    private static boolean interesting(String method) {
        return method.startsWith("io.botchannel.")
                || method.startsWith("org.h2.jdbc.JdbcPreparedStatement.execute")
                || method.startsWith("org.h2.jdbc.JdbcConnection.commit")
                || method.startsWith("org.h2.mvstore.MVStore.commit") || method.startsWith("org.h2.mvstore.FileStore")
                || method.startsWith("org.h2.command.Command.executeQuery") || method.startsWith("org.h2.command.Command.executeUpdate")
                || method.startsWith("org.h2.engine.SessionLocal.commit")
                || method.startsWith("com.zaxxer.hikari.pool.HikariPool.getConnection")
                || method.startsWith("org.apache.camel.component.vertx.http.VertxHttpProducer.process")
                || method.startsWith("org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer.handleRequest")
                || method.startsWith("org.apache.camel.processor.SendDynamicProcessor.process")
                || method.startsWith("org.apache.camel.processor.ThrottlerProcessor") || method.startsWith("org.apache.camel.processor.Throttler")
                || method.startsWith("org.apache.camel.component.bean.BeanInfo.createInvocation")
                || method.startsWith("org.apache.camel.language.simple.SimpleLanguage")
                || method.startsWith("org.apache.camel.language.simple.SimpleExpressionBuilder$KeyedOgnlExpressionAdapter.evaluate")
                || method.startsWith("org.apache.camel.language.bean.BeanExpression.evaluate")
                || method.equals("org.apache.camel.component.bean.BeanInfo.<init>")
                || method.startsWith("org.apache.camel.processor.LogProcessor.process")
                || method.startsWith("org.apache.camel.processor.SplitProcessor.process")
                || method.startsWith("io.micrometer.core.instrument.MeterRegistry.register")
                || method.startsWith("org.apache.camel.support.DefaultHeaderFilterStrategy")
                || method.startsWith("org.apache.camel.processor.RemoveHeadersProcessor")
                || method.startsWith("org.apache.logging.log4j.core.Logger.log")
                || method.startsWith("org.apache.logging.log4j.core.appender.AbstractOutputStreamAppender.append")
                || method.startsWith("com.fasterxml.jackson.databind.ObjectMapper.readTree")
                || method.startsWith("com.fasterxml.jackson.databind.ObjectMapper.writeValueAsString")
                || method.startsWith("com.fasterxml.jackson.databind.ObjectMapper.readValue");
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String libraryOf(String method) {
        for (String[] library : LIBRARIES) {
            if (method.startsWith(library[0])) {
                return library[1];
            }
        }
        return "other (" + method.substring(0, Math.max(0, method.indexOf('.', method.indexOf('.') + 1))) + ")";
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int rows) {
        System.out.println();
        System.out.println(title + ":");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(rows)
                .forEach(e -> System.out.printf(java.util.Locale.ROOT, "  %5.1f%%  %6d  %s%n",
                        100.0 * e.getValue() / samples, e.getValue(), e.getKey()));
    }
}
