package io.botchannel.chat2desk.sandbox;

import io.botchannel.chat2desk.api.AddressRanges;
import org.apache.camel.Exchange;

/**
 * Who may use the sandbox and the demo Agent: by default only this machine (loopback). The
 * sandbox lets a caller act as Chat2Desk and as any client, and reads out the demo channel's
 * webhook; open to the network, it would let anyone drive the bundle. {@code sandbox.allow-from}
 * names the addresses or ranges (CIDR) allowed; {@code 0.0.0.0/0, ::/0} opens it to everyone.
 */
public class SandboxAccess {

    private final AddressRanges allowed;

    /** @param allowFrom comma-separated addresses or CIDR ranges, e.g. {@code 127.0.0.0/8, ::1, 10.1.0.0/16} */
    public SandboxAccess(String allowFrom) {
        this.allowed = AddressRanges.parse(allowFrom, "sandbox.allow-from");
    }

    /** True when the caller may not use the sandbox or the demo Agent. */
    public boolean refuses(Exchange exchange) {
        String caller = CallerAddress.of(exchange);
        return caller == null || !allows(caller);
    }

    /** The answer to a refused caller. */
    public String refusal(Exchange exchange) {
        String caller = CallerAddress.of(exchange);
        String who = caller == null ? "an unknown address" : caller;
        return "{\"error\":\"the sandbox and the demo Agent answer only requests from " + allowed
                + " (sandbox.allow-from), not from " + who + "\"}";
    }

    boolean allows(String address) {
        return allowed.contains(address);
    }
}
