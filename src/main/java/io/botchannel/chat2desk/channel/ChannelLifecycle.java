package io.botchannel.chat2desk.channel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.botchannel.chat2desk.api.ApiError;
import io.botchannel.chat2desk.chat2desk.Chat2DeskApi;
import io.botchannel.chat2desk.chat2desk.Chat2DeskException;
import io.botchannel.chat2desk.store.ChannelStore;
import io.botchannel.chat2desk.store.TokenInUseException;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's channel actions (CREATE, CREATE &amp; ACTIVATE, APPLY, SAVE, SAVE &amp; ACTIVATE,
 * DEACTIVATE, DELETE) over the store, the activation checks and Chat2Desk's webhooks, and the
 * scheduled re-verification of active channels. Actions on one channel run one at a time.
 * Answers are the channel JSON of the management API, with the token masked.
 */
public class ChannelLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelLifecycle.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int LOCK_STRIPES = 256;

    private final ChannelStore store;
    private final ActivationChecks checks;
    private final Chat2DeskApi chat2desk;
    private final String publicUrl;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    public ChannelLifecycle(ChannelStore store, ActivationChecks checks, Chat2DeskApi chat2desk, String publicUrl) {
        this.store = store;
        this.checks = checks;
        this.chat2desk = chat2desk;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** CREATE, or CREATE &amp; ACTIVATE: saved in every case, active only if all checks passed. */
    public Map<String, Object> create(String body, @Header(Exchange.HTTP_QUERY) String query) {
        boolean activate = activateRequested(query);
        ChannelInput input = ChannelInput.parseNew(body);
        Channel channel = input.toNewChannel(UUID.randomUUID().toString(), newKey(), Instant.now());
        store.insert(channel);
        LOG.info("Channel {} created", channel.id());
        return view(activate ? activate(channel) : channel);
    }

    /**
     * APPLY on an active channel (all or nothing), SAVE or SAVE &amp; ACTIVATE on an inactive one.
     * SAVE clears the checks, SAVE &amp; ACTIVATE runs them again.
     */
    public Map<String, Object> update(@Header("id") String id, String body, @Header(Exchange.HTTP_QUERY) String query) {
        boolean activate = activateRequested(query);
        ChannelInput input = ChannelInput.parse(body);
        return locked(id, () -> {
            Channel current = find(id);
            Channel changed = input.applyTo(current);
            if (current.active()) {
                return view(apply(current, changed));
            }
            // Checks run on the channel as it was; until they run again they would describe another channel
            changed = changed.withActivation(false, null, List.of());
            store.update(changed);
            LOG.info("Channel {} saved", id);
            return view(activate ? activate(changed) : changed);
        });
    }

    /**
     * APPLY: the changes are saved only if all checks pass for the channel as changed; otherwise
     * 409 and the channel and its registration stay as they were. Moving to another Chat2Desk
     * account removes the registration from the old one.
     */
    private Channel apply(Channel current, Channel changed) {
        ActivationChecks.Outcome outcome = checks.run(changed, webhookUrl(changed));
        if (!outcome.passed()) {
            throw new ChecksFailed("changes not applied: check " + outcome.last().check() + " failed: "
                    + outcome.last().message(), outcome.checks());
        }
        Channel applied = changed.withActivation(true, outcome.webhookId(), outcome.checks());
        try {
            store.update(applied);
        } catch (TokenInUseException e) {
            // Another channel took the token between our check and our save: put the registration back
            if (sameAccount(current, applied)) {
                checks.runFrom(ActivationChecks.WEBHOOK_REGISTERED, current, webhookUrl(current));
            } else {
                removeWebhook(applied, null);
            }
            throw new ChecksFailed("changes not applied: " + e.getMessage(), raceLost(outcome));
        }
        if (!sameAccount(current, applied)) {
            removeWebhook(current, applied.webhookId());
        }
        LOG.info("Channel {} changes applied", applied.id());
        return applied;
    }

    /** DEACTIVATE: the channel stops and its webhook is removed from Chat2Desk. */
    public Map<String, Object> deactivate(@Header("id") String id) {
        return locked(id, () -> {
            Channel current = find(id);
            if (current.active()) {
                removeWebhook(current, null);
            }
            // The checks named a registration that is gone: an inactive channel has none to show
            Channel inactive = current.withActivation(false, null, List.of());
            store.update(inactive);
            LOG.info("Channel {} deactivated", id);
            return view(inactive);
        });
    }

    /** DELETE: the channel is removed, and its webhook where active. */
    public void delete(@Header("id") String id) {
        locked(id, () -> {
            Channel current = find(id);
            if (current.active()) {
                removeWebhook(current, null);
            }
            store.delete(id);
            LOG.info("Channel {} deleted", id);
            return null;
        });
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

    /** Runs the check chain on a saved channel and saves the outcome: active only if all checks passed. */
    Channel activate(Channel channel) {
        return locked(channel.id(), () -> {
            ActivationChecks.Outcome outcome = checks.run(channel, webhookUrl(channel));
            Channel result = channel.withActivation(outcome.passed(), outcome.webhookId(), outcome.checks());
            try {
                store.update(result);
            } catch (TokenInUseException e) {
                // Another channel with this token was activated between our check and our save:
                // the store's unique index decided, and our registration goes again
                result = channel.withActivation(false, null, raceLost(outcome));
                store.update(result);
                removeWebhook(channel, null);
            }
            if (result.active()) {
                LOG.info("Channel {} activated", channel.id());
            } else {
                LOG.info("Channel {} saved inactive: check {} failed: {}", channel.id(),
                        lastCheck(result.checks()), lastMessage(result.checks()));
            }
            return result;
        });
    }

    /**
     * Re-verifies an active channel against Chat2Desk, which disables a webhook after hours of
     * failed deliveries: the token is still accepted and the webhook registered and enabled
     * (registered again where missing or disabled). The channel's {@code checks} then show this
     * run after the earlier Agent and token checks; what cannot be fixed is logged as a warning.
     * The channel stays active either way.
     *
     * @return the outcome, or null when the channel is no longer active
     */
    ActivationChecks.Outcome reverify(String id) {
        return locked(id, () -> {
            Channel channel = store.findById(id).filter(Channel::active).orElse(null);
            if (channel == null) {
                return null;
            }
            ActivationChecks.Outcome outcome = checks.runFrom(ActivationChecks.ADDRESS_ACCESSIBLE, channel,
                    webhookUrl(channel));
            List<CheckResult> recorded = new ArrayList<>(channel.checks().stream()
                    .filter(check -> check.check().equals(ActivationChecks.AGENT_TRAINED)
                            || check.check().equals(ActivationChecks.TOKEN_UNIQUE))
                    .toList());
            recorded.addAll(outcome.checks());
            store.updateVerification(id, outcome.webhookId() != null ? outcome.webhookId() : channel.webhookId(),
                    recorded);
            if (!outcome.passed()) {
                LOG.warn("Channel {}: re-verification failed, check {}: {}", id, outcome.last().check(),
                        outcome.last().message());
            } else if (outcome.webhookChanged()) {
                LOG.info("Channel {}: {}", id, outcome.last().message());
            }
            return outcome;
        });
    }

    Channel find(String id) {
        return store.findById(id).orElseThrow(() -> ApiError.notFound("no channel with id " + id));
    }

    /**
     * Removes this channel's webhook from the channel's Chat2Desk account (every registration of
     * its URL, except {@code keep}), never another webhook of the account. A failure is logged:
     * the channel's actions go on.
     */
    private void removeWebhook(Channel channel, Long keep) {
        try {
            for (Chat2DeskApi.Webhook hook : chat2desk.webhooks(channel.apiUrl(), channel.token())) {
                if (ActivationChecks.isOurs(hook, channel) && !Objects.equals(keep, hook.id())) {
                    chat2desk.deleteWebhook(channel.apiUrl(), channel.token(), hook.id());
                    LOG.info("Channel {}: webhook {} removed from Chat2Desk at {}", channel.id(), hook.id(),
                            channel.apiUrl());
                }
            }
        } catch (Chat2DeskException e) {
            LOG.warn("Channel {}: its webhook {} could not be removed from Chat2Desk; delete the webhook of {} there"
                    + " by hand: {}", channel.id(), channel.webhookId() == null ? "" : channel.webhookId(),
                    webhookUrl(channel), e.getMessage());
        }
    }

    private <T> T locked(String id, Supplier<T> action) {
        ReentrantLock lock = locks[Math.floorMod(id.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
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

    /** The checks of a run that lost the race for its token: up to the token check, which failed. */
    private static List<CheckResult> raceLost(ActivationChecks.Outcome outcome) {
        List<CheckResult> checks = new ArrayList<>();
        for (CheckResult check : outcome.checks()) {
            if (check.check().equals(ActivationChecks.TOKEN_UNIQUE)) {
                checks.add(CheckResult.failed(ActivationChecks.TOKEN_UNIQUE, "another channel with this token was"
                        + " activated at the same time; deactivate it or use another token"));
                break;
            }
            checks.add(check);
        }
        return checks;
    }

    private static boolean sameAccount(Channel a, Channel b) {
        return Objects.equals(a.apiUrl(), b.apiUrl()) && Objects.equals(a.token(), b.token());
    }

    private static String lastCheck(List<CheckResult> results) {
        return results.isEmpty() ? "none" : results.get(results.size() - 1).check();
    }

    private static String lastMessage(List<CheckResult> results) {
        return results.isEmpty() ? "" : results.get(results.size() - 1).message();
    }

    /**
     * Whether the query asks to activate: {@code ?activate}, {@code ?activate=true} or {@code =false}.
     * Any other value or parameter is a 400 naming it, so that a typo never silently means "no".
     */
    static boolean activateRequested(String query) {
        boolean activate = false;
        if (query == null || query.isEmpty()) {
            return activate;
        }
        for (String parameter : query.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? parameter : parameter.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
            if (!name.equals("activate")) {
                throw ApiError.badRequest(name + ": unknown parameter; the only one is activate=true|false");
            }
            if (!value.isEmpty() && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw ApiError.badRequest("activate: must be true or false, not '" + value + "'");
            }
            activate = value.isEmpty() || value.equalsIgnoreCase("true");
        }
        return activate;
    }

    static String newKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
