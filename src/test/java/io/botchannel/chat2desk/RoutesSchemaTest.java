package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Every file in routes/ is canonical Camel YAML DSL, as checked by the schema shipped with Camel. */
class RoutesSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = loadSchema();

    static Stream<Path> routeFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("routes"))) {
            files = list.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertThat(files).as("route files").isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void routeFileValidatesAgainstTheCamelYamlDslSchema(Path file) throws IOException {
        List<Error> errors = SCHEMA.validate(toJson(Files.readString(file)));
        assertThat(errors).as(file + " schema errors").isEmpty();
    }

    @Test
    void aMisspelledStepIsCaught() {
        String yaml = """
                - route:
                    id: typo
                    from:
                      uri: direct:typo
                      steps:
                        - fitler:
                            expression:
                              simple:
                                expression: "${body} != null"
                """;
        assertThat(SCHEMA.validate(toJson(yaml))).isNotEmpty();
    }

    private static JsonNode toJson(String yaml) {
        Object document = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        return JSON.valueToTree(document);
    }

    private static Schema loadSchema() {
        try (InputStream in = RoutesSchemaTest.class.getClassLoader().getResourceAsStream("schema/camelYamlDsl.json")) {
            assertThat(in).as("camelYamlDsl.json inside camel-yaml-dsl").isNotNull();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
