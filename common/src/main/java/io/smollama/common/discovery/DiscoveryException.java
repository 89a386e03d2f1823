package io.smollama.common.discovery;

import java.io.IOException;

/** Discovery cannot run as configured: no usable interface, or mDNS could not start on it. */
public final class DiscoveryException extends IOException {

    public DiscoveryException(String message) {
        super(message);
    }

    public DiscoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
