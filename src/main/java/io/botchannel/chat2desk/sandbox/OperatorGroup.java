package io.botchannel.chat2desk.sandbox;

import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A group of operators that a dialog can be transferred to. */
record OperatorGroup(long id, String name, List<Long> operatorIds) {

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("name", name);
        operatorIds.forEach(json.putArray("operator_ids")::add);
        return json;
    }
}
