package io.botchannel.chat2desk.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Chat2Desk operator: a human, or the bot itself (in Chat2Desk the bot is an operator). */
record Operator(long id, String email, String firstName, String lastName, String role, int online) {

    String fullName() {
        return firstName + " " + lastName;
    }

    /** The operator object of {@code GET /operators}. */
    ObjectNode toJson(int openedDialogs) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("email", email);
        json.putNull("phone");
        json.put("first_name", firstName);
        json.put("last_name", lastName);
        json.putNull("avatar");
        json.put("role", role);
        json.put("online", online);
        json.putNull("offline_type");
        json.putNull("last_visit");
        json.put("opened_dialogs", openedDialogs);
        json.put("status_id", 1);
        json.putNull("external_id");
        json.put("status", "enabled");
        json.put("access_right_name", role);
        json.putNull("access_right_id");
        json.put("two_factor", false);
        return json;
    }
}
