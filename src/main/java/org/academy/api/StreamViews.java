package org.academy.api;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A journalled event as one viewer may see it, by the rules the services apply on screen
 * ({@code PollService}: drafts for staff only, results and correct answers for staff or once
 * revealed; {@code QaService}: learners see visible questions only, and an anonymous question's
 * author only if it is their own). Empty when the viewer is not to see the event at all.
 */
@Component
class StreamViews {

    /** Who is watching a stream: staff see everything of it, learners what the screens show them. */
    record Viewer(long userId, boolean staff) {
    }

    record Rendered(String type, String data) {
    }

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JsonMapper json;

    StreamViews(JsonMapper json) {
        this.json = json;
    }

    java.util.Optional<Rendered> render(JournalEntry entry, Viewer viewer) {
        return switch (entry.type()) {
            case "poll" -> poll(entry, viewer);
            case "question" -> question(entry, viewer);
            default -> java.util.Optional.of(new Rendered(entry.type(), entry.payload()));
        };
    }

    private java.util.Optional<Rendered> poll(JournalEntry entry, Viewer viewer) {
        if (viewer.staff()) {
            return java.util.Optional.of(new Rendered("poll", entry.payload()));
        }
        Map<String, Object> poll = json.readValue(entry.payload(), MAP);
        if ("DRAFT".equals(poll.get("status"))) {
            return java.util.Optional.empty();
        }
        if (!Boolean.TRUE.equals(poll.get("resultsVisible"))) {
            poll.remove("voters");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> options = (List<Map<String, Object>>) poll.get("options");
            options.forEach(o -> {
                o.remove("votes");
                o.remove("correct");
            });
        }
        return java.util.Optional.of(new Rendered("poll", json.writeValueAsString(poll)));
    }

    private java.util.Optional<Rendered> question(JournalEntry entry, Viewer viewer) {
        Map<String, Object> q = json.readValue(entry.payload(), MAP);
        long author = ((Number) q.remove("authorId")).longValue();
        boolean mine = author == viewer.userId();
        String status = (String) q.get("status");
        if (!viewer.staff() && !"VISIBLE".equals(status)) {
            if ("HIDDEN".equals(status)) {
                // It may have been shown before: the client removes it. A pending one was never shown.
                return java.util.Optional.of(new Rendered("question-removed", "{\"id\":" + q.get("id") + "}"));
            }
            if (!mine) {
                return java.util.Optional.empty();
            }
        }
        if (Boolean.TRUE.equals(q.get("anonymous")) && !viewer.staff() && !mine) {
            q.put("authorName", null);
        }
        q.put("mine", mine);
        return java.util.Optional.of(new Rendered("question", json.writeValueAsString(q)));
    }
}
