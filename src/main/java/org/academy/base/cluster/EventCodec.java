package org.academy.base.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hub events on the wire: one message per batch, naming the sending node, and per event its topic,
 * its record class and its components as JSON. Only records of the application
 * ({@code org.academy.…}) are ever instantiated from a message, so a message from anyone who can
 * reach the Redis channel cannot make a node load or build any other class.
 * <p>
 * Since version 2 a message also carries its {@link Mark}: the sender's incarnation and number, and
 * whether it is a batch, a beat or a goodbye. The fields are additive: a node of version 1 reads a
 * beat as a batch without events, and a message without them is still delivered, only not checked
 * for gaps.
 */
final class EventCodec {

    static final String ALLOWED_PACKAGE = "org.academy.";
    static final int VERSION = 2;

    /** One event as it travels. */
    record WireEvent(String topic, Object event) {
    }

    /** What a message is in its sender's sequence. */
    enum Kind {
        /** Events, numbered one after the other from 1 in each incarnation. */
        BATCH,
        /** "Still here": sent by an idle node, carrying the number of its last batch. */
        BEAT,
        /** Sent when a node shuts down, with the number of its last batch: nothing more will come. */
        BYE
    }

    /**
     * A message's place in its sender's sequence: the sender's incarnation (its start, so that a
     * restarted node counts again from 1 without looking like a gap) and, for a batch, its number;
     * for a beat or a goodbye, the number of the last batch sent before it.
     */
    record Mark(long incarnation, long number, Kind kind) {
    }

    /** A batch as it arrived: who sent it, its mark (null from a node before version 2) and its events (undecodable ones left out). */
    record Batch(String node, Mark mark, List<WireEvent> events, List<String> refused) {
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final ClassLoader loader;

    EventCodec(ClassLoader loader) {
        this.loader = loader;
    }

    /** {@code mark} null: a message as a node before version 2 sent it. */
    String encode(String node, Mark mark, List<WireEvent> events) {
        ObjectNode root = json.createObjectNode();
        root.put("node", node);
        if (mark != null) {
            root.put("v", VERSION);
            root.put("inc", mark.incarnation());
            root.put("seq", mark.number());
            root.put("kind", mark.kind().name().toLowerCase(Locale.ROOT));
        }
        ArrayNode array = root.putArray("events");
        for (WireEvent e : events) {
            Class<?> type = e.event().getClass();
            if (!allowed(type)) {
                throw new IllegalArgumentException("Only records of " + ALLOWED_PACKAGE + " cross nodes, not " + type.getName());
            }
            ObjectNode item = array.addObject();
            item.put("topic", e.topic());
            item.put("type", type.getName());
            item.set("event", json.valueToTree(e.event()));
        }
        return json.writeValueAsString(root);
    }

    /** @throws IllegalArgumentException if the message is not a batch at all */
    Batch decode(String message) {
        JsonNode root;
        try {
            root = json.readTree(message);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a hub message", e);
        }
        JsonNode node = root.get("node");
        JsonNode array = root.get("events");
        if (node == null || !node.isString() || array == null || !array.isArray()) {
            throw new IllegalArgumentException("Not a hub message");
        }
        List<WireEvent> events = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (JsonNode item : array) {
            try {
                events.add(decodeEvent(item));
            } catch (RuntimeException e) {
                refused.add(e.getMessage());
            }
        }
        return new Batch(node.asString(), mark(root), events, refused);
    }

    /** Null when the message has no mark or one this node cannot read: it is delivered all the same. */
    private static Mark mark(JsonNode root) {
        JsonNode incarnation = root.get("inc");
        JsonNode number = root.get("seq");
        if (incarnation == null || !incarnation.isIntegralNumber() || number == null || !number.isIntegralNumber()) {
            return null;
        }
        Kind kind = switch (root.path("kind").asString("batch")) {
            case "beat" -> Kind.BEAT;
            case "bye" -> Kind.BYE;
            case "batch" -> Kind.BATCH;
            default -> null;
        };
        return kind == null ? null : new Mark(incarnation.asLong(), number.asLong(), kind);
    }

    private WireEvent decodeEvent(JsonNode item) {
        String topic = item.path("topic").asString("");
        String typeName = item.path("type").asString("");
        if (topic.isBlank() || !typeName.startsWith(ALLOWED_PACKAGE)) {
            throw new IllegalArgumentException("Refused an event of type \"" + typeName + "\"");
        }
        Class<?> type;
        try {
            // Not initialised: a class is only looked at until it proves to be one of our records.
            type = Class.forName(typeName, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("Unknown event type " + typeName, e);
        }
        if (!allowed(type)) {
            throw new IllegalArgumentException("Refused an event of type " + typeName);
        }
        return new WireEvent(topic, json.treeToValue(item.get("event"), type));
    }

    static boolean allowed(Class<?> type) {
        return type.isRecord() && type.getName().startsWith(ALLOWED_PACKAGE);
    }
}
