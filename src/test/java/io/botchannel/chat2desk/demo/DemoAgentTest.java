package io.botchannel.chat2desk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.botchannel.chat2desk.markup.MarkupTranslator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo Agent's echo reaches the client exactly as the client wrote it, whatever the messenger. */
class DemoAgentTest {

    private final DemoAgent agent = new DemoAgent("http://127.0.0.1:8080");
    private final MarkupTranslator translator = MarkupTranslator.fromDefaults();

    @ParameterizedTest
    @ValueSource(strings = {"__init__.py", "*not italics*", "_a_ and __b__", "[a](https://x.example)", "a\\*b",
            "\\", "ends with \\", "2 * 3 * 4", "snake_case_name"})
    void theEchoQuotesTheClientVerbatim(String written) {
        String echo = echoText(written);

        for (String transport : List.of("whatsapp", "sms", "telegram")) {
            assertThat(translator.translate(echo, transport)).as(transport).isEqualTo("You wrote: " + written);
        }
    }

    @SuppressWarnings("unchecked")
    private String echoText(String written) {
        Map<String, Object> answer = agent.echo(Map.of("text", written));
        List<Map<String, Object>> replies = (List<Map<String, Object>>) answer.get("replies");
        return (String) replies.get(0).get("text");
    }
}
