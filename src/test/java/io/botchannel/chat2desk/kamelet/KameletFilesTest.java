package io.botchannel.chat2desk.kamelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every file in kamelets/ is a Kamelet as the Kamelet catalog writes them: the Kamelet resource's
 * shape, its definition a valid JSON schema whose secrets are passwords, every placeholder of the
 * template a property it defines, and the template canonical Camel YAML DSL (Camel's own schema).
 */
class KameletFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TYPES = Set.of("source", "sink", "action");
    private static final Set<String> SECRETS = Set.of("token", "signatureKey", "storePassword");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([A-Za-z0-9_.-]+)}}");

    static Stream<Path> kamelets() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("kamelets"))) {
            files = list.filter(p -> p.toString().endsWith(".kamelet.yaml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
                "chat2desk-sink.kamelet.yaml", "chat2desk-source.kamelet.yaml", "chat2desk-transfer-action.kamelet.yaml");
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void isAKameletResourceWithTheCatalogsMetadata(Path file) throws IOException {
        JsonNode kamelet = read(file);
        String name = file.getFileName().toString().replace(".kamelet.yaml", "");

        assertThat(kamelet.path("apiVersion").asText()).isEqualTo("camel.apache.org/v1");
        assertThat(kamelet.path("kind").asText()).isEqualTo("Kamelet");
        assertThat(kamelet.path("metadata").path("name").asText()).isEqualTo(name);
        String type = kamelet.path("metadata").path("labels").path("camel.apache.org/kamelet.type").asText();
        assertThat(type).isIn(TYPES);
        assertThat(name).endsWith("-" + type);
        JsonNode annotations = kamelet.path("metadata").path("annotations");
        assertThat(annotations.path("camel.apache.org/kamelet.support.level").asText()).isIn("Stable", "Preview", "Experimental");
        assertThat(annotations.path("camel.apache.org/kamelet.icon").asText()).startsWith("data:image/svg+xml;base64,");
        assertThat(annotations.path("camel.apache.org/provider").asText()).isNotBlank();
        assertThat(annotations.path("camel.apache.org/kamelet.group").asText()).isEqualTo("Chat2Desk");
        assertThat(kamelet.path("spec").path("dependencies")).extracting(JsonNode::asText).contains("camel:kamelet");
        if (!type.equals("source")) {
            assertThat(kamelet.path("spec").path("template").path("from").path("uri").asText()).isEqualTo("kamelet:source");
        }
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void itsDefinitionIsAJsonSchemaWithItsSecretsAsPasswords(Path file) throws IOException {
        JsonNode definition = read(file).path("spec").path("definition");

        assertThat(metaSchema().validate(definition)).as("against the JSON Schema draft-07 meta-schema").isEmpty();
        assertThat(definition.path("title").asText()).startsWith("Chat2Desk ");
        assertThat(definition.path("description").asText()).isNotBlank();
        assertThat(definition.path("type").asText()).isEqualTo("object");
        JsonNode properties = definition.path("properties");
        definition.path("required").forEach(required -> assertThat(properties.has(required.asText()))
                .as("required property " + required + " is defined").isTrue());
        properties.properties().forEach(property -> {
            JsonNode schema = property.getValue();
            assertThat(schema.path("title").asText()).as(property.getKey() + " title").isNotBlank();
            assertThat(schema.path("description").asText()).as(property.getKey() + " description").isNotBlank();
            assertThat(schema.path("type").asText()).as(property.getKey() + " type").isIn("string", "integer", "boolean");
            if (SECRETS.contains(property.getKey())) {
                assertThat(schema.path("format").asText()).as(property.getKey() + " is a secret").isEqualTo("password");
                assertThat(schema.path("x-descriptors")).extracting(JsonNode::asText)
                        .contains("urn:camel:group:credentials");
            }
            // the catalog no longer writes the OpenShift console's descriptors
            assertThat(schema.path("x-descriptors")).extracting(JsonNode::asText).noneMatch(d -> d.startsWith("urn:alm:"));
            if (SECRETS.contains(property.getKey())) {
                assertThat(schema.path("format").asText()).isEqualTo("password");
            } else {
                assertThat(schema.path("format").asText()).as(property.getKey()).isNotEqualTo("password");
            }
        });
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void everyPlaceholderOfItsTemplateIsAPropertyOrALocalBean(Path file) throws IOException {
        JsonNode kamelet = read(file);
        JsonNode template = kamelet.path("spec").path("template");
        Set<String> known = new TreeSet<>();
        kamelet.path("spec").path("definition").path("properties").fieldNames().forEachRemaining(known::add);
        template.path("beans").forEach(bean -> known.add(bean.path("name").asText()));

        Set<String> used = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(template.toString());
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        assertThat(used).isNotEmpty();
        assertThat(known).containsAll(used);
        // and every property is used: a property that changes nothing would mislead its user
        Set<String> properties = new TreeSet<>();
        kamelet.path("spec").path("definition").path("properties").fieldNames().forEachRemaining(properties::add);
        assertThat(used).containsAll(properties);
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void itsTemplateIsCanonicalCamelYaml(Path file) throws IOException {
        JsonNode kamelet = read(file);
        ObjectNode routeTemplate = JSON.createObjectNode();
        routeTemplate.put("id", kamelet.path("metadata").path("name").asText());
        routeTemplate.setAll((ObjectNode) kamelet.path("spec").path("template").deepCopy());

        assertThat(camelYamlDsl().validate(JSON.createArrayNode().add(JSON.createObjectNode().set("routeTemplate", routeTemplate))))
                .as(file + " template against camelYamlDsl.json").isEmpty();
    }

    @Test
    void theEchoBotRouteIsCanonicalCamelYaml() throws IOException {
        assertThat(camelYamlDsl().validate(yaml(Files.readString(Path.of("src/test/resources/kamelet-routes/echo-bot.camel.yaml")))))
                .isEmpty();
    }

    @Test
    void theSinksDefinitionAcceptsATokenAndRefusesAWrongType() throws IOException {
        Schema sink = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(read(Path.of("kamelets/chat2desk-sink.kamelet.yaml")).path("spec").path("definition"));

        assertThat(sink.validate(JSON.valueToTree(Map.of("token", "t", "operatorId", 41164)))).isEmpty();
        assertThat(sink.validate(JSON.valueToTree(Map.of("operatorId", 41164)))).as("no token").isNotEmpty();
        assertThat(sink.validate(JSON.valueToTree(Map.of("token", "t", "operatorId", "bot")))).as("operatorId a word").isNotEmpty();
    }

    @Test
    void aDefinitionThatIsNoJsonSchemaIsCaught() {
        assertThat(metaSchema().validate(yaml("{type: object, required: token, properties: {token: {type: text}}}")))
                .isNotEmpty();
    }

    @Test
    void aMisspelledStepInATemplateIsCaught() {
        JsonNode broken = yaml("""
                - routeTemplate:
                    id: broken
                    from:
                      uri: kamelet:source
                      steps:
                        - setPropery:
                            name: x
                """);
        assertThat(camelYamlDsl().validate(broken)).isNotEmpty();
    }

    private static JsonNode read(Path file) throws IOException {
        return yaml(Files.readString(file));
    }

    private static JsonNode yaml(String text) {
        return JSON.valueToTree(new Load(LoadSettings.builder().build()).loadFromString(text));
    }

    private static Schema metaSchema() {
        return schema("draft-07/schema", SpecificationVersion.DRAFT_7);
    }

    private static Schema camelYamlDsl() {
        return schema("schema/camelYamlDsl.json", SpecificationVersion.DRAFT_4);
    }

    private static Schema schema(String resource, SpecificationVersion version) {
        try (InputStream in = KameletFilesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the class path").isNotNull();
            return SchemaRegistry.withDefaultDialect(version).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
