package io.botchannel.chat2desk.beans;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;

import javax.sql.DataSource;

import io.botchannel.chat2desk.inbox.Inbox;
import io.botchannel.chat2desk.store.GroupCommit;

/**
 * Builds {@code inbox} of routes/beans.camel.yaml from its named properties: the inbox of webhook events and
 * the claims on them.
 */
public class InboxBuilder extends BeanBuilder<Inbox> {

    private DataSource dataSource;
    private GroupCommit writes;
    private String instanceId;
    private int httpPort;
    private long leaseMs;

    public void setDataSource(DataSource dataSource) {
        this.dataSource = set(dataSource);
    }

    public void setWrites(GroupCommit writes) {
        this.writes = set(writes);
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = set(instanceId);
    }

    public void setHttpPort(int httpPort) {
        this.httpPort = set(httpPort);
    }

    public void setLeaseMs(long leaseMs) {
        this.leaseMs = set(leaseMs);
    }

    @Override
    protected Inbox make() {
        String name = instanceId == null || instanceId.isBlank() ? hostName() + ":" + httpPort : instanceId.trim();
        return new Inbox(dataSource, writes, name, Duration.ofMillis(leaseMs));
    }

    /** With the HTTP port, an instance id stable across restarts: a restart takes up its own work at once. */
    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
