package org.academy.livesession.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.Formats;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionContext;
import org.academy.livesession.SessionPanelProvider;
import org.academy.livesession.SessionStatus;
import org.academy.livesession.SessionSummary;
import org.academy.security.Role;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** The instructor's console for one live session: run it, poll, moderate Q&A, announce, watch the room. */
@Route("sessions/:sessionId/facilitate")
@RolesAllowed({Role.Names.INSTRUCTOR, Role.Names.ADMIN})
class FacilitatorView extends SessionScreen {

    private final Button start = new Button("Start session");
    private final Button end = new Button("End session");
    private final Checkbox moderated = new Checkbox("Approve questions first");
    private final Anchor summary = new Anchor();

    /** Starting earlier than this before the scheduled start asks first. */
    static final Duration EARLY = Duration.ofMinutes(30);

    private final Clock clock;

    FacilitatorView(LiveSessionService sessions, TopicHub hub, List<SessionPanelProvider> providers, Clock clock) {
        super(sessions, hub, providers);
        this.clock = clock;
        start.setId("start-session");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        start.addClickListener(e -> startOrAsk());
        end.setId("end-session");
        end.addThemeVariants(ButtonVariant.LUMO_ERROR);
        end.addClickListener(e -> confirmEnd());
        moderated.setId("qa-moderated");
        moderated.setTooltipText("Approve questions before the cohort sees them");
        moderated.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                sessions.setQaModerated(context.session().id(), e.getValue());
            }
        });
        summary.setText("Summary and CSV export");
        summary.setId("summary-link");
    }

    @Override
    SessionContext load(long sessionId) {
        return sessions.requireStaff(sessionId);
    }

    @Override
    SessionPanelProvider.Seat seat() {
        return SessionPanelProvider.Seat.FACILITATOR;
    }

    @Override
    void build() {
        long id = context.session().id();
        summary.setHref("sessions/" + id + "/summary");
        toolbar.add(start, end, moderated, summary, new PresencePanel(sessions, hub, id));
        side.add(new ReactionsPanel(sessions, hub, id, true),
                new AnnouncementsPanel(sessions, hub, id, context.session().cohortId(), true));
        statusChanged();
    }

    @Override
    void statusChanged() {
        SessionStatus status = context.session().status();
        start.setVisible(status == SessionStatus.SCHEDULED);
        end.setVisible(status == SessionStatus.LIVE);
        moderated.setValue(context.session().qaModerated());
        moderated.setEnabled(status != SessionStatus.ENDED);
    }

    /**
     * Starting tells the whole cohort "Live now"; a click on the wrong day's session (a day early,
     * or long after it was due to end) asks first instead of surprising everyone.
     */
    private void startOrAsk() {
        SessionSummary s = context.session();
        Instant now = clock.instant();
        String when = Formats.dateTime(s.startsAt());
        String question = null;
        if (now.isBefore(s.startsAt().minus(EARLY))) {
            question = "This session is scheduled for " + when + ", " + Formats.between(now, s.startsAt())
                    + " from now. Start it now and tell the cohort it is live?";
        } else if (now.isAfter(s.endsAt())) {
            question = "This session was scheduled for " + when + " and was due to end "
                    + Formats.between(s.endsAt(), now) + " ago. Start it now and tell the cohort it is live?";
        }
        if (question == null) {
            sessions.start(s.id());
            return;
        }
        ConfirmDialog dialog = new ConfirmDialog("Start at a different time?", question, "Start now",
                e -> sessions.start(s.id()));
        dialog.setId("confirm-early-start");
        dialog.setCancelable(true);
        dialog.setCancelText("Not yet");
        dialog.open();
    }

    private void confirmEnd() {
        ConfirmDialog dialog = new ConfirmDialog("End the session?",
                "Participants can no longer vote, ask or react. The summary stays available.", "End session",
                e -> sessions.end(context.session().id()));
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }
}
