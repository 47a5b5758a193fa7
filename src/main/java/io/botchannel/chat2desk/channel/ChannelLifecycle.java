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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.botchannel.chat2desk.agent.AgentKeys;
import io.botchannel.chat2desk.api.ApiError;
import io.botchannel.chat2desk.chat2desk.Chat2DeskApi;
import io.botchannel.chat2desk.chat2desk.Chat2DeskException;
import io.botchannel.chat2desk.store.TokenInUseException;
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

    /** How often an activation that lost the race for its token runs the chain again before giving up. */
    private static final int RACE_ATTEMPTS = 2;

    private final ChannelStore store;
    private final ActivationChecks activationChecks;
    private final CheckChain chain;
    private final Chat2DeskApi chat2desk;
    private final String publicUrl;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    public ChannelLifecycle(ChannelStore store, ActivationChecks activationChecks, CheckChain chain,
                            Chat2DeskApi chat2desk, String publicUrl) {
        this.store = store;
        this.activationChecks = activationChecks;
        this.chain = chain;
        this.chat2desk = chat2desk;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * CREATE, or CREATE &amp; ACTIVATE: saved in every case, active only if every check of the
     * chain route {@code checks} passed. The channel is made with its Agent's key, which the answer
     * carries as {@code agentKey}, this once.
     */
    public Map<String, Object> create(String body, String query, String checks) {
        boolean activate = activateRequested(query);
        ChannelInput input = ChannelInput.parseNew(body);
        Channel channel = input.toNewChannel(UUID.randomUUID().toString(), newKey(), Instant.now());
        String agentKey = AgentKeys.newKey();
        store.insert(channel, AgentKeys.hash(agentKey));
        LOG.info("Channel {} created", channel.id());
        Map<String, Object> view = view(activate ? activate(channel, checks) : channel);
        view.put("agentKey", agentKey);
        return view;
    }

    /**
     * APPLY on an active channel (all or nothing), SAVE or SAVE &amp; ACTIVATE on an inactive one.
     * SAVE clears the checks, SAVE &amp; ACTIVATE runs the chain route {@code checks} again.
     */
    public Map<String, Object> update(String id, String body, String query, String checks) {
        boolean activate = activateRequested(query);
        ChannelInput input = ChannelInput.parse(body);
        return locked(id, () -> {
            Channel current = find(id);
            Channel changed = input.applyTo(current);
            if (current.active()) {
                return view(apply(current, changed, checks));
            }
            // Checks run on the channel as it was; until they run again they would describe another channel
            changed = changed.withActivation(false, null, List.of());
            store.update(changed);
            LOG.info("Channel {} saved", id);
            return view(activate ? activate(changed, checks) : changed);
        });
    }

    /**
     * APPLY: the changes are saved only if all checks pass for the channel as changed; otherwise
     * 409 and the channel and its registration stay as they were. Moving to another Chat2Desk
     * account removes the registration from the old one.
     */
    private Channel apply(Channel current, Channel changed, String checks) {
        CheckRun run = chain.run(checks, changed, webhookUrl(changed));
        Channel applied;
        for (int attempt = 1; ; attempt++) {
            if (!run.passed()) {
                throw new ChecksFailed("changes not applied: check " + run.last().check() + " failed: "
                        + run.last().message(), run.checks());
            }
            applied = changed.withActivation(true, run.webhookId(), run.checks());
            try {
                store.update(applied);
                break;
            } catch (TokenInUseException e) {
                // Another channel took the token between our checks and our save: the store's unique
                // index decided. The chain, run again, now finds that channel and says so.
                run = chain.run(checks, changed, webhookUrl(changed));
                if (!run.passed() || attempt == RACE_ATTEMPTS) {
                    // Put the registration back as it was
                    if (sameAccount(current, applied)) {
                        activationChecks.registerAgain(current, webhookUrl(current));
                    } else {
                        removeWebhook(applied, null);
                    }
                    throw new ChecksFailed("changes not applied: " + e.getMessage(),
                            run.passed() ? raceLost(run) : run.checks());
                }
            }
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

    /**
     * Runs the chain route {@code checks} on a saved channel and saves the outcome: active only if
     * every check passed.
     */
    public Channel activate(Channel channel, String checks) {
        return locked(channel.id(), () -> {
            CheckRun run = chain.run(checks, channel, webhookUrl(channel));
            Channel result;
            for (int attempt = 1; ; attempt++) {
                result = channel.withActivation(run.passed(), run.webhookId(), run.checks());
                try {
                    store.update(result);
                    break;
                } catch (TokenInUseException e) {
                    // Another channel with this token was activated between our checks and our save:
                    // the store's unique index decided. The chain, run again, now finds that channel.
                    run = chain.run(checks, channel, webhookUrl(channel));
                    if (!run.passed() || attempt == RACE_ATTEMPTS) {
                        result = channel.withActivation(false, null, run.passed() ? raceLost(run) : run.checks());
                        store.update(result);
                        removeWebhook(channel, null);
                        break;
                    }
                }
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
     * Re-verifies an active channel with the chain route {@code checks} (Chat2Desk disables a
     * webhook after hours of failed deliveries: the chain registers it again). The channel's
     * {@code checks} then show this run after the earlier checks it did not repeat; what cannot be
     * fixed is logged as a warning. The channel stays active either way.
     *
     * @return the run, or null when the channel is no longer active
     */
    CheckRun reverify(String id, String checks) {
        return locked(id, () -> {
            Channel channel = store.findById(id).filter(Channel::active).orElse(null);
            if (channel == null) {
                return null;
            }
            CheckRun run = chain.run(checks, channel, webhookUrl(channel));
            List<CheckResult> recorded = new ArrayList<>(notRepeated(channel.checks(), run.checks()));
            recorded.addAll(run.checks());
            store.updateVerification(id, run.webhookId() != null ? run.webhookId() : channel.webhookId(), recorded);
            if (!run.passed()) {
                LOG.warn("Channel {}: re-verification failed, check {}: {}", id, run.last().check(),
                        run.last().message());
            } else if (run.webhookChanged()) {
                LOG.info("Channel {}: {}", id, run.last().message());
            }
            return run;
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

    /**
     * The checks of a run that lost the race for its token twice, though the chain found no other
     * channel with it each time: its last check is reported failed, with the reason.
     */
    private static List<CheckResult> raceLost(CheckRun run) {
        List<CheckResult> checks = new ArrayList<>(run.checks());
        CheckResult last = checks.remove(checks.size() - 1);
        checks.add(CheckResult.failed(last.check(), "another channel with this token was activated at the same"
                + " time; deactivate it or use another token"));
        return checks;
    }

    /** The earlier checks a re-verification did not repeat: those before the first it ran. */
    static List<CheckResult> notRepeated(List<CheckResult> earlier, List<CheckResult> repeated) {
        Set<String> names = repeated.stream().map(CheckResult::check).collect(Collectors.toSet());
        List<CheckResult> kept = new ArrayList<>();
        for (CheckResult check : earlier) {
            if (!repeated.isEmpty() && check.check().equals(repeated.get(0).check())) {
                break;
            }
            if (!names.contains(check.check())) {
                kept.add(check);
            }
        }
        return kept;
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

    /** A new random webhook key for a channel. */
    public static String newKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
