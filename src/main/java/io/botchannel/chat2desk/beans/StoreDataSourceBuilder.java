package io.botchannel.chat2desk.beans;

import com.zaxxer.hikari.HikariDataSource;
import io.botchannel.chat2desk.store.StoreDataSource;

/**
 * Builds {@code storeDataSource} of routes/beans.camel.yaml from its named properties: the store's connection
 * pool, its schema brought up to date.
 */
public class StoreDataSourceBuilder extends BeanBuilder<HikariDataSource> {

    private String url;
    private String user;
    private String password;

    public void setUrl(String url) {
        this.url = set(url);
    }

    public void setUser(String user) {
        this.user = set(user);
    }

    public void setPassword(String password) {
        this.password = set(password);
    }

    @Override
    protected HikariDataSource make() {
        return StoreDataSource.open(url, user, password);
    }
}
