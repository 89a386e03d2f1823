package io.smollama.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer-token check for the API. Every call that changes state needs the token; reads need it too
 * unless {@code http.open_reads} allows them. Comparison is constant-time and the token is never
 * echoed, logged or put in an error body.
 */
public final class TokenAuth implements io.helidon.webserver.http.Filter {

    /** POSTs that only read (a search with a JSON body): open like GETs when reads are open. */
    static final Set<String> READ_ONLY_POSTS = Set.of("/api/memory/recall");

    /** GETs that need the token even when reads are open: a pull hands out every node's whole log. */
    static final Set<String> TOKEN_ONLY_GETS = Set.of("/api/sync/pull");

    private final byte[] token;
    private final boolean openReads;

    public TokenAuth(String token, boolean openReads) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.openReads = openReads;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Method method = req.prologue().method();
        String path = req.prologue().uriPath().path();
        boolean read = (method == Method.GET
                        || method == Method.HEAD
                        || method == Method.OPTIONS
                        || (method == Method.POST && READ_ONLY_POSTS.contains(path)))
                && !TOKEN_ONLY_GETS.contains(path);
        boolean alwaysOpen = path.equals("/api/health") || path.equals("/openapi");
        if ((read && (openReads || alwaysOpen)) || accepts(bearer(req))) {
            chain.proceed();
            return;
        }
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"smollama\"");
        JsonHttp.error(
                res,
                401,
                "unauthorized",
                bearer(req).isPresent()
                        ? "the API token is not valid for this node"
                        : "this call needs the node's API token: send 'Authorization: Bearer <token>'");
    }

    /** True when {@code presented} is this node's token. */
    public boolean accepts(Optional<String> presented) {
        return presented.isPresent()
                && MessageDigest.isEqual(token, presented.get().getBytes(StandardCharsets.UTF_8));
    }

    public boolean openReads() {
        return openReads;
    }

    private static Optional<String> bearer(RoutingRequest req) {
        return req.headers()
                .first(HeaderNames.AUTHORIZATION)
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim());
    }
}
