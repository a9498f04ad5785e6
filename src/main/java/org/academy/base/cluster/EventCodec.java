package org.academy.base.cluster;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hub events on the wire: one message per batch, naming the sending node, and per event its topic,
 * its record class and its components as JSON. Only records of the application
 * ({@code org.academy.…}) are ever instantiated from a message, so a message from anyone who can
 * reach the Redis channel cannot make a node load or build any other class.
 */
final class EventCodec {

    static final String ALLOWED_PACKAGE = "org.academy.";

    /** One event as it travels. */
    record WireEvent(String topic, Object event) {
    }

    /** A batch as it arrived: who sent it and its events (undecodable ones left out). */
    record Batch(String node, List<WireEvent> events, List<String> refused) {
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final ClassLoader loader;

    EventCodec(ClassLoader loader) {
        this.loader = loader;
    }

    String encode(String node, List<WireEvent> events) {
        ObjectNode root = json.createObjectNode();
        root.put("node", node);
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
        return new Batch(node.asString(), events, refused);
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
