package io.botchannel.chat2desk.beans;

import io.botchannel.chat2desk.sandbox.Chat2DeskSandbox;
import io.botchannel.chat2desk.sandbox.WebhookTargets;

/**
 * Builds {@code chat2deskSandbox} of routes/beans.camel.yaml from its named properties: the emulated Chat2Desk.
 */
public class Chat2DeskSandboxBuilder {

    private String token;
    private String signatureHeader;
    private String timestampHeader;
    private double retryScale;
    private String webhookBaseUrls;

    public void setToken(String token) {
        this.token = token;
    }

    public void setSignatureHeader(String signatureHeader) {
        this.signatureHeader = signatureHeader;
    }

    public void setTimestampHeader(String timestampHeader) {
        this.timestampHeader = timestampHeader;
    }

    public void setRetryScale(double retryScale) {
        this.retryScale = retryScale;
    }

    public void setWebhookBaseUrls(String webhookBaseUrls) {
        this.webhookBaseUrls = webhookBaseUrls;
    }

    public Chat2DeskSandbox build() {
        return new Chat2DeskSandbox(token, signatureHeader, timestampHeader, retryScale,
                WebhookTargets.bundlesAt(webhookBaseUrls));
    }
}
