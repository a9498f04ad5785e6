package org.academy.load;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The element tree as far as one UIDL answer built it (each node's string properties and
 * children), enough to find a component by its id and a radio group's item keys by their labels.
 * (The same reading as base/cluster/UidlVoter's, which needs no push.)
 */
final class FlowTree {

    private static final Pattern FLAT = Pattern.compile("\\{[^{}]*}");
    private static final Pattern NODE = Pattern.compile("\"node\":(\\d+)");
    private static final Pattern KEY = Pattern.compile("\"key\":\"([^\"]*)\"");
    private static final Pattern VALUE = Pattern.compile("\"value\":\"([^\"]*)\"");
    private static final Pattern ADD_NODES = Pattern.compile("\"addNodes\":\\[([0-9,]*)]");

    private final Map<Integer, Map<String, String>> puts = new HashMap<>();
    private final Map<Integer, List<Integer>> children = new HashMap<>();

    FlowTree(String json) {
        Matcher m = FLAT.matcher(json);
        while (m.find()) {
            String change = m.group();
            Matcher n = NODE.matcher(change);
            if (!n.find()) {
                continue;
            }
            int node = Integer.parseInt(n.group(1));
            Matcher k = KEY.matcher(change);
            Matcher v = VALUE.matcher(change);
            if (change.contains("\"type\":\"put\"") && k.find() && v.find()) {
                puts.computeIfAbsent(node, x -> new HashMap<>()).put(k.group(1), v.group(1));
            }
            Matcher add = ADD_NODES.matcher(change);
            if (add.find() && !add.group(1).isEmpty()) {
                for (String child : add.group(1).split(",")) {
                    children.computeIfAbsent(node, x -> new ArrayList<>()).add(Integer.parseInt(child));
                }
            }
        }
    }

    int nodeWithId(String id) {
        return puts.entrySet().stream().filter(e -> id.equals(e.getValue().get("id"))).mapToInt(Map.Entry::getKey)
                .findFirst().orElse(-1);
    }

    private List<Integer> below(int root) {
        List<Integer> all = new ArrayList<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            int node = queue.poll();
            all.add(node);
            queue.addAll(children.getOrDefault(node, List.of()));
        }
        return all;
    }

    private String put(int node, String key) {
        return puts.getOrDefault(node, Map.of()).get(key);
    }

    /** Option label → the item key the radio button carries as its value. */
    Map<String, String> radioKeys(int group) {
        Map<String, String> keys = new HashMap<>();
        for (int button : below(group)) {
            if ("vaadin-radio-button".equals(put(button, "tag"))) {
                String text = below(button).stream().map(n -> put(n, "text")).filter(Objects::nonNull)
                        .collect(Collectors.joining());
                keys.put(text, put(button, "value"));
            }
        }
        return keys;
    }
}
