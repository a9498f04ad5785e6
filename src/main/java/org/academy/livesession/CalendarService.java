package org.academy.livesession;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.academy.base.InvalidRequestException;
import org.academy.security.CurrentUser;
import org.academy.security.SignedIn;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Live sessions in people's calendars (iCalendar, ical4j): a private feed per person of their
 * cohorts' sessions, behind a revocable token of which only a hash is kept, and a download per
 * session. A session keeps its UID for ever; moving or cancelling it bumps its SEQUENCE, so
 * calendar clients update the event instead of adding another.
 */
@Service
public class CalendarService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final LiveSessionService sessions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String publicUrl;

    CalendarService(JdbcClient jdbc, LiveSessionService sessions, ApplicationEventPublisher events, Clock clock,
                    @Value("${academy.public-url:http://localhost:8080}") String publicUrl) {
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** A new private feed address for the caller (shown once); an older one stops working. */
    @Transactional
    @SignedIn
    public String renewFeed() {
        long me = CurrentUser.require().id();
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        jdbc.sql("""
                insert into calendar_feed (user_id, token_hash, created_at) values (?, ?, ?)
                on conflict (user_id) do update set token_hash = excluded.token_hash, created_at = excluded.created_at
                """).params(me, hash(token), Timestamp.from(clock.instant())).update();
        return publicUrl + "/calendar/" + token + ".ics";
    }

    @Transactional(readOnly = true)
    @SignedIn
    public boolean hasFeed() {
        return jdbc.sql("select count(*) from calendar_feed where user_id = ?").param(CurrentUser.require().id())
                .query(Long.class).single() > 0;
    }

    /** The caller's feed address stops working (its calendar clients get "not found"). */
    @Transactional
    @SignedIn
    public void revokeFeed() {
        jdbc.sql("delete from calendar_feed where user_id = ?").param(CurrentUser.require().id()).update();
    }

    /** One session as an .ics file ("Add to calendar"), for members of its cohort. */
    @Transactional(readOnly = true)
    @SignedIn
    public String sessionCalendar(long sessionId) {
        sessions.context(sessionId);
        return render(rows("where s.id = ?", sessionId));
    }

    /** Moves a scheduled session (its staff); calendars see the same event with a higher SEQUENCE. */
    @Transactional
    @SignedIn
    public SessionSummary reschedule(long sessionId, Instant startsAt, Instant endsAt) {
        SessionContext c = sessions.requireStaff(sessionId);
        if (startsAt == null || endsAt == null || !endsAt.isAfter(startsAt)) {
            throw new InvalidRequestException("A session must end after it starts.");
        }
        int changed = jdbc.sql("""
                update live_session set starts_at = ?, ends_at = ?, sequence = sequence + 1
                where id = ? and status = 'SCHEDULED' and cancelled_at is null
                """).params(Timestamp.from(startsAt), Timestamp.from(endsAt), sessionId).update();
        if (changed == 0) {
            throw new InvalidRequestException("Only a session that has not started can be moved.");
        }
        events.publishEvent(new SessionEvent(sessionId, c.session().cohortId(), SessionEvent.Kind.SCHEDULED));
        return new SessionSummary(sessionId, c.session().cohortId(), c.session().cohortName(), c.session().title(),
                startsAt, endsAt, c.session().status(), c.session().qaModerated(), null, null);
    }

    /** Cancels a session that has not started (its staff): it ends unheld, and calendars mark it cancelled. */
    @Transactional
    @SignedIn
    public void cancel(long sessionId) {
        SessionContext c = sessions.requireStaff(sessionId);
        Timestamp now = Timestamp.from(clock.instant());
        int changed = jdbc.sql("""
                update live_session set status = 'ENDED', ended_at = ?, cancelled_at = ?, sequence = sequence + 1
                where id = ? and status = 'SCHEDULED'
                """).params(now, now, sessionId).update();
        if (changed == 0) {
            throw new InvalidRequestException("Only a session that has not started can be cancelled.");
        }
        events.publishEvent(new SessionEvent(sessionId, c.session().cohortId(), SessionEvent.Kind.ENDED));
    }

    // ---- the public feed (the token is the credential) -------------------------------------------

    /** The feed of the person this token belongs to; empty for an unknown or revoked token. */
    Optional<String> feed(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("select user_id from calendar_feed where token_hash = ?").param(hash(token)).query(Long.class)
                .optional().map(user -> render(rows("""
                        where s.ends_at > ? and s.cohort_id in (
                            select cohort_id from enrolment where user_id = ?
                            union select cohort_id from cohort_instructor where user_id = ?)
                        """, Timestamp.from(clock.instant().minus(Duration.ofDays(90))), user, user)));
    }

    private record Row(long id, String title, String cohortName, Instant startsAt, Instant endsAt, int sequence,
                       boolean cancelled) {
    }

    private List<Row> rows(String where, Object... params) {
        return jdbc.sql("""
                select s.id, s.title, c.name, s.starts_at, s.ends_at, s.sequence, s.cancelled_at is not null
                from live_session s join cohort c on c.id = s.cohort_id
                """ + where + " order by s.starts_at, s.id limit 2000").params(params)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5).toInstant(), rs.getInt(6), rs.getBoolean(7)))
                .list();
    }

    private String render(List<Row> rows) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Academy//Live sessions//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        Instant stamp = clock.instant();
        for (Row r : rows) {
            VEvent event = new VEvent(r.startsAt(), r.endsAt(), r.title() + " · " + r.cohortName());
            event.add(new Uid("live-session-" + r.id() + "@academy"));
            event.add(new Sequence(r.sequence()));
            event.replace(new DtStamp(stamp));
            event.add(new net.fortuna.ical4j.model.property.Url(java.net.URI.create(publicUrl + "/sessions/" + r.id())));
            if (r.cancelled()) {
                event.add(new Status("CANCELLED"));
            }
            calendar.add(event);
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(true).output(calendar, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
