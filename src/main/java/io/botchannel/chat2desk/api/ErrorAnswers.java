package io.botchannel.chat2desk.api;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.channel.ChecksFailed;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/** The body of an error answer: {@code {"error": "..."}}, plus {@code checks} for a refused APPLY. */
public class ErrorAnswers {

    private final ObjectMapper json = new ObjectMapper();

    public String body(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) ApiError error) throws JsonProcessingException {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", error.getMessage());
        if (error instanceof ChecksFailed failed) {
            answer.put("checks", failed.getChecks());
        }
        return json.writeValueAsString(answer);
    }
}
