package org.academy.livesession.ui;

import org.academy.base.ui.Formats;
import org.academy.livesession.SessionStatus;
import org.academy.livesession.SessionSummary;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/** Title, cohort, times and a status badge of a session. */
final class SessionHeader extends HorizontalLayout {

    private final H2 title = new H2();
    private final Span status = new Span();
    private final Span when = new Span();
    private final Anchor addToCalendar = new Anchor();

    SessionHeader() {
        setAlignItems(Alignment.BASELINE);
        status.setId("session-status");
        when.addClassName("live-status");
        addToCalendar.setText("Add to calendar");
        addToCalendar.setId("add-to-calendar");
        // A file from a Spring MVC endpoint (CalendarController), not a route.
        addToCalendar.setRouterIgnore(true);
        addToCalendar.getElement().setAttribute("download", true);
        add(title, status, when, addToCalendar);
    }

    void show(SessionSummary s) {
        title.setText(s.title());
        addToCalendar.setHref("calendar/session/" + s.id() + ".ics");
        addToCalendar.setVisible(s.status() == SessionStatus.SCHEDULED);
        status.setText(getTranslation("session.status." + s.status().name().toLowerCase(java.util.Locale.ROOT)));
        status.getElement().getThemeList().clear();
        status.getElement().getThemeList().add("badge " + (s.status() == SessionStatus.LIVE ? "success primary"
                : s.status() == SessionStatus.ENDED ? "contrast" : ""));
        when.setText(s.cohortName() + " · " + Formats.clock(s.startsAt()).substring(0, 5) + "–"
                + Formats.clock(s.endsAt()).substring(0, 5) + " · "
                + Formats.date(s.startsAt().atZone(java.time.ZoneId.systemDefault()).toLocalDate(), getLocale()));
    }

    static String label(SessionStatus status) {
        return switch (status) {
            case SCHEDULED -> "Scheduled";
            case LIVE -> "Live now";
            case ENDED -> "Ended";
        };
    }
}
