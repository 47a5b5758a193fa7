package io.botchannel.chat2desk.sandbox;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One page of a list endpoint, with the numbers of Chat2Desk's {@code meta}. */
record Listing(ArrayNode data, int total, int limit, int offset) {

    /** Chat2Desk pages with {@code limit} (default 20, at most 200) and {@code offset}. */
    static Listing page(List<ObjectNode> items, RequestFields query) {
        int limit = query.number("limit", 20, 1, 200);
        int offset = query.number("offset", 0, 0, Integer.MAX_VALUE);
        ArrayNode data = JsonNodeFactory.instance.arrayNode();
        items.stream().skip(offset).limit(limit).forEach(data::add);
        return new Listing(data, items.size(), limit, offset);
    }

    ObjectNode meta() {
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        meta.put("total", total);
        meta.put("limit", limit);
        meta.put("offset", offset);
        return meta;
    }
}
