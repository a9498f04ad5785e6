package org.academy.livesession;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.academy.base.NotFoundException;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The private calendar feed over real HTTP (no login: the token is the credential), parsed back
 * with ical4j: one VEVENT per session in UTC, stable UIDs, SEQUENCE bumped on a move or a
 * cancellation, and "not found" once the token is revoked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, Sessions.class})
class CalendarFeedTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    LiveSessionService sessions;
    @Autowired
    CalendarService calendars;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url) throws Exception {
        String local = url.replace("http://localhost:8080", "http://localhost:" + port);
        return http.send(HttpRequest.newBuilder(URI.create(local)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, VEvent> events(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        calendar.validate();
        List<VEvent> events = calendar.getComponents("VEVENT");
        return events.stream().collect(Collectors.toMap(e -> value(e, Property.UID), e -> e));
    }

    private static String value(VEvent e, String property) {
        return e.getProperty(property).map(Property::getValue).orElse(null);
    }

    @Test
    void the_feed_follows_sessions_as_they_are_scheduled_moved_and_cancelled_until_it_is_revoked() throws Exception {
        World w = fixtures.world();
        Instant start = Instant.parse("2027-03-01T09:00:00Z");
        SessionSummary first = as(w.instructorA(), () -> sessions.schedule(w.cohortA().id(), "Day 1", start, start.plus(Duration.ofHours(3))));
        SessionSummary second = as(w.instructorA(), () -> sessions.schedule(w.cohortA().id(), "Day 2",
                start.plus(Duration.ofDays(1)), start.plus(Duration.ofDays(1)).plus(Duration.ofHours(3))));
        as(w.instructorB(), () -> sessions.schedule(w.cohortB().id(), "Other cohort", start, start.plus(Duration.ofHours(1))));

        String url = as(w.studentA(), () -> calendars.renewFeed());
        assertThat(url).matches("http://localhost:8080/calendar/[A-Za-z0-9_-]{32}\\.ics");
        HttpResponse<String> response = get(url);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/calendar");
        Map<String, VEvent> events = events(response.body());
        String uid1 = "live-session-" + first.id() + "@academy";
        String uid2 = "live-session-" + second.id() + "@academy";
        assertThat(events).containsOnlyKeys(uid1, uid2);
        assertThat(value(events.get(uid1), Property.DTSTART)).isEqualTo("20270301T090000Z");
        assertThat(value(events.get(uid1), Property.DTEND)).isEqualTo("20270301T120000Z");
        assertThat(value(events.get(uid1), Property.SEQUENCE)).isEqualTo("0");

        Instant moved = start.plus(Duration.ofHours(2));
        as(w.instructorA(), () -> calendars.reschedule(first.id(), moved, moved.plus(Duration.ofHours(3))));
        as(w.instructorA(), () -> calendars.cancel(second.id()));
        events = events(get(url).body());
        assertThat(events).containsOnlyKeys(uid1, uid2);
        assertThat(value(events.get(uid1), Property.DTSTART)).isEqualTo("20270301T110000Z");
        assertThat(value(events.get(uid1), Property.SEQUENCE)).isEqualTo("1");
        assertThat(value(events.get(uid2), Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(value(events.get(uid2), Property.SEQUENCE)).isEqualTo("1");

        // The instructor's own feed has the same events.
        String instructorUrl = as(w.instructorA(), () -> calendars.renewFeed());
        assertThat(events(get(instructorUrl).body())).containsOnlyKeys(uid1, uid2);

        as(w.studentA(), () -> calendars.revokeFeed());
        assertThat(get(url).statusCode()).isEqualTo(404);
        assertThat(get("http://localhost:8080/calendar/garbled-token.ics").statusCode()).isEqualTo(404);
        String renewed = as(w.studentA(), () -> calendars.renewFeed());
        assertThat(get(renewed).statusCode()).isEqualTo(200);
        assertThat(get(url).statusCode()).isEqualTo(404);
        System.out.println("CALENDAR FEED: 2 VEVENTs parsed and validated by ical4j; moved UID kept with SEQUENCE 0→1; "
                + "cancelled STATUS:CANCELLED; revoked and garbled tokens 404");
    }

    @Test
    void a_sessions_own_file_is_for_members_of_its_cohort() throws Exception {
        World w = fixtures.world();
        Instant start = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
        SessionSummary s = as(w.instructorA(), () -> sessions.schedule(w.cohortA().id(), "Kick-off", start, start.plus(Duration.ofHours(1))));
        String ics = as(w.studentA(), () -> calendars.sessionCalendar(s.id()));
        assertThat(events(ics)).containsOnlyKeys("live-session-" + s.id() + "@academy");
        assertThatThrownBy(() -> as(w.studentB(), () -> calendars.sessionCalendar(s.id()))).isInstanceOf(NotFoundException.class);
        assertThat(get("http://localhost:8080/calendar/session/" + s.id() + ".ics").statusCode()).isIn(302, 401, 403, 404);
    }
}
