package io.botchannel.chat2desk.beans;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A builder of a bean of routes/beans.camel.yaml, given its named properties. When a build fails,
 * Camel's YAML DSL tries the bean once more later, but with its properties already taken from it:
 * that second build would make the bean from nothing (an empty store URL, no allowed callers) and
 * hide the reason. A build without any property set fails again with the reason of the first.
 */
public abstract class BeanBuilder<T> {

    private static final Map<Class<?>, RuntimeException> FAILED = new ConcurrentHashMap<>();

    private int set;

    /** Each setter passes its value through here. */
    protected final <V> V set(V value) {
        set++;
        return value;
    }

    public final T build() {
        RuntimeException earlier = FAILED.remove(getClass());
        if (set == 0 && earlier != null) {
            throw earlier;
        }
        try {
            return make();
        } catch (RuntimeException e) {
            FAILED.put(getClass(), e);
            throw e;
        }
    }

    protected abstract T make();
}
