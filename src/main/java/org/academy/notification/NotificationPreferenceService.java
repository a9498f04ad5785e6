package org.academy.notification;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.academy.base.InvalidRequestException;
import org.academy.notification.NotificationType.EmailMode;
import org.academy.notification.NotificationType.Preference;
import org.academy.security.CurrentUser;
import org.academy.security.SignedIn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each person's channels per notification type, and when their daily digest goes out. */
@Service
public class NotificationPreferenceService {

    static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");
    static final int DEFAULT_DIGEST_HOUR = 8;

    /** When a person's daily digest goes out: the hour in their time zone. */
    public record DigestSettings(String timeZone, int hour) {
    }

    private final JdbcClient jdbc;

    NotificationPreferenceService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The caller's channels for every type they may change. */
    @Transactional(readOnly = true)
    @SignedIn
    public List<Preference> mine() {
        long me = CurrentUser.require().id();
        Map<NotificationType, Preference> stored = stored(me);
        return Arrays.stream(NotificationType.values()).filter(NotificationType::configurable)
                .map(t -> stored.getOrDefault(t, t.defaults())).toList();
    }

    @Transactional
    @SignedIn
    public Preference change(NotificationType type, boolean inApp, EmailMode email) {
        long me = CurrentUser.require().id();
        if (type == null || email == null || !type.configurable()) {
            throw new InvalidRequestException("This notification cannot be changed.");
        }
        save(me, new Preference(type, inApp, email));
        return new Preference(type, inApp, email);
    }

    @Transactional(readOnly = true)
    @SignedIn
    public DigestSettings digestSettings() {
        return settings(CurrentUser.require().id());
    }

    @Transactional
    @SignedIn
    public DigestSettings changeDigest(String timeZone, int hour) {
        long me = CurrentUser.require().id();
        if (hour < 0 || hour > 23) {
            throw new InvalidRequestException("Choose an hour from 0 to 23.");
        }
        String zone;
        try {
            zone = ZoneId.of(timeZone == null ? "" : timeZone.strip()).getId();
        } catch (DateTimeException e) {
            throw new InvalidRequestException("Unknown time zone. Use a name such as Europe/Berlin.");
        }
        jdbc.sql("""
                insert into notification_settings (user_id, time_zone, digest_hour) values (?, ?, ?)
                on conflict (user_id) do update set time_zone = excluded.time_zone, digest_hour = excluded.digest_hour
                """).params(me, zone, hour).update();
        return new DigestSettings(zone, hour);
    }

    // ---- for the notification centre itself --------------------------------------------------------

    Preference effective(long userId, NotificationType type) {
        if (!type.configurable()) {
            return type.defaults();
        }
        return jdbc.sql("select in_app, email from notification_preference where user_id = ? and type = ?")
                .params(userId, type.name())
                .query((rs, n) -> new Preference(type, rs.getBoolean(1), EmailMode.valueOf(rs.getString(2))))
                .optional().orElse(type.defaults());
    }

    /** An unsubscribe link: mail of this type stops; in-app stays as it was. */
    void stopMail(long userId, NotificationType type) {
        Preference current = effective(userId, type);
        save(userId, new Preference(type, current.inApp(), EmailMode.OFF));
    }

    DigestSettings settings(long userId) {
        return jdbc.sql("select time_zone, digest_hour from notification_settings where user_id = ?").param(userId)
                .query((rs, n) -> new DigestSettings(rs.getString(1), rs.getInt(2))).optional()
                .orElse(new DigestSettings(DEFAULT_ZONE.getId(), DEFAULT_DIGEST_HOUR));
    }

    private void save(long userId, Preference p) {
        jdbc.sql("""
                insert into notification_preference (user_id, type, in_app, email) values (?, ?, ?, ?)
                on conflict (user_id, type) do update set in_app = excluded.in_app, email = excluded.email
                """).params(userId, p.type().name(), p.inApp(), p.email().name()).update();
    }

    private Map<NotificationType, Preference> stored(long userId) {
        return jdbc.sql("select type, in_app, email from notification_preference where user_id = ?").param(userId)
                .query((rs, n) -> {
                    try {
                        return new Preference(NotificationType.valueOf(rs.getString(1)), rs.getBoolean(2),
                                EmailMode.valueOf(rs.getString(3)));
                    } catch (IllegalArgumentException e) {
                        return null; // a type since removed
                    }
                }).list().stream().filter(p -> p != null)
                .collect(Collectors.toMap(Preference::type, Function.identity()));
    }
}
