package org.academy.livesession.ui;

import java.util.List;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.LiveUpdates;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.PresentPerson;
import org.academy.livesession.SessionEvent;
import org.academy.livesession.SessionTopics;

import com.vaadin.flow.component.avatar.AvatarGroup;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/**
 * Who is here now. Joining happens on attach and leaving on detach, so the count follows open
 * views of the session; several tabs of one person count once.
 */
final class PresencePanel extends HorizontalLayout {

    private static final int AVATARS = 12;

    private final LiveSessionService sessions;
    private final long sessionId;
    private final Span count = new Span();
    private final AvatarGroup avatars = new AvatarGroup();
    private AutoCloseable membership;

    PresencePanel(LiveSessionService sessions, TopicHub hub, long sessionId) {
        this.sessions = sessions;
        this.sessionId = sessionId;
        setAlignItems(Alignment.CENTER);
        count.setId("presence-count");
        // Six faces and "+n" keep the console's toolbar on one line; the overflow lists the others.
        avatars.setMaxItemsVisible(6);
        add(count, avatars);
        addAttachListener(e -> {
            membership = sessions.join(sessionId);
            refresh();
        });
        addDetachListener(e -> leave());
        LiveUpdates.bind(this, hub, SessionTopics.session(sessionId), this::changed);
    }

    private void changed(List<SessionEvent> events) {
        if (events.stream().anyMatch(e -> e.kind() == SessionEvent.Kind.PRESENCE)) {
            refresh();
        }
    }

    void refresh() {
        List<PresentPerson> here = sessions.present(sessionId);
        long learners = here.stream().filter(p -> !p.staff()).count();
        count.setText(learners + (learners == 1 ? " learner here" : " learners here"));
        // A dozen faces and a count: sending every participant to every participant is N² on a big session.
        avatars.setItems(here.stream().limit(AVATARS).map(p -> new AvatarGroup.AvatarGroupItem(p.displayName())).toList());
    }

    private void leave() {
        if (membership != null) {
            try {
                membership.close();
            } catch (Exception ignored) {
                // Leaving only updates memory; nothing to recover.
            }
            membership = null;
        }
    }
}
