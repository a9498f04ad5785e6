package org.academy.base.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How times and dates read on screen, the same everywhere. */
public final class Formats {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private Formats() {
    }

    public static String date(LocalDate date) {
        return DATE.format(date);
    }

    /** A date as the reader's language writes it: "Tue 1 Dec 2026" in English, "Di., 1. Dez. 2026" in German. */
    public static String date(LocalDate date, Locale locale) {
        return isEnglish(locale) ? date(date)
                : DateTimeFormatter.ofPattern("EEE, d. MMM yyyy", locale).format(date);
    }

    /** Date and hour:minute in the reader's language, in the server's zone. */
    public static String dateAndTime(Instant instant, Locale locale) {
        return date(instant.atZone(ZoneId.systemDefault()).toLocalDate(), locale) + " " + clock(instant).substring(0, 5);
    }

    private static boolean isEnglish(Locale locale) {
        return locale == null || locale.getLanguage().equals(Locale.ENGLISH.getLanguage());
    }

    public static String dateRange(LocalDate from, LocalDate to, Locale locale) {
        return from.equals(to) ? date(from, locale) : date(from, locale) + " – " + date(to, locale);
    }

    public static String dateRange(LocalDate from, LocalDate to) {
        return from.equals(to) ? date(from) : date(from) + " – " + date(to);
    }

    public static String clock(Instant instant) {
        return CLOCK.format(instant);
    }

    /** Date and time, for records that outlive the day (audit trails). */
    public static String dateTime(Instant instant) {
        return instant == null ? "" : DATE.format(instant.atZone(ZoneId.systemDefault()).toLocalDate()) + " " + clock(instant);
    }

    /** A span of time, roughly: "45 min", "3 h", "1 day", "2 days". */
    public static String between(Instant from, Instant to) {
        Duration d = Duration.between(from, to).abs();
        if (d.toHours() < 1) {
            return Math.max(1, d.toMinutes()) + " min";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h";
        }
        return d.toDays() == 1 ? "1 day" : d.toDays() + " days";
    }

    /** "just now", "5 min ago", "3 h ago", "2 days ago", or "never". */
    public static String ago(Instant then, Instant now) {
        if (then == null) {
            return "never";
        }
        Duration d = Duration.between(then, now);
        if (d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min ago";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h ago";
        }
        return d.toDays() == 1 ? "1 day ago" : d.toDays() + " days ago";
    }
}
