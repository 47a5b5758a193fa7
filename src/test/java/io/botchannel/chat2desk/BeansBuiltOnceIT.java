package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar builds the beans of routes/beans.camel.yaml once per start: one store pool, one
 * schema migration, one recovery of its own claims, on the first start and on a restart. Camel Main
 * pre-parses the route files for their beans and loads them again for their routes; see
 * {@link BeansBuiltOnceLoader}. The other runtimes are counted by ExamplesIT and CamelRunIT.
 */
class BeansBuiltOnceIT {

    @TempDir
    Path workDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eachStartOpensTheStoreMigratesItAndRecoversItsOwnClaimsOnce() throws Exception {
        int port = RunningBundle.freePort();
        for (int start = 1; start <= 2; start++) {
            try (BundleProcess bundle = new BundleProcess(workDir, port).start()) {
                bundle.awaitReady("start " + start, () -> ready(port));
                assertThat(StartWork.in(bundle.log())).as("start " + start + ", " + bundle.log())
                        .isEqualTo(StartWork.ofStarts(start));
            }
        }
        assertThat(Files.readString(workDir.resolve("bundle.log")))
                .as("the restart finds the schema up to date").contains("(0 migrations applied now)");
    }

    private boolean ready(int port) throws Exception {
        URI openApi = URI.create("http://localhost:" + port + "/api/v1/openapi.json");
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(openApi).build(), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200;
    }
}
