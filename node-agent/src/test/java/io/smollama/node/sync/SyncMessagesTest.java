package io.smollama.node.sync;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smollama.common.Json;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SyncMessagesTest {

    private static ObjectNode push(String from, String origin) {
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.put("id", UUID.randomUUID().toString());
        payload.put("at", Instant.parse("2026-01-01T00:00:00Z").toString());
        ObjectNode entry = Json.mapper().createObjectNode();
        entry.put("id", UUID.randomUUID().toString());
        entry.put("origin", origin);
        entry.put("seq", 1);
        entry.put("lamport", 1);
        entry.put("type", "forget");
        entry.set("payload", payload);
        entry.put("createdAt", "2026-01-01T00:00:00Z");
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("from", from);
        body.putArray("entries").add(entry);
        return body;
    }

    @Test
    void anEntryWhoseOriginIsNoNodeNameIsRefusedBecauseItWouldBreakEveryVectorQueryThatCarriesIt() {
        // "a,b" would come back in the receiver's vector and make its pull query 'a,b:1' unparseable
        assertThatThrownBy(() -> SyncMessages.parsePush(push("beta", "a,b")))
                .isInstanceOf(SyncMessages.BadPushException.class)
                .hasMessageContaining("entries[0].origin");
    }

    @Test
    void aPushFromSomethingThatIsNoNodeNameIsRefused() {
        assertThatThrownBy(() -> SyncMessages.parsePush(push("Beta:1,x", "beta")))
                .isInstanceOf(SyncMessages.BadPushException.class)
                .hasMessageContaining("'from'");
    }
}
