package io.botchannel.chat2desk.api;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/** The body of an error answer: {@code {"error": "..."}}, plus the details of the refusal (the checks of a refused APPLY). */
public class ErrorAnswers {

    private final ObjectMapper json = new ObjectMapper();

    public String body(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) ApiError error) throws JsonProcessingException {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", error.getMessage());
        answer.putAll(error.details());
        return json.writeValueAsString(answer);
    }
}
