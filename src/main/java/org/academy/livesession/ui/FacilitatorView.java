package org.academy.livesession.ui;

import java.util.List;

import org.academy.base.push.TopicHub;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionContext;
import org.academy.livesession.SessionPanelProvider;
import org.academy.livesession.SessionStatus;
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
    private final Checkbox moderated = new Checkbox("Approve questions before the cohort sees them");
    private final Anchor summary = new Anchor();

    FacilitatorView(LiveSessionService sessions, TopicHub hub, List<SessionPanelProvider> providers) {
        super(sessions, hub, providers);
        start.setId("start-session");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        start.addClickListener(e -> sessions.start(context.session().id()));
        end.setId("end-session");
        end.addThemeVariants(ButtonVariant.LUMO_ERROR);
        end.addClickListener(e -> confirmEnd());
        moderated.setId("qa-moderated");
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

    private void confirmEnd() {
        ConfirmDialog dialog = new ConfirmDialog("End the session?",
                "Participants can no longer vote, ask or react. The summary stays available.", "End session",
                e -> sessions.end(context.session().id()));
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }
}
