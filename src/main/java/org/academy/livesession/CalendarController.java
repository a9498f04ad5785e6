package org.academy.livesession;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Calendar files. The feed is public: the token in its address is the credential, and an unknown
 * or revoked token is "not found". A session's file is for signed-in members (its service checks).
 */
@org.springframework.stereotype.Controller
class CalendarController {

    private static final MediaType CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

    private final CalendarService calendars;

    CalendarController(CalendarService calendars) {
        this.calendars = calendars;
    }

    @GetMapping("/calendar/{token}.ics")
    ResponseEntity<String> feed(@PathVariable String token) {
        return calendars.feed(token)
                .map(ics -> ResponseEntity.ok().contentType(CALENDAR).header(HttpHeaders.CACHE_CONTROL, "private, max-age=300")
                        .body(ics))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/calendar/session/{sessionId}.ics")
    ResponseEntity<String> session(@PathVariable long sessionId) {
        if (org.academy.security.CurrentUser.find().isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        try {
            return ResponseEntity.ok().contentType(CALENDAR)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"session-" + sessionId + ".ics\"")
                    .body(calendars.sessionCalendar(sessionId));
        } catch (org.academy.base.NotFoundException e) {
            return ResponseEntity.notFound().build();
        }
    }
}
