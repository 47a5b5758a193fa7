package io.botchannel.chat2desk.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A company's operators, clients, dialogs and messages, and the events they cause. One lock
 * guards it all, and events are published under that lock, so webhooks see things in the order
 * they happened. It is all in memory, so it is bounded: past {@link #MAX_CONVERSATIONS} clients
 * the one whose conversation went quiet longest is forgotten with its dialog and messages, and
 * past {@link #MAX_MESSAGES} messages the oldest ones are.
 */
final class Conversations {

    static final int MAX_CONVERSATIONS = 1_000;
    static final int MAX_MESSAGES = 10_000;

    private static final Set<String> SENT_TYPES = Set.of(Message.TO_CLIENT, "autoreply", Message.SYSTEM, "comment");

    private final IdSequences ids;
    private final Webhooks webhooks;
    private final Map<Long, Operator> operators = new LinkedHashMap<>();
    private final Map<Long, OperatorGroup> groups = new LinkedHashMap<>();
    private final Map<Long, Client> clients = new LinkedHashMap<>();
    private final Map<Long, Dialog> dialogs = new LinkedHashMap<>();
    /** In the order they were written; the oldest goes when there are too many. */
    private final Map<Long, Message> messages = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Message> eldest) {
            return size() > MAX_MESSAGES;
        }
    };

    Conversations(IdSequences ids, Webhooks webhooks) {
        this.ids = ids;
        this.webhooks = webhooks;
        // Every company starts with the bot's operator, one human and a group to transfer to
        add(new Operator(41164, "bot@sandbox.local", "Demo", "Bot", "operator", 1));
        add(new Operator(41165, "anna@sandbox.local", "Anna", "Operator", "operator", 1));
        groups.put(7L, new OperatorGroup(7, "Support", List.of(41165L)));
    }

    private void add(Operator operator) {
        operators.put(operator.id(), operator);
    }

    // ---- messages ---------------------------------------------------------------------------

    /** {@code POST /messages}, echoed back as an {@code outbox} event. */
    synchronized ObjectNode send(RequestFields fields) {
        long clientId = fields.requiredNumber("client_id");
        Client client = clients.get(clientId);
        if (client == null) {
            throw ApiRefusal.invalid("client_id", "Client with id " + clientId + " not found");
        }
        String text = fields.text("text");
        String attachment = fields.fileUrl("attachment");
        String pdf = fields.fileUrl("pdf");
        if ((text == null || text.isEmpty()) && attachment == null && pdf == null) {
            throw ApiRefusal.invalid("text", "The text field is required when attachment or pdf is not present.");
        }
        String givenType = fields.text("type");
        String type = givenType == null ? Message.TO_CLIENT : givenType;
        if (!SENT_TYPES.contains(type)) {
            throw ApiRefusal.invalid("type", "The type must be one of to_client, autoreply, system, comment.");
        }
        String givenTransport = fields.text("transport");
        String transport = givenTransport == null ? client.lastTransport : SandboxChannel.transport(givenTransport);
        Long givenChannel = fields.number("channel_id");
        long channelId = SandboxChannel.id(givenChannel == null ? client.lastChannelId : givenChannel);
        Long operatorId = fields.number("operator_id");
        if (operatorId != null) {
            operator(operatorId);
        }
        JsonNode keyboard = fields.node("keyboard", JsonNode::isObject, "an object with buttons");
        JsonNode inlineButtons = fields.node("inline_buttons", JsonNode::isArray, "an array of buttons");
        JsonNode interactive = fields.node("interactive");
        boolean openDialog = fields.flag("open_dialog", true);
        Long replyTo = fields.number("reply_message_id");

        Instant now = Instant.now();
        Dialog dialog = dialogOf(client, operatorId, now);
        if (!dialog.isOpen() && openDialog) {
            reopen(dialog, now);
        }
        if (operatorId != null && dialog.operatorId == null) {
            dialog.operatorId = operatorId; // the sender takes the unassigned dialog
        }
        Message message = newMessage(type, text, transport, client, dialog, channelId, now);
        message.operatorId = operatorId != null ? operatorId : dialog.operatorId;
        message.pdf = pdf;
        message.attachment = attachment;
        message.attachmentFilename = fields.text("attachment_filename");
        if (attachment != null) {
            message.attach(message.attachmentFilename, attachment);
        }
        message.keyboard = keyboard;
        message.inlineButtons = inlineButtons;
        message.interactive = interactive;
        message.externalId = fields.text("external_id");
        message.replyMessageId = replyTo;
        record(message, dialog);
        client.lastTransport = transport;
        client.lastChannelId = channelId;
        client.transports.add(transport);
        // Chat2Desk echoes API sends to webhooks; internal notes come as comment events instead
        webhooks.publish(message.toEvent("comment".equals(type) ? "comment" : "outbox", client, false, false, now));
        return message.toSendResult();
    }

    synchronized Listing messages(RequestFields query) {
        Long clientId = query.number("client_id");
        Long dialogId = query.number("dialog_id");
        Long operatorId = query.number("operator_id");
        Long channelId = query.number("channel_id");
        String type = query.text("type");
        String transport = query.text("transport");
        List<ObjectNode> found = new ArrayList<>();
        for (Message message : messages.values()) {
            if ((clientId == null || message.clientId == clientId)
                    && (dialogId == null || message.dialogId == dialogId)
                    && (operatorId == null || operatorId.equals(message.operatorId))
                    && (channelId == null || message.channelId == channelId)
                    && (type == null || type.equals(message.type))
                    && (transport == null || transport.equals(message.transport))) {
                found.add(message.toJson());
            }
        }
        return Listing.page(ordered(found, query), query);
    }

    synchronized ObjectNode message(long id) {
        return find(id).toJson();
    }

    /** {@code GET /messages/:id/transfer?operator_id=}: the message's dialog goes to that operator. */
    synchronized void transfer(long messageId, RequestFields query) {
        Message message = find(messageId);
        long operatorId = query.requiredNumber("operator_id");
        Operator operator = operator(operatorId);
        assign(dialogs.get(message.dialogId), operatorId, "Dialog transferred to " + operator.fullName(), Instant.now());
    }

    /**
     * {@code GET /messages/:id/transfer_to_group?group_id=}: the dialog goes to the group's first
     * online operator, so it no longer waits for the bot (or for nobody when no one is online).
     */
    synchronized void transferToGroup(long messageId, RequestFields query) {
        Message message = find(messageId);
        long groupId = query.requiredNumber("group_id");
        OperatorGroup group = groups.get(groupId);
        if (group == null) {
            throw ApiRefusal.invalid("group_id", "operator group " + groupId + " not found");
        }
        Long operatorId = group.operatorIds().stream()
                .filter(id -> operators.containsKey(id) && operators.get(id).online() == 1)
                .findFirst().orElse(null);
        String to = operatorId == null ? "" : " (" + operators.get(operatorId).fullName() + ")";
        assign(dialogs.get(message.dialogId), operatorId, "Dialog transferred to group " + group.name() + to, Instant.now());
    }

    // ---- dialogs ----------------------------------------------------------------------------

    synchronized Listing dialogs(RequestFields query) {
        String state = query.text("state");
        Long operatorId = query.number("operator_id");
        Long clientId = query.number("client_id");
        List<ObjectNode> found = new ArrayList<>();
        for (Dialog dialog : dialogs.values()) {
            if ((state == null || state.equals(dialog.state))
                    && (operatorId == null || operatorId.equals(dialog.operatorId))
                    && (clientId == null || dialog.clientId == clientId)) {
                found.add(dialog.toJson());
            }
        }
        return Listing.page(ordered(found, query), query);
    }

    synchronized ObjectNode dialog(long id) {
        return findDialog(id).toJson();
    }

    /** {@code PUT /dialogs/:id} with {@code operator_id} (null unassigns) and/or {@code state}. */
    synchronized ObjectNode updateDialog(long id, RequestFields fields) {
        Dialog dialog = findDialog(id);
        String state = fields.text("state");
        if (state != null && !state.equals(Dialog.OPEN) && !state.equals(Dialog.CLOSED)) {
            throw ApiRefusal.invalid("state", "The state must be open or closed.");
        }
        boolean reassign = fields.has("operator_id");
        if (!reassign && state == null) {
            throw ApiRefusal.invalid("state", "Give operator_id and/or state.");
        }
        Long operatorId = reassign ? fields.number("operator_id") : null;
        if (operatorId != null) {
            operator(operatorId);
        }
        if (Dialog.CLOSED.equals(state) && !dialog.isOpen()) {
            throw ApiRefusal.badRequest("Dialog " + id + " already has state closed");
        }
        Instant now = Instant.now();
        if (Dialog.OPEN.equals(state) && !dialog.isOpen()) {
            reopen(dialog, now);
            systemLine(dialog, "Dialog reopened", now);
        }
        if (reassign && !Objects.equals(operatorId, dialog.operatorId)) {
            assign(dialog, operatorId, operatorId == null ? "Dialog returned to the queue"
                    : "Dialog transferred to " + operators.get(operatorId).fullName(), now);
        }
        if (Dialog.CLOSED.equals(state)) {
            dialog.state = Dialog.CLOSED;
            dialog.end = now;
            systemLine(dialog, "Dialog closed", now);
            webhooks.publish(dialogEvent("close_dialog", dialog, now));
        }
        return dialog.toJson();
    }

    // ---- operators and clients --------------------------------------------------------------

    synchronized Listing operators(RequestFields query) {
        String email = query.text("email");
        Long online = query.number("online");
        String role = query.text("role");
        List<ObjectNode> found = new ArrayList<>();
        for (Operator operator : operators.values()) {
            if ((email == null || email.equalsIgnoreCase(operator.email()))
                    && (online == null || online == operator.online())
                    && (role == null || role.equals(operator.role()))) {
                int opened = (int) dialogs.values().stream()
                        .filter(d -> d.isOpen() && Long.valueOf(operator.id()).equals(d.operatorId)).count();
                found.add(operator.toJson(opened));
            }
        }
        return Listing.page(found, query);
    }

    synchronized ArrayNode groups() {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        groups.values().forEach(group -> list.add(group.toJson()));
        return list;
    }

    synchronized ObjectNode client(long id) {
        Client client = clients.get(id);
        if (client == null) {
            throw ApiRefusal.notFound("Client with id " + id + " not found");
        }
        return client.toJson();
    }

    synchronized Listing clients(RequestFields query) {
        String phone = query.text("phone");
        List<ObjectNode> found = new ArrayList<>();
        for (Client client : clients.values()) {
            if (phone == null || samePhone(phone, client.phone) || samePhone(phone, client.clientPhone)) {
                found.add(client.toJson());
            }
        }
        return Listing.page(ordered(found, query), query);
    }

    /** {@code POST /clients}: a client the company may write to first. */
    synchronized ObjectNode createClient(RequestFields fields) {
        String phone = fields.requiredText("phone");
        String transport = SandboxChannel.transport(fields.requiredText("transport"));
        Long givenChannel = fields.number("channel_id");
        long channelId = SandboxChannel.id(givenChannel == null ? SandboxChannel.ID : givenChannel);
        for (Client other : clients.values()) {
            if (samePhone(phone, other.phone) || samePhone(phone, other.clientPhone)) {
                // Chat2Desk's shape: a text, then the existing client as a JSON string
                ObjectNode existing = JsonNodeFactory.instance.objectNode();
                existing.put("id", other.id);
                existing.put("phone", other.phone);
                existing.put("name", other.name);
                ObjectNode errors = JsonNodeFactory.instance.objectNode();
                errors.putArray("client").add("Client already exist").add(existing.toString());
                throw new ApiRefusal(400, "Client already exist", errors);
            }
        }
        String nickname = fields.text("nickname");
        long id = ids.clients.incrementAndGet();
        Client client = new Client(id, phone, phone, nickname == null || nickname.isBlank() ? phone : nickname,
                transport, channelId);
        clients.put(id, client);
        forgetQuietestConversationsBut(id);
        return client.toJson();
    }

    // ---- simulated clients and events (control API) -----------------------------------------

    /**
     * A client writes: creates the client and its dialog when needed, records the message and
     * delivers it as an {@code inbox} event. The dialog goes to {@code operatorId} when given,
     * else stays with its current operator, else with none.
     */
    synchronized ObjectNode clientWrites(RequestFields fields) {
        Long clientId = fields.number("clientId");
        String givenTransport = fields.text("transport");
        String transport = givenTransport == null ? "widget" : SandboxChannel.transport(givenTransport);
        Long operatorId = fields.number("operatorId");
        if (operatorId != null) {
            operator(operatorId);
        }
        String text = fields.text("text");
        JsonNode attachments = fields.attachments("attachments");
        String photo = fields.fileUrl("photo");
        String pdf = fields.fileUrl("pdf");
        String audio = fields.fileUrl("audio");
        String video = fields.fileUrl("video");
        if ((text == null || text.isEmpty()) && attachments.isEmpty() && photo == null && pdf == null
                && audio == null && video == null) {
            throw ApiRefusal.invalid("text", "Give text, or an attachment (photo, pdf, audio, video, attachments).");
        }
        if (clientId != null && clientId <= 0) {
            throw ApiRefusal.invalid("clientId", "The clientId must be a positive number.");
        }

        Instant now = Instant.now();
        Client client = clientId == null ? null : clients.get(clientId);
        if (client == null) {
            long id = clientId == null ? ids.clients.incrementAndGet() : clientId;
            IdSequences.skipPast(ids.clients, id);
            String phone = Client.phoneFor(id, transport);
            String name = fields.text("name");
            client = new Client(id, phone, Client.hasRealPhone(transport) ? phone : null,
                    name == null || name.isBlank() ? phone : name, transport, SandboxChannel.ID);
            clients.put(id, client);
            forgetQuietestConversationsBut(id);
        }
        boolean newClient = client.firstClientMessage == null;
        boolean newRequest = client.dialogId == null || !dialogs.get(client.dialogId).isOpen();
        Dialog dialog = dialogOf(client, operatorId, now);
        if (!dialog.isOpen()) {
            reopen(dialog, now);
        }
        if (operatorId != null) {
            dialog.operatorId = operatorId;
        }
        Message message = newMessage(Message.FROM_CLIENT, text == null ? "" : text, transport, client, dialog,
                client.lastChannelId, now);
        message.operatorId = dialog.operatorId;
        message.photo = photo;
        message.pdf = pdf;
        message.audio = audio;
        message.video = video;
        attachments.forEach(file -> message.attach(file.path("name").textValue(), file.path("link").textValue()));
        record(message, dialog);
        client.lastTransport = transport;
        client.transports.add(transport);
        if (newClient) {
            client.firstClientMessage = now;
        }
        client.lastClientMessage = now;
        webhooks.publish(message.toEvent("inbox", client, newRequest, newClient, now));

        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("messageId", message.id);
        answer.put("clientId", client.id);
        answer.put("dialogId", dialog.id);
        answer.put("requestId", dialog.requestId);
        return answer;
    }

    /** Every message of a client, both directions, in order, with all the API stored. */
    synchronized ArrayNode conversation(long clientId) {
        if (!clients.containsKey(clientId)) {
            throw ApiRefusal.notFound("Client with id " + clientId + " not found");
        }
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        messages.values().stream().filter(m -> m.clientId == clientId).forEach(m -> list.add(m.toJson()));
        return list;
    }

    /** Every client's conversation in short, the latest first: for the page to switch between them. */
    synchronized ArrayNode conversations() {
        Map<Long, Message> lastOf = new LinkedHashMap<>();
        Map<Long, Integer> countOf = new LinkedHashMap<>();
        for (Message message : messages.values()) {
            lastOf.put(message.clientId, message);
            countOf.merge(message.clientId, 1, Integer::sum);
        }
        List<ObjectNode> found = new ArrayList<>();
        for (Client client : clients.values()) {
            Dialog dialog = client.dialogId == null ? null : dialogs.get(client.dialogId);
            Message last = lastOf.get(client.id);
            int count = countOf.getOrDefault(client.id, 0);
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put("clientId", client.id);
            json.put("name", client.name);
            json.put("transport", client.lastTransport);
            json.put("dialogId", dialog == null ? null : dialog.id);
            json.put("state", dialog == null ? null : dialog.state);
            json.put("operatorId", dialog == null ? null : dialog.operatorId);
            json.put("messages", count);
            json.put("lastText", last == null ? null : last.text);
            json.put("lastTime", last == null ? null : Message.isoSeconds(last.created));
            json.put("lastMessageId", last == null ? 0 : last.id);
            found.add(json);
        }
        found.sort((a, b) -> Long.compare(b.path("lastMessageId").asLong(), a.path("lastMessageId").asLong()));
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        found.forEach(list::add);
        return list;
    }

    /** Publishes any event; under this lock, so it is ordered with the events of the conversations. */
    synchronized int publish(ObjectNode event) {
        return webhooks.publish(event);
    }

    // ---- shared steps -----------------------------------------------------------------------

    /**
     * Past the bound, the clients whose last message is oldest (or who have none) are forgotten,
     * with all of theirs; never the client just added.
     */
    private void forgetQuietestConversationsBut(long newClient) {
        if (clients.size() <= MAX_CONVERSATIONS) {
            return;
        }
        Map<Long, Long> lastMessageOf = new HashMap<>();
        messages.values().forEach(message -> lastMessageOf.put(message.clientId, message.id));
        List<Client> quietestFirst = new ArrayList<>(clients.values());
        quietestFirst.removeIf(client -> client.id == newClient);
        quietestFirst.sort(Comparator.comparingLong(client -> lastMessageOf.getOrDefault(client.id, 0L)));
        Set<Long> forgotten = new HashSet<>();
        for (Client client : List.copyOf(quietestFirst.subList(0, clients.size() - MAX_CONVERSATIONS))) {
            clients.remove(client.id);
            forgotten.add(client.id);
        }
        dialogs.values().removeIf(dialog -> forgotten.contains(dialog.clientId));
        messages.values().removeIf(message -> forgotten.contains(message.clientId));
    }

    /** The client's dialog, created open (a new request) when the client has none yet. */
    private Dialog dialogOf(Client client, Long operatorId, Instant now) {
        if (client.dialogId != null) {
            return dialogs.get(client.dialogId);
        }
        Dialog dialog = new Dialog(ids.dialogs.incrementAndGet(), client.id, operatorId, ids.requests.incrementAndGet(), now);
        dialogs.put(dialog.id, dialog);
        client.dialogId = dialog.id;
        return dialog;
    }

    private void reopen(Dialog dialog, Instant now) {
        dialog.state = Dialog.OPEN;
        dialog.begin = now;
        dialog.end = null;
        dialog.requestId = ids.requests.incrementAndGet();
    }

    private void assign(Dialog dialog, Long operatorId, String line, Instant now) {
        boolean changed = !Objects.equals(dialog.operatorId, operatorId);
        dialog.operatorId = operatorId;
        systemLine(dialog, line, now);
        // The event tells of a new operator: a group with nobody online leaves the dialog unassigned as it was
        if (changed) {
            webhooks.publish(dialogEvent("dialog_transferred", dialog, now));
        }
    }

    /** Chat2Desk shows transfers and closing as system lines in the dialog; so does the page. */
    private void systemLine(Dialog dialog, String text, Instant now) {
        Client client = clients.get(dialog.clientId);
        Message line = newMessage(Message.SYSTEM, text, client.lastTransport, client, dialog, client.lastChannelId, now);
        messages.put(line.id, line);
    }

    private ObjectNode dialogEvent(String hookType, Dialog dialog, Instant now) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("dialog_id", dialog.id);
        event.put("operator_id", dialog.operatorId);
        event.put("client_id", dialog.clientId);
        event.put("request_id", dialog.requestId);
        event.put("hook_type", hookType);
        event.put("event_time", Message.isoMicros(now));
        return event;
    }

    private Message newMessage(String type, String text, String transport, Client client, Dialog dialog, long channelId,
            Instant now) {
        Message message = new Message();
        message.id = ids.messages.incrementAndGet();
        message.type = type;
        message.text = text;
        message.transport = transport;
        message.clientId = client.id;
        message.dialogId = dialog.id;
        message.channelId = channelId;
        message.requestId = dialog.requestId;
        message.created = now;
        return message;
    }

    private void record(Message message, Dialog dialog) {
        messages.put(message.id, message);
        dialog.messages++;
        dialog.lastMessage = message;
    }

    private Message find(long id) {
        Message message = messages.get(id);
        if (message == null) {
            throw ApiRefusal.notFound("message " + id + " not found");
        }
        return message;
    }

    private Dialog findDialog(long id) {
        Dialog dialog = dialogs.get(id);
        if (dialog == null) {
            throw new ApiRefusal(404, "not_found", TextNode.valueOf("Dialog " + id + " not found"));
        }
        return dialog;
    }

    private Operator operator(long id) {
        Operator operator = operators.get(id);
        if (operator == null) {
            throw ApiRefusal.invalid("operator_id", "operator " + id + " not found");
        }
        return operator;
    }

    /** Phones match as written, or digit for digit ("+7 999 123" finds "7999123"). */
    private static boolean samePhone(String wanted, String phone) {
        if (phone == null) {
            return false;
        }
        if (wanted.equals(phone)) {
            return true;
        }
        String digits = wanted.replaceAll("\\D", "");
        return !digits.isEmpty() && digits.equals(phone.replaceAll("\\D", "")) && !phone.startsWith("[");
    }

    private static List<ObjectNode> ordered(List<ObjectNode> items, RequestFields query) {
        String order = query.text("order");
        if (order == null || order.equals("asc")) {
            return items;
        }
        if (!order.equals("desc")) {
            throw ApiRefusal.invalid("order", "The order must be asc or desc.");
        }
        Collections.reverse(items);
        return items;
    }
}
