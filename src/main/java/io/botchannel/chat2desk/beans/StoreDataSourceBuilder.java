package io.botchannel.chat2desk.beans;

import com.zaxxer.hikari.HikariDataSource;
import io.botchannel.chat2desk.store.StoreDataSource;

/**
 * Builds {@code storeDataSource} of routes/beans.camel.yaml from its named properties: the store's connection
 * pool, its schema brought up to date.
 */
public class StoreDataSourceBuilder {

    private String url;
    private String user;
    private String password;

    public void setUrl(String url) {
        this.url = url;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public HikariDataSource build() {
        return StoreDataSource.open(url, user, password);
    }
}
