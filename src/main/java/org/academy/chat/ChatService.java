package org.academy.chat;

import org.academy.security.SignedIn;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.base.RateLimiter;
import org.academy.base.RecordRowMapper;
import org.academy.base.TextInput;
import org.academy.cohort.CohortAccess;
import org.academy.cohort.CohortMembership;
import org.academy.cohort.CohortService;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionContext;
import org.academy.notification.MentionNotice;
import org.academy.notification.NotificationRequested;
import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cohort chat: one room per cohort and one per live session, readable and writable by the
 * cohort's learners and instructors (and administrators) only. Text only, limited in length and
 * rate per person; authors edit within a window and delete their own messages; instructors delete
 * any message and mute learners for a while. @Name mentions of members notify them.
 */
@Service
public class ChatService {

    static final String NOT_FOUND = "This chat does not exist, or you are not a member of its cohort.";
    private static final java.time.format.DateTimeFormatter UNTIL =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(java.time.ZoneId.systemDefault());

    private final CohortService cohorts;
    private final LiveSessionService sessions;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int maxLength;
    private final Duration editWindow;
    private final RateLimiter postLimit;
    private final RateLimiter editLimit;

    ChatService(org.academy.base.RateLimits limits, CohortService cohorts, LiveSessionService sessions, JdbcClient jdbc,
                ApplicationEventPublisher events, Clock clock,
                @Value("${academy.chat.max-length:2000}") int maxLength,
                @Value("${academy.chat.edit-window:15m}") Duration editWindow,
                @Value("${academy.chat.messages-per-minute:20}") int messagesPerMinute,
                @Value("${academy.chat.edits-per-minute:10}") int editsPerMinute) {
        this.cohorts = cohorts;
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.maxLength = Math.min(maxLength, 2000);
        this.editWindow = editWindow;
        this.postLimit = limits.create("chat-messages", messagesPerMinute, Duration.ofMinutes(1));
        // Each edit is pushed to every viewer of the room, like a new message.
        this.editLimit = limits.create("chat-edits", editsPerMinute, Duration.ofMinutes(1));
    }

    private record Row(long id, long roomId, long authorId, String authorName, String text, Instant createdAt,
                       Instant editedAt, Instant deletedAt, boolean mentionsMe) {
    }

    private record RoomRow(long id, long cohortId, Long sessionId) {
    }

    @SignedIn
    public int maxLength() {
        return maxLength;
    }

    // ---- rooms --------------------------------------------------------------------------------

    /** The cohort's room, created on first use; members only. */
    @Transactional
    @SignedIn
    public ChatRoom cohortRoom(long cohortId) {
        CohortMembership m = cohorts.membership(cohortId);
        jdbc.sql("insert into chat_room (cohort_id) values (?) on conflict (cohort_id) where session_id is null do nothing")
                .param(cohortId).update();
        long id = jdbc.sql("select id from chat_room where cohort_id = ? and session_id is null").param(cohortId)
                .query(Long.class).single();
        return new ChatRoom(id, cohortId, null, m.cohort().name(), m.access().isStaff());
    }

    /** A live session's room, created on first use; members of its cohort only. */
    @Transactional
    @SignedIn
    public ChatRoom sessionRoom(long sessionId) {
        SessionContext c = sessions.context(sessionId);
        jdbc.sql("""
                insert into chat_room (cohort_id, session_id) values (?, ?)
                on conflict (session_id) where session_id is not null do nothing
                """).params(c.session().cohortId(), sessionId).update();
        long id = jdbc.sql("select id from chat_room where session_id = ?").param(sessionId).query(Long.class).single();
        return new ChatRoom(id, c.session().cohortId(), sessionId, c.session().title(), c.isStaff());
    }

    /** The cohort rooms of the caller with their unread counts. */
    @Transactional
    @SignedIn
    public Map<ChatRoom, Integer> myRooms() {
        Map<ChatRoom, Integer> rooms = new LinkedHashMap<>();
        for (var cohort : cohorts.myCohorts()) {
            ChatRoom room = cohortRoom(cohort.id());
            rooms.put(room, unread(room.id()));
        }
        return rooms;
    }

    /** Unread messages across the caller's cohort rooms, for the navigation badge. */
    @Transactional(readOnly = true)
    @SignedIn
    public int unreadTotal() {
        AcademyUser caller = CurrentUser.require();
        return jdbc.sql("""
                select count(*) from chat_message m
                join chat_room r on r.id = m.room_id and r.session_id is null
                left join chat_read cr on cr.room_id = r.id and cr.user_id = :me
                where m.deleted_at is null and m.author_id <> :me and m.id > coalesce(cr.last_read_message_id, 0)
                  and (r.cohort_id in (select cohort_id from enrolment where user_id = :me)
                       or r.cohort_id in (select cohort_id from cohort_instructor where user_id = :me))
                """).param("me", caller.id()).query(Integer.class).single();
    }

    /** Room ids whose changes may move the caller's unread total. */
    @Transactional(readOnly = true)
    @SignedIn
    public List<Long> myRoomIds() {
        AcademyUser caller = CurrentUser.require();
        return jdbc.sql("""
                select r.id from chat_room r where r.session_id is null
                  and (r.cohort_id in (select cohort_id from enrolment where user_id = :me)
                       or r.cohort_id in (select cohort_id from cohort_instructor where user_id = :me))
                """).param("me", caller.id()).query(Long.class).list();
    }

    @Transactional(readOnly = true)
    @SignedIn
    public int unread(long roomId) {
        AcademyUser caller = CurrentUser.require();
        requireMember(roomId);
        return jdbc.sql("""
                select count(*) from chat_message m left join chat_read cr on cr.room_id = m.room_id and cr.user_id = :me
                where m.room_id = :room and m.deleted_at is null and m.author_id <> :me
                  and m.id > coalesce(cr.last_read_message_id, 0)
                """).param("me", caller.id()).param("room", roomId).query(Integer.class).single();
    }

    /** Everything up to this message has been read by the caller. Never moves backwards. */
    @Transactional
    @SignedIn
    public void markRead(long roomId, long lastMessageId) {
        AcademyUser caller = CurrentUser.require();
        requireMember(roomId);
        jdbc.sql("""
                insert into chat_read (room_id, user_id, last_read_message_id) values (?, ?, ?)
                on conflict (room_id, user_id) do update
                set last_read_message_id = greatest(chat_read.last_read_message_id, excluded.last_read_message_id)
                """).params(roomId, caller.id(), lastMessageId).update();
    }

    /** Members of the cohort, for @mention suggestions. */
    @Transactional(readOnly = true)
    @SignedIn
    public List<ChatMember> members(long roomId) {
        RoomRow room = requireMember(roomId);
        return memberRows(room.cohortId());
    }

    // ---- history ------------------------------------------------------------------------------

    /** The newest messages of a room (oldest first on the page). */
    @Transactional(readOnly = true)
    @SignedIn
    public ChatPage latest(long roomId, int limit) {
        return page(roomId, Long.MAX_VALUE, limit);
    }

    /** The messages before {@code beforeId}: "load older" pages back without loading everything. */
    @Transactional(readOnly = true)
    @SignedIn
    public ChatPage older(long roomId, long beforeId, int limit) {
        return page(roomId, beforeId, limit);
    }

    /** One message as the caller sees it now (after a push saying it changed). */
    @Transactional(readOnly = true)
    @SignedIn
    public Optional<ChatMessage> message(long messageId) {
        AcademyUser caller = CurrentUser.require();
        Optional<Row> row = jdbc.sql(select() + " where m.id = :id").param("id", messageId).param("me", caller.id())
                .query(RecordRowMapper.of(Row.class)).optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        RoomRow room = requireMember(row.get().roomId());
        return Optional.of(view(row.get(), caller, isStaff(room.cohortId(), caller)));
    }

    private ChatPage page(long roomId, long beforeId, int limit) {
        AcademyUser caller = CurrentUser.require();
        RoomRow room = requireMember(roomId);
        int n = Math.max(1, Math.min(limit, 200));
        List<Row> rows = jdbc.sql(select() + " where m.room_id = :room and m.id < :before order by m.id desc limit :n")
                .param("room", roomId).param("before", beforeId).param("n", n + 1).param("me", caller.id())
                .query(RecordRowMapper.of(Row.class)).list();
        boolean hasOlder = rows.size() > n;
        List<Row> page = new ArrayList<>(rows.subList(0, Math.min(n, rows.size())));
        Collections.reverse(page);
        boolean staff = isStaff(room.cohortId(), caller);
        return new ChatPage(page.stream().map(r -> view(r, caller, staff)).toList(), hasOlder);
    }

    // ---- writing ------------------------------------------------------------------------------

    @Transactional
    @SignedIn
    public ChatMessage post(long roomId, String text) {
        AcademyUser caller = CurrentUser.require();
        RoomRow room = requireMember(roomId);
        String t = validate(text);
        Optional<Instant> mutedUntil = mutedUntil(room.cohortId(), caller.id());
        if (mutedUntil.isPresent()) {
            throw new InvalidRequestException("An instructor has muted you in this cohort's chat until "
                    + UNTIL.format(mutedUntil.get()) + ".");
        }
        if (!postLimit.tryAcquire(caller.id())) {
            throw new InvalidRequestException("You are sending messages very fast; please wait a moment.");
        }
        long id = jdbc.sql("insert into chat_message (room_id, author_id, text, created_at) values (?, ?, ?, ?) returning id")
                .params(roomId, caller.id(), t, Timestamp.from(clock.instant())).query(Long.class).single();
        mention(room, id, t, caller);
        events.publishEvent(new ChatEvent(roomId, room.cohortId(), ChatEvent.Kind.POSTED, id, caller.id()));
        return message(id).orElseThrow();
    }

    @Transactional
    @SignedIn
    public ChatMessage edit(long messageId, String text) {
        AcademyUser caller = CurrentUser.require();
        Row row = find(messageId, caller);
        RoomRow room = requireMember(row.roomId());
        if (row.authorId() != caller.id()) {
            throw new InvalidRequestException("You can only edit your own messages.");
        }
        if (row.deletedAt() != null) {
            throw new InvalidRequestException("This message was deleted.");
        }
        if (row.createdAt().plus(editWindow).isBefore(clock.instant())) {
            throw new InvalidRequestException("Messages can be edited for " + editWindow.toMinutes() + " minutes.");
        }
        String t = validate(text);
        if (t.equals(row.text())) {
            return message(messageId).orElseThrow();
        }
        if (!editLimit.tryAcquire(caller.id())) {
            throw new InvalidRequestException("You are editing very fast; please wait a moment.");
        }
        jdbc.sql("update chat_message set text = ?, edited_at = ? where id = ?")
                .params(t, Timestamp.from(clock.instant()), messageId).update();
        events.publishEvent(new ChatEvent(row.roomId(), room.cohortId(), ChatEvent.Kind.EDITED, messageId, caller.id()));
        return message(messageId).orElseThrow();
    }

    /** Deletes a message: its author, or an instructor of the cohort. Deleting twice changes nothing. */
    @Transactional
    @SignedIn
    public void delete(long messageId) {
        AcademyUser caller = CurrentUser.require();
        Row row = find(messageId, caller);
        RoomRow room = requireMember(row.roomId());
        if (row.authorId() != caller.id() && !isStaff(room.cohortId(), caller)) {
            throw new InvalidRequestException("You can only delete your own messages.");
        }
        int changed = jdbc.sql("update chat_message set deleted_at = ?, deleted_by = ? where id = ? and deleted_at is null")
                .params(Timestamp.from(clock.instant()), caller.id(), messageId).update();
        if (changed == 1) {
            events.publishEvent(new ChatEvent(row.roomId(), room.cohortId(), ChatEvent.Kind.DELETED, messageId, caller.id()));
        }
    }

    /** Mutes a learner in all rooms of the cohort for a while; instructors of the cohort only. */
    @Transactional
    @SignedIn
    public void mute(long roomId, long userId, Duration duration) {
        AcademyUser caller = CurrentUser.require();
        RoomRow room = requireMember(roomId);
        if (!isStaff(room.cohortId(), caller)) {
            throw new NotFoundException(NOT_FOUND);
        }
        if (duration == null || duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(2)) > 0) {
            throw new InvalidRequestException("Mute for between a minute and two days.");
        }
        boolean learner = jdbc.sql("select 1 from enrolment where cohort_id = ? and user_id = ?")
                .params(room.cohortId(), userId).query(Integer.class).optional().isPresent();
        if (!learner) {
            throw new InvalidRequestException("Only learners of this cohort can be muted.");
        }
        jdbc.sql("""
                insert into chat_mute (cohort_id, user_id, until, muted_by) values (?, ?, ?, ?)
                on conflict (cohort_id, user_id) do update set until = excluded.until, muted_by = excluded.muted_by
                """).params(room.cohortId(), userId, Timestamp.from(clock.instant().plus(duration)), caller.id()).update();
        events.publishEvent(new ChatEvent(roomId, room.cohortId(), ChatEvent.Kind.MUTED, 0, userId));
    }

    /** Until when the caller is muted in the room's cohort, if they are. */
    @Transactional(readOnly = true)
    @SignedIn
    public Optional<Instant> myMute(long roomId) {
        AcademyUser caller = CurrentUser.require();
        RoomRow room = requireMember(roomId);
        return mutedUntil(room.cohortId(), caller.id());
    }

    // ---- internals ----------------------------------------------------------------------------

    private String validate(String text) {
        return TextInput.require(text, maxLength, "Write a message first.",
                "Messages are limited to " + maxLength + " characters.");
    }

    private void mention(RoomRow room, long messageId, String text, AcademyUser author) {
        if (!text.contains("@")) {
            return;
        }
        String link = room.sessionId() != null ? "sessions/" + room.sessionId() : "chat/" + room.cohortId();
        for (ChatMember member : Mentions.in(text, memberRows(room.cohortId()))) {
            if (member.userId() != author.id()) {
                int added = jdbc.sql("insert into chat_mention (message_id, user_id) values (?, ?) on conflict do nothing")
                        .params(messageId, member.userId()).update();
                if (added == 1) {
                    events.publishEvent(new NotificationRequested(member.userId(), new MentionNotice(messageId,
                            author.displayName() + " mentioned you: " + text, link)));
                }
            }
        }
    }

    private List<ChatMember> memberRows(long cohortId) {
        return jdbc.sql("""
                select p.id as user_id, p.display_name from app_user p
                where p.id in (select user_id from enrolment where cohort_id = :c
                               union select user_id from cohort_instructor where cohort_id = :c)
                order by lower(p.display_name)
                """).param("c", cohortId).query(RecordRowMapper.of(ChatMember.class)).list();
    }

    private Optional<Instant> mutedUntil(long cohortId, long userId) {
        return jdbc.sql("select until from chat_mute where cohort_id = ? and user_id = ? and until > ?")
                .params(cohortId, userId, Timestamp.from(clock.instant()))
                .query((rs, i) -> rs.getTimestamp(1).toInstant()).optional();
    }

    private RoomRow requireMember(long roomId) {
        RoomRow room = jdbc.sql("select id, cohort_id, session_id from chat_room where id = ?").param(roomId)
                .query(RecordRowMapper.of(RoomRow.class)).optional()
                .orElseThrow(() -> new NotFoundException(NOT_FOUND));
        try {
            cohorts.requireAccess(room.cohortId());
        } catch (NotFoundException e) {
            throw new NotFoundException(NOT_FOUND);
        }
        return room;
    }

    private boolean isStaff(long cohortId, AcademyUser caller) {
        return cohorts.requireAccess(cohortId) != CohortAccess.LEARNER;
    }

    private Row find(long messageId, AcademyUser caller) {
        return jdbc.sql(select() + " where m.id = :id").param("id", messageId).param("me", caller.id())
                .query(RecordRowMapper.of(Row.class)).optional().orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    private String select() {
        return """
                select m.id, m.room_id, m.author_id, p.display_name as author_name, m.text, m.created_at, m.edited_at,
                       m.deleted_at, exists (select 1 from chat_mention x where x.message_id = m.id and x.user_id = :me)
                       as mentions_me
                from chat_message m join app_user p on p.id = m.author_id
                """;
    }

    private ChatMessage view(Row r, AcademyUser caller, boolean staff) {
        boolean deleted = r.deletedAt() != null;
        boolean mine = r.authorId() == caller.id();
        boolean canEdit = mine && !deleted && !r.createdAt().plus(editWindow).isBefore(clock.instant());
        return new ChatMessage(r.id(), r.roomId(), r.authorId(), r.authorName(), deleted ? null : r.text(), r.createdAt(),
                r.editedAt(), deleted, mine, canEdit, !deleted && (mine || staff), r.mentionsMe());
    }
}
