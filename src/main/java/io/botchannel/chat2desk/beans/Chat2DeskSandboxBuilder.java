package io.botchannel.chat2desk.beans;

import io.botchannel.chat2desk.sandbox.Chat2DeskSandbox;
import io.botchannel.chat2desk.sandbox.WebhookTargets;

/**
 * Builds {@code chat2deskSandbox} of routes/beans.camel.yaml from its named properties: the emulated Chat2Desk.
 */
public class Chat2DeskSandboxBuilder extends BeanBuilder<Chat2DeskSandbox> {

    private String token;
    private String signatureHeader;
    private String timestampHeader;
    private double retryScale;
    private String webhookBaseUrls;

    public void setToken(String token) {
        this.token = set(token);
    }

    public void setSignatureHeader(String signatureHeader) {
        this.signatureHeader = set(signatureHeader);
    }

    public void setTimestampHeader(String timestampHeader) {
        this.timestampHeader = set(timestampHeader);
    }

    public void setRetryScale(double retryScale) {
        this.retryScale = set(retryScale);
    }

    public void setWebhookBaseUrls(String webhookBaseUrls) {
        this.webhookBaseUrls = set(webhookBaseUrls);
    }

    @Override
    protected Chat2DeskSandbox make() {
        return new Chat2DeskSandbox(token, signatureHeader, timestampHeader, retryScale,
                WebhookTargets.bundlesAt(webhookBaseUrls));
    }
}
