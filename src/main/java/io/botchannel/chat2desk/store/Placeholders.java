package io.botchannel.chat2desk.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;

/**
 * Binds one statement's parameters inside a composite statement made of several: its
 * placeholders are numbered after those of the parts before it.
 */
final class Placeholders {

    private Placeholders() {
    }

    /** The {@code ?} of the SQL, outside quoted text and names. */
    static int count(String sql) {
        int count = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '?') {
                count++;
            }
        }
        return count;
    }

    /**
     * The statement as its part sees it: parameter {@code n} set is parameter {@code offset + n}
     * of the composite. Only the setters may be called.
     */
    static PreparedStatement shifted(PreparedStatement composite, int offset) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (!method.getName().startsWith("set") || args == null || args.length < 2
                            || !(args[0] instanceof Integer index)) {
                        throw new UnsupportedOperationException(method.getName() + " on a part of a composite statement");
                    }
                    Object[] shifted = args.clone();
                    shifted[0] = index + offset;
                    try {
                        return method.invoke(composite, shifted);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
