package io.botchannel.chat2desk;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader;
import org.apache.camel.dsl.yaml.common.YamlDeserializationContext;
import org.apache.camel.spi.Resource;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Loads {@code *.camel.yaml} files as Camel's YAML DSL does, but builds the beans of a file once per
 * start. Camel Main, KameletMain and {@code camel run} first pre-parse every route file to build its
 * beans (so that they exist before the context is configured), then load each file's routes; Camel
 * 4.18's YAML DSL forgets which beans it built as soon as the routes of any file are loaded, so a
 * beans file loaded after another route file had all its beans built a second time: a second store
 * pool and migration, the inbox's own claims recovered twice, a thread per writer left over. A file
 * whose beans the pre-parse built is loaded here without its {@code beans}. Runtimes that do not
 * pre-parse (Camel Spring Boot) build them when they load the file, once, as before. Chosen by Camel
 * for the {@code camel.yaml} extension (META-INF/services/org/apache/camel/routes-loader/camel-yaml).
 */
public class BeansBuiltOnceLoader extends YamlRoutesBuilderLoader {

    private final Set<String> beansBuilt = ConcurrentHashMap.newKeySet();

    @Override
    public void preParseRoute(Resource resource) throws Exception {
        super.preParseRoute(resource);
        beansBuilt.add(resource.getLocation());
    }

    @Override
    protected RouteBuilder builder(YamlDeserializationContext context, Node root) {
        Resource resource = context.getResource();
        if (resource != null && beansBuilt.remove(resource.getLocation()) && root instanceof SequenceNode items) {
            items.getValue().removeIf(BeansBuiltOnceLoader::isBeans);
        }
        return super.builder(context, root);
    }

    private static boolean isBeans(Node item) {
        return item instanceof MappingNode entry && entry.getValue().size() == 1
                && entry.getValue().get(0).getKeyNode() instanceof ScalarNode key && "beans".equals(key.getValue());
    }
}
