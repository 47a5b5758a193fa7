package io.botchannel.chat2desk;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The packaged jar run as its own process, in its own working directory, as users run it. */
final class BundleProcess implements AutoCloseable {

    /** How long a start may take before it counts as hung: on a busy machine a JVM takes minutes. */
    private static final Duration HANG = Duration.ofMinutes(10);
    /** The processes started and not stopped yet: a test run that ends early must not leave them running. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "bundle-processes-stop"));
    }

    private final Path workDir;
    private final int port;
    private final List<String> options;
    private Process process;

    BundleProcess(Path workDir, int port, String... options) {
        this.workDir = workDir;
        this.port = port;
        this.options = List.of(options);
    }

    BundleProcess start() throws IOException {
        String jar = System.getProperty("bundle.jar", "target/chat2desk-bot-channel.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcamel.server.port=" + port, "-Dcamel.management.port=" + RunningBundle.freePort(),
                "-Djava.io.tmpdir=" + workDir, "-Dvertx.cacheDirBase=" + workDir.resolve("vertx")));
        command.addAll(options);
        command.addAll(List.of("-jar", new File(jar).getAbsolutePath()));
        workDir.toFile().mkdirs();
        process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
        RUNNING.add(process);
        return this;
    }

    /**
     * Waits until {@code ready} answers true (an exception counts as not yet), for as long as the
     * process runs: it fails at once, with the end of the log, when the process exits, and only a
     * start that hangs for {@link #HANG} ends the wait otherwise.
     */
    void awaitReady(String what, Callable<Boolean> ready) throws Exception {
        long deadline = System.nanoTime() + HANG.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError(what + ": the process exited with " + process.exitValue() + "; " + logEnd());
            }
            try {
                if (Boolean.TRUE.equals(ready.call())) {
                    return;
                }
            } catch (Exception e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not ready after " + HANG + "; " + logEnd());
            }
            Thread.sleep(200);
        }
    }

    private String logEnd() throws IOException {
        List<String> lines = Files.exists(log()) ? Files.readAllLines(log()) : List.of();
        return "the end of " + log() + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    Path log() {
        return workDir.resolve("bundle.log");
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    /** {@code kill -9}: no shutdown hook, no flush, nothing finished. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        RUNNING.remove(process);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (process != null) {
            RUNNING.remove(process);
        }
    }
}
