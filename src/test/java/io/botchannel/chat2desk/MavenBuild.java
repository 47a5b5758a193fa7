package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Maven run as its users run it, from the end-to-end tests: the library into the local repository,
 * the examples' builds, the Camel CLI. Each build's output goes to {@code target/<name>.log}.
 */
final class MavenBuild {

    static final Path LIBRARY = Path.of(System.getProperty("bundle.library",
            "target/chat2desk-bot-channel-" + System.getProperty("bundle.version", "0.1.0-SNAPSHOT") + ".jar"));

    private MavenBuild() {
    }

    /** The library jar of this build into the local Maven repository, where other builds and the CLI find it. */
    static void installTheLibrary() throws Exception {
        assertThat(LIBRARY).as("the library jar (mvn package)").exists();
        run("install", "org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file",
                "-Dfile=" + LIBRARY.toAbsolutePath(), "-DpomFile=" + Path.of("pom.xml").toAbsolutePath());
    }

    /** {@code mvn -B <arguments>}, which must succeed; its output in target/{name}.log. */
    static void run(String name, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        String home = System.getProperty("maven.home");
        command.add(home == null || home.isBlank() ? "mvn" : Path.of(home, "bin", "mvn").toString());
        command.add("-B");
        if (String.valueOf(System.getProperty("maven.offline")).endsWith("=true")) {
            command.add("-o");
        }
        command.addAll(List.of(arguments));
        Path log = Path.of("target", name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = process.waitFor(15, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log);
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        assertThat(done && process.exitValue() == 0).as(String.join(" ", command) + " failed (" + log + "):\n" + tail)
                .isTrue();
    }
}
