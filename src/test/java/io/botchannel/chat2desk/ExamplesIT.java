package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The library on other Camel runtimes, as their users build it: the library jar goes into the local
 * Maven repository, then each application of {@code examples/} is built and tested against it with
 * its own Maven build (Spring Boot: the core flow, CREATE & ACTIVATE and the actuator; KameletMain, the
 * engine of camel run: the core flow and CREATE & ACTIVATE). Their logs go to target/examples-*.log.
 */
class ExamplesIT {

    private static final Path LIBRARY = Path.of(System.getProperty("bundle.library",
            "target/chat2desk-bot-channel-" + System.getProperty("bundle.version", "0.1.0-SNAPSHOT") + ".jar"));

    @BeforeAll
    static void installTheLibrary() throws Exception {
        assertThat(LIBRARY).as("the library jar (mvn package)").exists();
        maven("install", "org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file",
                "-Dfile=" + LIBRARY.toAbsolutePath(), "-DpomFile=" + Path.of("pom.xml").toAbsolutePath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"spring-boot", "kamelet-main"})
    void theExampleApplicationPassesItsTests(String example) throws Exception {
        maven("example-" + example, "-f", Path.of("examples", example, "pom.xml").toAbsolutePath().toString(), "verify");
    }

    private static void maven(String name, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        String home = System.getProperty("maven.home");
        command.add(home == null || home.isBlank() ? "mvn" : Path.of(home, "bin", "mvn").toString());
        command.add("-B");
        if (String.valueOf(System.getProperty("maven.offline")).endsWith("=true")) {
            command.add("-o");
        }
        command.addAll(List.of(arguments));
        Path log = Path.of("target", "examples-" + name + ".log");
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
