package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The library on other Camel runtimes, as their users build it: the library jar goes into the local
 * Maven repository, then each application of {@code examples/} is built and tested against it with
 * its own Maven build (Spring Boot: the core flow, CREATE & ACTIVATE and the actuator; KameletMain, the
 * engine of camel run: the core flow and CREATE & ACTIVATE), each building the bundle's beans once, and the
 * Kamelets' own module with its Pipes. Their logs go to target/examples-*.log and target/kamelets-module.log.
 */
class ExamplesIT {

    @BeforeAll
    static void installTheLibrary() throws Exception {
        MavenBuild.installTheLibrary();
    }

    @Test
    void theKameletsModulesPipesRunOnWhatItCarriesAlone() throws Exception {
        MavenBuild.run("kamelets-module", "-f", Path.of("kamelets", "pom.xml").toAbsolutePath().toString(), "verify");
    }

    @ParameterizedTest
    @ValueSource(strings = {"spring-boot", "kamelet-main"})
    void theExampleApplicationPassesItsTests(String example) throws Exception {
        MavenBuild.run("examples-" + example, "-f", Path.of("examples", example, "pom.xml").toAbsolutePath().toString(),
                "verify");
        // its tests start the application once: one store pool and migration, one recovery of its own claims
        Path log = Path.of("target", "examples-" + example + ".log");
        assertThat(StartWork.in(log)).as(log.toString()).isEqualTo(StartWork.ofStarts(1));
    }
}
