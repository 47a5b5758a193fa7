package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * routes/beans.camel.yaml reads without counting: each bean says its purpose in the comment line
 * above it, and a bean of more than two arguments names them (properties of its builder) instead
 * of giving them by position.
 */
class BeansFileTest {

    private static final Path BEANS = Path.of("routes/beans.camel.yaml");

    @Test
    void everyBeanSaysWhatItIsForAndNoneTakesMoreThanTwoArgumentsByPosition() throws IOException {
        List<String> lines = Files.readAllLines(BEANS);
        List<String> unexplained = new ArrayList<>();
        List<String> counted = new ArrayList<>();
        String bean = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("- name: ")) {
                bean = line.substring("- name: ".length());
                if (!lines.get(i - 1).strip().startsWith("# ")) {
                    unexplained.add(bean);
                }
            } else if (line.startsWith("2: ") && bean != null) {
                counted.add(bean);
            }
        }
        assertThat(lines).as("beans in " + BEANS).anyMatch(line -> line.strip().startsWith("- name: "));
        assertThat(unexplained).as("beans without a comment line above them").isEmpty();
        assertThat(counted).as("beans with a third positional argument").isEmpty();
    }
}
