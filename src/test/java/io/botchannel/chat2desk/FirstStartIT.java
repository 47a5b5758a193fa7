package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer meets first with the packaged jar: its own --help and --version, and a startup
 * log that ends saying where everything is, with an API key that stays the same across restarts.
 */
class FirstStartIT {

    private static final String JAR = System.getProperty("bundle.jar", "target/chat2desk-bot-channel.jar");
    private static final String VERSION = System.getProperty("bundle.version");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path workDir;

    private final HttpClient http = HttpClient.newHttpClient();

    /** The output and exit code of {@code java -jar <jar> <args>}. */
    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", new File(JAR).getAbsolutePath()));
        command.addAll(List.of(args));
        Path out = workDir.resolve("out.txt");
        Path err = workDir.resolve("err.txt");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void helpAndVersionAnswerAndAnUnknownOptionIsAMistake() throws Exception {
        assertThat(VERSION).isNotBlank();

        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("chat2desk-bot-channel " + VERSION + ": ")
                .contains("Usage: java [-Dkey=value ...] -jar chat2desk-bot-channel.jar [--help | --version]")
                .contains("channel.store.url").contains("api.key").contains("sandbox.enabled")
                .doesNotContain("Apache Camel Runner");

        Run version = run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).isEqualTo("chat2desk-bot-channel " + VERSION + System.lineSeparator());

        Run unknown = run("--sandbox=false");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).startsWith("Unknown option: --sandbox=false").contains("Usage: java");
        assertThat(Files.exists(workDir.resolve("data"))).as("nothing was started").isFalse();

        try (JarFile jar = new JarFile(JAR)) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Implementation-Version")).isEqualTo(VERSION);
        }
    }

    @Test
    void theStartupLogEndsSayingWhereEverythingIsAndTheKeyStaysTheSame() throws Exception {
        int port = RunningBundle.freePort();
        String key;
        try (BundleProcess first = new BundleProcess(workDir, port).start()) {
            String block = awaitSummary(first);

            assertThat(block).contains("chat2desk-bot-channel " + VERSION + " is ready")
                    .contains("sandbox page  http://localhost:" + port + "/sandbox/")
                    .contains("API           http://localhost:" + port + "/api/v1/channels")
                    .containsPattern("health        http://localhost:\\d+/observe/health/ready")
                    .contains("store         SQLite file " + workDir.toRealPath().resolve("data/channels.db"))
                    .contains("warning       Chat2Desk tokens are stored unencrypted: set channel.store.key");
            Path keyFile = workDir.toRealPath().resolve("data/api.key");
            assertThat(block).contains("API key       generated into " + keyFile);
            assertThat(permissions(keyFile)).isEqualTo("rw-------");
            // the store holds the channels' tokens: its folder and files are the owner's alone too
            assertThat(permissions(keyFile.getParent())).isEqualTo("rwx------");
            assertThat(permissions(keyFile.resolveSibling("channels.db"))).isEqualTo("rw-------");
            assertThat(permissions(keyFile.resolveSibling("channels.db-wal"))).isEqualTo("rw-------");
            key = Files.readString(keyFile).trim();
            assertThat(Files.readString(first.log())).doesNotContain(key);
            assertThat(status(port, key)).isEqualTo(200);
            assertThat(status(port, "wrong")).isEqualTo(401);
            // the demo channel is ready before the summary is written: it ends the startup log
            String log = Files.readString(first.log());
            assertThat(log.indexOf("Demo channel")).isNotNegative().isLessThan(log.indexOf(" is ready"));
        }

        Files.delete(workDir.resolve("bundle.log"));
        try (BundleProcess second = new BundleProcess(workDir, port,
                "-Dchannel.store.key=" + "k".repeat(32)).start()) {
            String block = awaitSummary(second);

            assertThat(block).contains("API key       in " + workDir.toRealPath().resolve("data/api.key"))
                    .doesNotContain("warning");
            assertThat(Files.readString(second.log())).as("a key given is not logged").doesNotContain("k".repeat(32));
            assertThat(status(port, key)).as("the same key after a restart").isEqualTo(200);
        }
    }

    @Test
    void aShortManagementKeyStopsTheStartSayingWhy() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Dapi.key=only-31-characters-long-aaaaaaa",
                "-Dcamel.server.port=" + RunningBundle.freePort(),
                "-Dcamel.management.port=" + RunningBundle.freePort(), "-jar", new File(JAR).getAbsolutePath());
        Path output = workDir.resolve("short-key.txt");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(output)).contains("did not start")
                .contains("api.key has 31 characters; the management key needs at least 32")
                .doesNotContain("only-31-characters-long-aaaaaaa");
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** The summary block, once logged: its line and the indented lines below it. */
    private static String awaitSummary(BundleProcess bundle) throws IOException {
        await().atMost(PATIENCE).until(() -> Files.exists(bundle.log())
                && Files.readString(bundle.log(), StandardCharsets.UTF_8).contains(" is ready\n"));
        String log = Files.readString(bundle.log(), StandardCharsets.UTF_8);
        String from = log.substring(log.lastIndexOf('\n', log.indexOf(" is ready\n")) + 1);
        StringBuilder block = new StringBuilder();
        for (String line : from.split("\n")) {
            if (block.length() > 0 && !line.startsWith("  ")) {
                break;
            }
            block.append(line).append('\n');
        }
        return block.toString();
    }

    private int status(int port, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/channels"))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
