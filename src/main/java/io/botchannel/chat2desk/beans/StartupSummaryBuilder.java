package io.botchannel.chat2desk.beans;

import io.botchannel.chat2desk.StartupSummary;
import io.botchannel.chat2desk.api.ApiKeyFile;

/**
 * Builds {@code startupSummary} of routes/beans.camel.yaml from its named properties: the block that ends the
 * startup log.
 */
public class StartupSummaryBuilder extends BeanBuilder<StartupSummary> {

    private int httpPort;
    private boolean sandbox;
    private ApiKeyFile.Key apiKey;
    private String storeUrl;
    private String storeKey;

    public void setHttpPort(int httpPort) {
        this.httpPort = set(httpPort);
    }

    public void setSandbox(boolean sandbox) {
        this.sandbox = set(sandbox);
    }

    public void setApiKey(ApiKeyFile.Key apiKey) {
        this.apiKey = set(apiKey);
    }

    public void setStoreUrl(String storeUrl) {
        this.storeUrl = set(storeUrl);
    }

    public void setStoreKey(String storeKey) {
        this.storeKey = set(storeKey);
    }

    @Override
    protected StartupSummary make() {
        return new StartupSummary(httpPort, sandbox, apiKey.source(), storeUrl, !storeKey.isBlank());
    }
}
