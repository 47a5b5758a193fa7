package io.botchannel.chat2desk.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import io.botchannel.chat2desk.TestDatabase;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class StoreHealthCheckTest {

    private static HealthCheck.Result call(StoreHealthCheck check) {
        check.setCamelContext(new DefaultCamelContext());
        return check.call(Map.of());
    }

    private static HikariDataSource embedded() {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:sqlite:" + TestDatabase.sqliteFile());
        return dataSource;
    }

    @Test
    void aStoreThatAnswersIsUp() {
        try (HikariDataSource dataSource = embedded()) {
            assertThat(call(new StoreHealthCheck(dataSource, Duration.ofSeconds(2))).getState()).isEqualTo(HealthCheck.State.UP);
        }
    }

    @Test
    void aClosedStoreIsDownWithAMessageThatFitsInJson() {
        HikariDataSource dataSource = embedded();
        dataSource.close();

        HealthCheck.Result result = call(new StoreHealthCheck(dataSource, Duration.ofSeconds(2)));

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(message -> assertThat(message)
                .startsWith("the store failed SELECT 1").doesNotContain("\"").doesNotContain("\n"));
    }

    @Test
    void aStoreThatHangsIsDownOnceTheTimeLimitHasPassed() {
        StoreHealthCheck check = new StoreHealthCheck(new HangingDataSource(), Duration.ofMillis(200));

        HealthCheck.Result result = call(check);

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValue("the store did not answer SELECT 1 within 200 ms");
    }

    /** A pool waiting for a connection that never comes. */
    private static final class HangingDataSource extends HikariDataSource {

        @Override
        public java.sql.Connection getConnection() throws SQLException {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SQLException("interrupted");
        }
    }
}
