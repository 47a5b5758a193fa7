package io.botchannel.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;
import org.apache.camel.dsl.jbang.core.common.CommandLineHelper;

/**
 * {@code camel}: the Camel CLI's command line. Its settings live in a home of its own, which names the
 * Kamelet catalog of Camel 4.18 (the 4.17 command line would look for the 4.17 catalog, which is not
 * published where this builds).
 */
public final class Camel {

    private Camel() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("camel.cli.home", "target/camel-cli/home"));
        Files.createDirectories(home);
        Files.writeString(home.resolve(".camel-jbang-user.properties"), "kamelets-version=4.18.0\n");
        CommandLineHelper.useHomeDir(home.toString());
        CamelJBangMain.run(args);
    }
}
