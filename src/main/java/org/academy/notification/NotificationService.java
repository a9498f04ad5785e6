package org.academy.notification;

import org.academy.security.SignedIn;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.academy.base.RecordRowMapper;
import org.academy.notification.NotificationType.EmailMode;
import org.academy.notification.NotificationType.Preference;
import org.academy.base.TextInput;
import org.academy.base.push.TopicHub;
import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * In-app notifications: stored per person, pushed to their open screens after commit. Other
 * features create them inside their own transaction (a mention is stored with its message), so a
 * notification exists exactly when the thing it points to does, and is created once.
 */
@Service
public class NotificationService {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TopicHub hub;
    private final Clock clock;
    private final NotificationPreferenceService preferences;
    private final MailOutbox mail;

    NotificationService(JdbcClient jdbc, ApplicationEventPublisher events, TopicHub hub, Clock clock,
                        NotificationPreferenceService preferences, MailOutbox mail) {
        this.jdbc = jdbc;
        this.events = events;
        this.hub = hub;
        this.clock = clock;
        this.preferences = preferences;
        this.mail = mail;
    }

    /**
     * Runs in the requesting feature's transaction (a plain listener is called synchronously): the
     * in-app row and the mail row commit or roll back with the change. Each channel as the person
     * chose; the notice's key makes a second request for the same event change nothing.
     */
    @EventListener
    void requested(NotificationRequested request) {
        Notice notice = request.notice();
        Preference channels = preferences.effective(request.userId(), notice.type());
        if (channels.inApp()) {
            String t = TextInput.truncate(notice.text(), 500);
            String link = notice.secretLink() ? null : notice.link();
            jdbc.sql("""
                    insert into notification (user_id, kind, text, link, created_at, event_key, urgent) values (?, ?, ?, ?, ?, ?, ?)
                    on conflict (event_key, user_id) where event_key is not null do nothing
                    returning id
                    """).params(request.userId(), notice.type().name(), t, link, Timestamp.from(clock.instant()),
                            notice.key(), notice.urgent())
                    .query(Long.class).optional()
                    .ifPresent(id -> events.publishEvent(new NotificationCreated(request.userId(), id, t, link, notice.urgent())));
        }
        if (channels.email() != EmailMode.OFF) {
            jdbc.sql("select email from app_user where id = ? and active").param(request.userId()).query(String.class)
                    .optional()
                    .ifPresent(address -> mail.queue(request.userId(), address, notice, channels.email(), clock.instant()));
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void committed(NotificationCreated event) {
        hub.publish(NotificationTopics.user(event.userId()), event);
    }

    /** The caller's latest notifications, newest first. */
    @Transactional(readOnly = true)
    @SignedIn
    public List<NotificationView> mine(int limit) {
        AcademyUser caller = CurrentUser.require();
        return jdbc.sql("""
                select id, kind, text, link, created_at, read_at is not null as read
                from notification where user_id = ? order by id desc limit ?
                """).params(caller.id(), Math.max(1, Math.min(limit, 200)))
                .query(RecordRowMapper.of(NotificationView.class)).list();
    }

    @Transactional(readOnly = true)
    @SignedIn
    public int unreadCount() {
        AcademyUser caller = CurrentUser.require();
        return jdbc.sql("select count(*) from notification where user_id = ? and read_at is null")
                .param(caller.id()).query(Integer.class).single();
    }

    @Transactional
    @SignedIn
    public void markAllRead() {
        AcademyUser caller = CurrentUser.require();
        jdbc.sql("update notification set read_at = ? where user_id = ? and read_at is null")
                .params(Timestamp.from(clock.instant()), caller.id()).update();
        // Through the after-commit listener like every change: open badges reload and must find them read.
        events.publishEvent(new NotificationCreated(caller.id(), 0, "", null));
    }
}
