package org.academy.livesession.ui;

import java.util.List;

import org.academy.base.push.TopicHub;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionContext;
import org.academy.livesession.SessionPanelProvider;
import org.academy.livesession.SessionStatus;
import org.academy.security.Role;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** A learner in a live session: announcements, polls, Q&A and reactions, all live. */
@Route("sessions/:sessionId")
@RolesAllowed(Role.Names.STUDENT)
class ParticipantView extends SessionScreen {

    private final Span state = new Span();
    private ReactionsPanel reactions;

    ParticipantView(LiveSessionService sessions, TopicHub hub, List<SessionPanelProvider> providers) {
        super(sessions, hub, providers);
        state.setId("participant-state");
        state.addClassName("live-status");
    }

    @Override
    SessionContext load(long sessionId) {
        return sessions.requireLearner(sessionId);
    }

    @Override
    SessionPanelProvider.Seat seat() {
        return SessionPanelProvider.Seat.PARTICIPANT;
    }

    @Override
    void build() {
        long id = context.session().id();
        toolbar.add(state, new PresencePanel(sessions, hub, id));
        side.add(new AnnouncementsPanel(sessions, hub, id, context.session().cohortId(), false));
        reactions = null;
        statusChanged();
    }

    @Override
    void statusChanged() {
        // Reactions only while live: they appear when the session starts and go when it ends.
        boolean live = context.session().status() == SessionStatus.LIVE;
        if (live && reactions == null) {
            reactions = new ReactionsPanel(sessions, hub, context.session().id(), false);
            side.addComponentAsFirst(reactions);
        } else if (!live && reactions != null) {
            side.remove(reactions);
            reactions = null;
        }
        state.setText(getTranslation("session.state." + context.session().status().name().toLowerCase(java.util.Locale.ROOT)));
    }
}
