package org.academy.api;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.academy.base.RecordRowMapper;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The stream journal: events written in the same transaction as the change they describe, numbered
 * per stream without gaps, so that a client's Last-Event-ID says exactly what it has seen.
 *
 * <p>Numbers come from a counter row per stream ({@code insert … on conflict do update … returning}),
 * which stays locked until the writing transaction ends. A second writer of the same stream waits
 * for it, so numbers commit in order: whoever reads number n can already read every number below n.
 * (A bigserial would not do: ids are handed out at insert and commit in any order, so a reader could
 * see 12 before 11 commits and skip 11 for ever.) A rolled-back change rolls its number back too.
 */
@Component
class StreamJournal {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final int replayLimit;
    private final Duration replayAge;

    StreamJournal(JdbcClient jdbc, JsonMapper json, Clock clock,
                  @Value("${academy.api.stream.replay-limit:1000}") int replayLimit,
                  @Value("${academy.api.stream.replay-age:24h}") Duration replayAge) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.replayLimit = replayLimit;
        this.replayAge = replayAge;
    }

    /** Takes the stream's next number (locking its counter until commit) and writes the event. Call before reading what the payload shows. */
    @Transactional(propagation = Propagation.MANDATORY)
    long nextSeq(String stream) {
        return jdbc.sql("""
                insert into stream_counter (stream, seq) values (?, 1)
                on conflict (stream) do update set seq = stream_counter.seq + 1
                returning seq
                """).param(stream).query(Long.class).single();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void write(String stream, long seq, String type, Object payload) {
        jdbc.sql("insert into stream_event (stream, seq, type, payload, created_at) values (?, ?, ?, ?, ?)")
                .params(stream, seq, type, json.writeValueAsString(payload), Timestamp.from(clock.instant()))
                .update();
    }

    /** Events after {@code seq}, oldest first, at most {@code limit}. */
    List<JournalEntry> after(String stream, long seq, int limit) {
        return jdbc.sql("select stream, seq, type, payload from stream_event where stream = ? and seq > ? order by seq limit ?")
                .params(stream, seq, limit).query(RecordRowMapper.of(JournalEntry.class)).list();
    }

    /** The stream's last number (0 when nothing was ever written). */
    long head(String stream) {
        return jdbc.sql("select seq from stream_counter where stream = ?").param(stream).query(Long.class)
                .optional().orElse(0L);
    }

    /**
     * Can a client that saw {@code lastSeen} be given exactly what it missed? Only if every event
     * after it is still kept and the number is one this stream has handed out.
     */
    boolean canResume(String stream, long lastSeen) {
        long head = head(stream);
        if (lastSeen < 0 || lastSeen > head) {
            return false;
        }
        if (lastSeen == head) {
            return true;
        }
        Long oldest = jdbc.sql("select min(seq) from stream_event where stream = ?").param(stream)
                .query(Long.class).optional().orElse(null);
        return oldest != null && oldest <= lastSeen + 1;
    }

    /** Keeps the last {@code replayLimit} events per stream, none older than {@code replayAge}; once per cluster. */
    @Scheduled(fixedDelayString = "${academy.api.stream.prune-interval:5m}")
    @SchedulerLock(name = "api-stream-journal-prune")
    @Transactional
    void prune() {
        jdbc.sql("delete from stream_event where created_at < ?")
                .param(Timestamp.from(clock.instant().minus(replayAge))).update();
        jdbc.sql("""
                delete from stream_event e using stream_counter c
                where e.stream = c.stream and e.seq <= c.seq - ?
                """).param(replayLimit).update();
    }
}
