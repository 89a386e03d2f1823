package io.smollama.common.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Why one node's part of a cluster view is missing. {@code code}: {@code offline} or {@code stale} (it did not
 * answer its health probe), {@code refused}, {@code timeout}, {@code unreachable}, {@code unauthorized} (it wants a
 * token this node does not hold), {@code http_error} (another error status) or {@code bad_response}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeError(String node, @Nullable URI url, String code, String message) {}
