package org.academy.livesession.ui;

import java.util.List;
import java.util.Optional;

import org.academy.base.NotFoundException;
import org.academy.base.push.TopicHub;
import org.academy.base.ui.HeaderNoticeProvider;
import org.academy.base.ui.LiveUpdates;
import org.academy.cohort.CohortService;
import org.academy.cohort.CohortSummary;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionEvent;
import org.academy.livesession.SessionStatus;
import org.academy.livesession.SessionSummary;
import org.academy.livesession.SessionTopics;
import org.academy.security.CurrentUser;
import org.academy.security.Role;
import org.springframework.stereotype.Component;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.shared.Registration;

/**
 * "Live now — Join" in the header of every page a learner opens, for each live session of their
 * cohorts; it appears when a session starts and goes when it ends, by push. Hidden on the session's
 * own page, where it would only point at itself.
 */
@Component
class LiveNowNoticeProvider implements HeaderNoticeProvider {

    private final LiveSessionService sessions;
    private final CohortService cohorts;
    private final TopicHub hub;

    LiveNowNoticeProvider(LiveSessionService sessions, CohortService cohorts, TopicHub hub) {
        this.sessions = sessions;
        this.cohorts = cohorts;
        this.hub = hub;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> create() {
        if (CurrentUser.find().filter(u -> u.has(Role.STUDENT)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LiveNowNotice(sessions, hub, CurrentUser.require().id(),
                cohorts.myCohorts().stream().map(CohortSummary::id).toList()));
    }

    static final class LiveNowNotice extends HorizontalLayout {

        private final LiveSessionService sessions;
        private final long userId;
        private final List<Long> cohortIds;
        private String location = "";
        private Registration navigation;

        LiveNowNotice(LiveSessionService sessions, TopicHub hub, long userId, List<Long> cohortIds) {
            this.sessions = sessions;
            this.userId = userId;
            this.cohortIds = cohortIds;
            setId("live-now-notice");
            addClassName("live-now-notice");
            setAlignItems(Alignment.CENTER);
            setSpacing(false);
            // Polite: a session starting is news, not an emergency.
            getElement().setAttribute("role", "status");
            getElement().setAttribute("aria-live", "polite");
            for (long cohortId : cohortIds) {
                LiveUpdates.bind(this, hub, SessionTopics.cohort(cohortId), events -> {
                    if (events.stream().anyMatch(e -> e.kind() == SessionEvent.Kind.STARTED
                            || e.kind() == SessionEvent.Kind.ENDED)) {
                        refresh();
                    }
                });
            }
            refresh();
        }

        @Override
        protected void onAttach(AttachEvent event) {
            location = event.getUI().getActiveViewLocation().getPath();
            navigation = event.getUI().addAfterNavigationListener(e -> {
                location = e.getLocation().getPath();
                refresh();
            });
            refresh();
        }

        @Override
        protected void onDetach(DetachEvent event) {
            if (navigation != null) {
                navigation.remove();
                navigation = null;
            }
        }

        void refresh() {
            removeAll();
            // The header outlives navigations: another person may have signed in on this tab (the
            // layout then builds a new notice), or this one may have left a cohort since.
            if (CurrentUser.find().filter(u -> u.id() == userId).isEmpty()) {
                return;
            }
            for (long cohortId : cohortIds) {
                List<SessionSummary> ofCohort;
                try {
                    ofCohort = sessions.sessionsOf(cohortId);
                } catch (NotFoundException noLonger) {
                    continue;
                }
                for (SessionSummary s : ofCohort) {
                    if (s.status() == SessionStatus.LIVE && !location.equals("sessions/" + s.id())) {
                        Span live = new Span("Live now: " + s.title() + " —");
                        live.addClassName("live-now-label");
                        Anchor join = new Anchor("sessions/" + s.id(), "Join");
                        join.setId("live-now-join-" + s.id());
                        join.addClassName("live-now-join");
                        add(live, join);
                    }
                }
            }
            // Never hidden: a live region must already be on the page for its news to be read out.
        }
    }
}
