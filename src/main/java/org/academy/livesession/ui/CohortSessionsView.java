package org.academy.livesession.ui;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalLong;

import org.academy.base.NotFoundException;
import org.academy.base.push.TopicHub;
import org.academy.base.ui.Formats;
import org.academy.base.ui.LiveUpdates;
import org.academy.base.ui.RouteIds;
import org.academy.cohort.CohortService;
import org.academy.cohort.CohortSummary;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionEvent;
import org.academy.livesession.SessionSummary;
import org.academy.livesession.SessionTopics;
import org.academy.security.Role;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;

/** An instructor schedules a cohort's live sessions and opens their consoles. */
@Route("cohorts/:cohortId/sessions")
@RolesAllowed({Role.Names.INSTRUCTOR, Role.Names.ADMIN})
class CohortSessionsView extends VerticalLayout implements BeforeEnterObserver, com.vaadin.flow.router.HasDynamicTitle {

    @Override
    public String getPageTitle() {
        return heading.getText().isEmpty() ? "Live sessions · Academy" : heading.getText() + " · Academy";
    }


    private final LiveSessionService sessions;
    private final CohortService cohorts;
    private final TopicHub hub;
    private final H2 heading = new H2();
    private final Grid<SessionSummary> grid = new Grid<>();
    private final TextField title = new TextField("Title");
    private final DateTimePicker startsAt = new DateTimePicker("Starts");
    private final DateTimePicker endsAt = new DateTimePicker("Ends");
    private long cohortId;
    private Registration live;

    CohortSessionsView(LiveSessionService sessions, CohortService cohorts, TopicHub hub, Clock clock) {
        this.sessions = sessions;
        this.cohorts = cohorts;
        this.hub = hub;
        addClassName("page");
        setWidthFull();
        grid.setId("sessions-grid");
        grid.addColumn(SessionSummary::title).setHeader("Session").setAutoWidth(true);
        grid.addColumn(s -> Formats.date(s.startsAt().atZone(ZoneId.systemDefault()).toLocalDate()) + " "
                + Formats.clock(s.startsAt()).substring(0, 5)).setHeader("Starts").setAutoWidth(true);
        grid.addColumn(s -> SessionHeader.label(s.status())).setHeader("Status");
        grid.addComponentColumn(s -> new Anchor("sessions/" + s.id() + "/facilitate", "Open console")).setHeader("");
        grid.setAllRowsVisible(true);

        title.setId("session-title");
        title.setMaxLength(200);
        startsAt.setId("session-starts");
        endsAt.setId("session-ends");
        // In the server's zone, the zone schedule() reads the pickers in.
        LocalDateTime next = LocalDateTime.now(clock.withZone(ZoneId.systemDefault())).withSecond(0).withNano(0).plusMinutes(5);
        startsAt.setValue(next);
        endsAt.setValue(next.plusMinutes(90));
        Button schedule = new Button("Schedule", e -> schedule());
        schedule.setId("schedule-session");
        schedule.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(title, startsAt, endsAt, schedule);
        form.setAlignItems(Alignment.BASELINE);
        form.getStyle().set("flex-wrap", "wrap");
        add(heading, grid, new H3("Schedule a session"), form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        OptionalLong id = RouteIds.get(event, "cohortId");
        if (id.isEmpty()) {
            throw new NotFoundException("This cohort does not exist.");
        }
        CohortSummary cohort = cohorts.requireStaff(id.getAsLong());
        cohortId = cohort.id();
        heading.setText("Live sessions · " + cohort.name());
        refresh();
        if (live != null) {
            live.remove();
        }
        live = LiveUpdates.bind(this, hub, SessionTopics.cohort(cohortId), this::changed);
    }

    private void changed(List<SessionEvent> events) {
        refresh();
    }

    private void refresh() {
        grid.setItems(sessions.sessionsOf(cohortId));
    }

    private void schedule() {
        ZoneId zone = ZoneId.systemDefault();
        sessions.schedule(cohortId, title.getValue(),
                startsAt.getValue() == null ? null : startsAt.getValue().atZone(zone).toInstant(),
                endsAt.getValue() == null ? null : endsAt.getValue().atZone(zone).toInstant());
        title.clear();
    }
}
