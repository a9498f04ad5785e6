package org.academy.presence.ui;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.Formats;
import org.academy.base.ui.LiveUpdates;
import org.academy.base.ui.UiConnections;
import org.academy.presence.MemberPresence;
import org.academy.presence.PresenceChanged;
import org.academy.presence.PresenceHandle;
import org.academy.presence.PresenceService;
import org.academy.presence.PresenceTopics;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.shared.Registration;

/**
 * Who of the cohort is online, with initials, and when the others were last seen. Being on a page
 * with this widget is what makes a person online; the page's push connection (and Vaadin's
 * heartbeat) say they still are, without a request from the browser (decision 15).
 */
final class PresenceWidget extends VerticalLayout {

    /** Only where no push connection is watched (browserless tests): the browser's poll. */
    static final int PING_MILLIS = 4000;
    private static final int FACES = 16;

    private final PresenceService presence;
    private final Clock clock;
    private final long cohortId;
    private final Span summary = new Span();
    private final HorizontalLayout faces = new HorizontalLayout();
    private final Div away = new Div();
    private PresenceHandle handle;
    private Registration polling;

    PresenceWidget(PresenceService presence, TopicHub hub, Clock clock, long cohortId) {
        this.presence = presence;
        this.clock = clock;
        this.cohortId = cohortId;
        setPadding(false);
        setSpacing(false);
        addClassName("presence");
        summary.setId("online-count-" + cohortId);
        summary.addClassName("live-status");
        faces.getStyle().set("flex-wrap", "wrap");
        faces.setSpacing(false);
        faces.getStyle().set("gap", "var(--lumo-space-xs)");
        Details others = new Details("Last seen", away);
        add(summary, faces, others);
        LiveUpdates.bind(this, hub, PresenceTopics.cohort(cohortId), this::changed);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        handle = presence.join(cohortId);
        polling = UiConnections.whileConnected(event.getUI(), PING_MILLIS, handle::ping);
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        if (handle != null) {
            handle.close();
            handle = null;
        }
    }

    private void changed(List<PresenceChanged> events) {
        refresh();
    }

    private void refresh() {
        List<MemberPresence> members;
        try {
            members = presence.members(cohortId);
        } catch (org.academy.base.NotFoundException noLongerMember) {
            // Removed from the cohort while the page was open: show no one rather than an error.
            summary.setText("");
            faces.removeAll();
            away.removeAll();
            return;
        }
        List<MemberPresence> here = members.stream().filter(MemberPresence::online).toList();
        summary.setText(here.size() + " of " + members.size() + " online");
        faces.removeAll();
        here.stream().limit(FACES).forEach(m -> {
            Avatar avatar = new Avatar(m.displayName());
            avatar.setTooltipEnabled(true);
            avatar.addThemeName("xsmall");
            avatar.getElement().setAttribute("data-user", Long.toString(m.userId()));
            faces.add(avatar);
        });
        away.removeAll();
        Instant now = clock.instant();
        members.stream().filter(m -> !m.online()).limit(30).forEach(m -> {
            Div line = new Div();
            line.setText(m.displayName() + " · " + (m.lastSeenAt() == null ? "not seen yet" : "last seen " + Formats.ago(m.lastSeenAt(), now)));
            line.addClassName("live-status");
            away.add(line);
        });
    }
}
