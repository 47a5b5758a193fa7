package bench;

import org.apache.camel.main.Main;

/**
 * The least a Camel relay of the same two calls does: Camel Main with one YAML route,
 * platform-http -> http (Agent) -> http (Chat2Desk), nothing else.
 * Usage: MinimalRelay relayDir (holding relay.camel.yaml and relay.properties)
 */
public final class MinimalRelay {

    private MinimalRelay() {
    }

    public static void main(String[] args) throws Exception {
        String dir = args[0];
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + dir + "/relay.properties");
        main.configure().withRoutesIncludePattern("file:" + dir + "/relay.camel.yaml");
        main.run();
    }
}
