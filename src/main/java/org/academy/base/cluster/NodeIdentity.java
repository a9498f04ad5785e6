package org.academy.base.cluster;

import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which node this is, and whether it runs among several. The id signs this node's messages on the
 * cross-node channel (so it skips its own echoes) and its entries in shared presence; set
 * {@code academy.cluster.node-id} to a stable name per node (e.g. "a", "b") for readable metrics,
 * or leave it to a random one per start.
 */
@Component
public class NodeIdentity {

    private final String id;
    private final boolean clustered;

    NodeIdentity(@Value("${academy.cluster.node-id:}") String id,
                 @Value("${academy.cluster.transport:none}") String transport) {
        this.id = id.isBlank() ? "node-" + UUID.randomUUID().toString().substring(0, 8) : id.strip();
        this.clustered = switch (transport.strip().toLowerCase()) {
            case "none", "" -> false;
            case "redis" -> true;
            default -> throw new IllegalArgumentException("academy.cluster.transport must be none or redis, not " + transport);
        };
    }

    public String id() {
        return id;
    }

    /** True when nodes share presence, limits and events through Redis. */
    public boolean clustered() {
        return clustered;
    }
}
