package org.academy.livesession.ui;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.Formats;
import org.academy.base.ui.LiveUpdates;
import org.academy.cohort.CohortService;
import org.academy.cohort.CohortSummary;
import org.academy.livesession.SessionAgendaService;
import org.academy.livesession.SessionEvent;
import org.academy.livesession.SessionStatus;
import org.academy.livesession.SessionSummary;
import org.academy.livesession.SessionTopics;
import org.academy.security.Role;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;

/**
 * The instructor's way to their live sessions: every live and upcoming session of the cohorts they
 * teach, each one click from its console. Kept live: a session scheduled, started or ended in any
 * of those cohorts reloads the list.
 */
@Route("live-sessions")
@PageTitle("Live sessions · Academy")
@Menu(order = 2.5, title = "Live sessions", icon = "vaadin:play-circle")
@RolesAllowed({Role.Names.INSTRUCTOR, Role.Names.ADMIN})
class LiveSessionsView extends VerticalLayout {

    private final SessionAgendaService agenda;
    private final CohortService cohorts;
    private final TopicHub hub;
    private final Div list = new Div();
    private final List<Registration> live = new ArrayList<>();

    LiveSessionsView(SessionAgendaService agenda, CohortService cohorts, TopicHub hub) {
        this.agenda = agenda;
        this.cohorts = cohorts;
        this.hub = hub;
        addClassName("page");
        setWidthFull();
        list.setId("agenda");
        list.addClassName("agenda");
        add(new H2("Live sessions"), list);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        for (CohortSummary cohort : cohorts.staffCohorts()) {
            live.add(LiveUpdates.bind(this, hub, SessionTopics.cohort(cohort.id()), this::changed));
        }
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        live.forEach(Registration::remove);
        live.clear();
    }

    private void changed(List<SessionEvent> events) {
        refresh();
    }

    private void refresh() {
        list.removeAll();
        List<SessionSummary> sessions = agenda.upcomingAndLive();
        if (sessions.isEmpty()) {
            Paragraph none = new Paragraph("No live or upcoming sessions. Schedule one from a cohort's dashboard → Live sessions.");
            none.setId("agenda-empty");
            list.add(none);
        }
        sessions.forEach(s -> list.add(card(s)));
    }

    static Div card(SessionSummary s) {
        Div card = new Div();
        card.setId("agenda-" + s.id());
        card.addClassNames("agenda-card", s.isLive() ? "agenda-live" : "agenda-upcoming");
        Span status = new Span(s.isLive() ? "Live now" : "Scheduled");
        status.getElement().getThemeList().add(s.isLive() ? "badge success" : "badge contrast");
        H3 title = new H3(s.title());
        Span when = new Span(s.cohortName() + " · " + Formats.date(s.startsAt().atZone(ZoneId.systemDefault()).toLocalDate())
                + " " + Formats.clock(s.startsAt()).substring(0, 5) + "–" + Formats.clock(s.endsAt()).substring(0, 5));
        when.addClassName("live-status");
        Anchor console = new Anchor("sessions/" + s.id() + "/facilitate",
                s.status() == SessionStatus.LIVE ? "Open console" : "Open console to start");
        console.setId("agenda-" + s.id() + "-console");
        console.addClassName("agenda-action");
        card.add(status, title, when, console);
        return card;
    }
}
