package io.smollama.node.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smollama.common.Json;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One sync round with a peer: learn the peer's vector (an empty push), push every entry held here that the
 * peer lacks, of every origin (so entries relayed through this node go on), in batches; then, when asked,
 * pull with this node's vector until the peer has nothing more. A round that fails part-way loses nothing:
 * each batch is merged in one transaction and the next round starts from the vectors again.
 */
final class SyncRound {

    /** Entries per batch. */
    static final int BATCH = 200;
    /** A batch stops growing past this many bytes of JSON, well below the default 1 MiB body limit. */
    static final int BATCH_BYTES = 512 * 1024;

    /** What a round moved, and the peer's vector after it. */
    record Result(int pushed, int pulled, VersionVector peer) {}

    private SyncRound() {}

    static Result run(SyncService local, SyncTransport peer, boolean pull) throws SyncException {
        VersionVector mine = local.log().vector();
        var hello = peer.push(local.pushRequest(List.of(), mine));
        VersionVector peerVector = new VersionVector(hello.vector());
        VersionVector latest = peerVector;
        String self = local.log().self();
        // the peer holds more of this node's own entries than this node: its log was lost (or the name is
        // reused). Offer every own entry, so the peer refuses one it holds under another id, and pull the
        // own entries back, so the next local entry continues the seq instead of reusing one.
        boolean behindOnSelf = peerVector.get(self) > mine.get(self);
        VersionVector pushFrom = behindOnSelf ? peerVector.without(self) : peerVector;
        int pushed = 0;
        SyncLog.@Nullable Cursor after = null;
        while (true) {
            SyncLog.Page page = local.log().entriesAfter(pushFrom, null, BATCH, after);
            List<SyncEntry> batch = fit(page.entries());
            if (batch.isEmpty()) {
                break;
            }
            var answer = peer.push(local.pushRequest(batch, mine));
            latest = new VersionVector(answer.vector());
            pushed += answer.accepted();
            SyncEntry last = batch.getLast();
            after = new SyncLog.Cursor(last.origin(), last.seq());
            if (!page.more() && batch.size() == page.entries().size()) {
                break;
            }
        }
        int pulled = 0;
        if (pull || behindOnSelf) {
            while (true) {
                var answer = peer.pull(local.log().vector(), BATCH, behindOnSelf ? "" : self);
                SyncLog.MergeResult merged;
                try {
                    merged = local.merge(answer.entries());
                } catch (SyncLog.ConflictException e) {
                    throw SyncException.rejected(
                            peer.describe() + " sent an entry this node holds otherwise: " + e.getMessage());
                }
                pulled += merged.accepted();
                latest = new VersionVector(answer.vector());
                // a page of entries all held already (beyond a gap the peer has too) would come back forever
                if (!answer.more() || merged.accepted() == 0) {
                    break;
                }
            }
        }
        return new Result(pushed, pulled, latest);
    }

    /** The leading entries of a page that fit in one request body (at least one). */
    private static List<SyncEntry> fit(List<SyncEntry> entries) {
        List<SyncEntry> out = new ArrayList<>();
        long bytes = 0;
        for (SyncEntry e : entries) {
            try {
                bytes += Json.mapper().writeValueAsBytes(e).length;
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
            if (!out.isEmpty() && bytes > BATCH_BYTES) {
                break;
            }
            out.add(e);
        }
        return out;
    }
}
