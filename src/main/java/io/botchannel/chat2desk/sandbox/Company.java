package io.botchannel.chat2desk.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One Chat2Desk account of the sandbox, known by its API token; its state is its own. */
final class Company {

    final long id;
    final String token;
    final Webhooks webhooks;
    final Conversations conversations;
    final Faults faults = new Faults();

    Company(long id, String token, IdSequences ids, WebhookDelivery delivery) {
        this.id = id;
        this.token = token;
        this.webhooks = new Webhooks(token, ids, delivery);
        this.conversations = new Conversations(ids, webhooks);
    }

    /** {@code GET /companies/api_info}, with the fields of 2025 and later. */
    ObjectNode apiInfo() {
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("companyID", id);
        info.put("partnerID", 0);
        info.put("company_name", "Sandbox company");
        info.put("admin_email", "admin@sandbox.local");
        info.put("company_mode", "sandbox");
        info.put("company_lang", "en");
        return info;
    }

    /** The company was reset away: its pending webhook deliveries stop. */
    void close() {
        webhooks.close();
    }
}
