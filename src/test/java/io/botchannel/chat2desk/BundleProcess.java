package io.botchannel.chat2desk;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged jar run as its own process, in its own working directory, as users run it. */
final class BundleProcess implements AutoCloseable {

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
        return this;
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
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
