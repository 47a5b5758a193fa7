package io.botchannel.chat2desk.channel;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.botchannel.chat2desk.api.ApiError;
import io.botchannel.chat2desk.chat2desk.Chat2DeskApi;
import io.botchannel.chat2desk.chat2desk.Chat2DeskException;
import io.botchannel.chat2desk.store.ChannelStore;
import io.botchannel.chat2desk.store.TokenInUseException;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's channel actions (CREATE, CREATE &amp; ACTIVATE, APPLY, SAVE, SAVE &amp; ACTIVATE,
 * DEACTIVATE, DELETE) over the store, the activation checks and Chat2Desk's webhooks.
 * Answers are the channel JSON of the management API, with the token masked.
 */
public class ChannelLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelLifecycle.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChannelStore store;
    private final ActivationChecks checks;
    private final Chat2DeskApi chat2desk;
    private final String publicUrl;

    public ChannelLifecycle(ChannelStore store, ActivationChecks checks, Chat2DeskApi chat2desk, String publicUrl) {
        this.store = store;
        this.checks = checks;
        this.chat2desk = chat2desk;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    /** CREATE, or CREATE &amp; ACTIVATE: saved in every case, active only if all checks passed. */
    public Map<String, Object> create(String body, @Header("activate") String activate) {
        ChannelInput input = ChannelInput.parse(body);
        Channel channel = input.toNewChannel(UUID.randomUUID().toString(), newKey(), Instant.now());
        store.insert(channel);
        LOG.info("Channel {} created", channel.id());
        if (isTrue(activate)) {
            channel = activate(channel);
        }
        return view(channel);
    }

    /**
     * APPLY on an active channel (all or nothing), SAVE or SAVE &amp; ACTIVATE on an inactive one.
     */
    public Map<String, Object> update(@Header("id") String id, String body, @Header("activate") String activate) {
        Channel current = find(id);
        Channel changed = ChannelInput.parse(body).applyTo(current);
        if (!current.active()) {
            store.update(changed);
            return view(isTrue(activate) ? activate(changed) : changed);
        }
        ActivationChecks.Outcome outcome = checks.run(changed, webhookUrl(changed));
        if (!outcome.passed()) {
            throw new ChecksFailed("changes not applied: check " + lastCheck(outcome.checks()) + " failed", outcome.checks());
        }
        Channel applied = changed.withActivation(true, outcome.webhookId(), outcome.checks());
        try {
            store.update(applied);
        } catch (TokenInUseException e) {
            throw new ChecksFailed("changes not applied: " + e.getMessage(), List.of(raceLost(outcome)));
        }
        if (!sameAccount(current, applied)) {
            removeWebhook(current);
        }
        LOG.info("Channel {} changes applied", id);
        return view(applied);
    }

    /** DEACTIVATE: the channel stops and its webhook is removed from Chat2Desk. */
    public Map<String, Object> deactivate(@Header("id") String id) {
        Channel current = find(id);
        if (current.active()) {
            removeWebhook(current);
        }
        Channel inactive = current.withActivation(false, null, current.checks());
        store.update(inactive);
        LOG.info("Channel {} deactivated", id);
        return view(inactive);
    }

    /** DELETE: the channel is removed, and its webhook where active. */
    public void delete(@Header("id") String id) {
        Channel current = find(id);
        if (current.active()) {
            removeWebhook(current);
        }
        store.delete(id);
        LOG.info("Channel {} deleted", id);
    }

    public Map<String, Object> get(@Header("id") String id) {
        return view(find(id));
    }

    public List<Map<String, Object>> list() {
        return store.list().stream().map(this::view).toList();
    }

    /** The URL at which Chat2Desk delivers this channel's webhooks. */
    public String webhookUrl(Channel channel) {
        return publicUrl + "/webhooks/chat2desk/" + channel.key();
    }

    /** Runs the check chain on a saved, inactive channel and saves the outcome. */
    Channel activate(Channel channel) {
        ActivationChecks.Outcome outcome = checks.run(channel, webhookUrl(channel));
        Channel result = channel.withActivation(outcome.passed(), outcome.webhookId(), outcome.checks());
        try {
            store.update(result);
        } catch (TokenInUseException e) {
            // Another channel with this token was activated between our check and our save
            Channel registered = result;
            result = channel.withActivation(false, null, List.of(raceLost(outcome)));
            store.update(result);
            removeWebhook(registered);
        }
        if (result.active()) {
            LOG.info("Channel {} activated", channel.id());
        } else {
            LOG.info("Channel {} saved inactive: check {} failed", channel.id(), lastCheck(result.checks()));
        }
        return result;
    }

    Channel find(String id) {
        return store.findById(id).orElseThrow(() -> ApiError.notFound("no channel with id " + id));
    }

    private void removeWebhook(Channel channel) {
        if (channel.webhookId() == null) {
            return;
        }
        try {
            chat2desk.deleteWebhook(channel.apiUrl(), channel.token(), channel.webhookId());
        } catch (Chat2DeskException e) {
            LOG.warn("Channel {}: webhook {} could not be removed from Chat2Desk: {}", channel.id(),
                    channel.webhookId(), e.getMessage());
        }
    }

    Map<String, Object> view(Channel c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", c.id());
        view.put("name", c.name());
        view.put("apiUrl", c.apiUrl());
        view.put("token", c.maskedToken());
        view.put("operatorId", c.operatorId());
        view.put("serviceMessages", c.serviceMessages());
        view.put("agentUrl", c.agentUrl());
        view.put("fallbackGroupId", c.options().fallbackGroupId());
        view.put("shareTokenWithAgent", c.options().shareTokenWithAgent());
        view.put("requireSignature", c.options().requireSignature());
        view.put("active", c.active());
        view.put("webhookUrl", webhookUrl(c));
        view.put("checks", c.checks());
        return view;
    }

    private static CheckResult raceLost(ActivationChecks.Outcome outcome) {
        return CheckResult.failed(ActivationChecks.TOKEN_UNIQUE,
                "another channel with this token was activated at the same time; deactivate it or use another token");
    }

    private static boolean sameAccount(Channel a, Channel b) {
        return Objects.equals(a.apiUrl(), b.apiUrl()) && Objects.equals(a.token(), b.token());
    }

    private static String lastCheck(List<CheckResult> results) {
        return results.isEmpty() ? "none" : results.get(results.size() - 1).check();
    }

    private static boolean isTrue(String flag) {
        return flag != null && (flag.isEmpty() || Boolean.parseBoolean(flag));
    }

    static String newKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
