/**
 * MQTT: the client link to a broker (reconnect, status, outbox), the embedded broker of a hub, the edge
 * role's publisher and the ingest of edge readings. The only package that imports HiveMQ and Moquette.
 */
@NullMarked
package io.smollama.node.mqtt;

import org.jspecify.annotations.NullMarked;
