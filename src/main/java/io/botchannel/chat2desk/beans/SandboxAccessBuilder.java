package io.botchannel.chat2desk.beans;

import io.botchannel.chat2desk.sandbox.SandboxAccess;

/**
 * Builds {@code sandboxAccess} of routes/beans.camel.yaml from its named properties: who may call the sandbox
 * and the demo Agent.
 */
public class SandboxAccessBuilder extends BeanBuilder<SandboxAccess> {

    private String allowFrom;
    private String publicUrl;
    private int httpPort;

    public void setAllowFrom(String allowFrom) {
        this.allowFrom = set(allowFrom);
    }

    public void setPublicUrl(String publicUrl) {
        this.publicUrl = set(publicUrl);
    }

    public void setHttpPort(int httpPort) {
        this.httpPort = set(httpPort);
    }

    @Override
    protected SandboxAccess make() {
        return new SandboxAccess(allowFrom, publicUrl, httpPort);
    }
}
