package io.botchannel.chat2desk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    @Test
    void countsTheParametersButNotAQuestionMarkInQuotes() {
        assertThat(Placeholders.count("UPDATE t SET a = ?, b = ? WHERE id = ?")).isEqualTo(3);
        assertThat(Placeholders.count("SELECT 'why?', \"odd?name\" FROM t WHERE a = ?")).isEqualTo(1);
        assertThat(Placeholders.count("DELETE FROM t")).isZero();
    }

    @Test
    void aPartsParametersAreNumberedAfterThoseOfThePartsBeforeIt() throws Exception {
        List<String> calls = new ArrayList<>();
        PreparedStatement composite = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + "(" + args[0] + ", " + args[1] + ")");
                    return null;
                });

        PreparedStatement third = Placeholders.shifted(composite, 5);
        third.setString(1, "a");
        third.setLong(2, 7L);

        assertThat(calls).containsExactly("setString(6, a)", "setLong(7, 7)");
        assertThatThrownBy(third::executeUpdate).isInstanceOf(UnsupportedOperationException.class);
    }
}
