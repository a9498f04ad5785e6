package org.academy.livesession.ui;

import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

import org.academy.base.NotFoundException;
import org.academy.base.push.TopicHub;
import org.academy.base.ui.LiveUpdates;
import org.academy.base.ui.RouteIds;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionContext;
import org.academy.livesession.SessionEvent;
import org.academy.livesession.SessionPanelProvider;
import org.academy.livesession.SessionStatus;
import org.academy.livesession.SessionTopics;

import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.shared.Registration;

/**
 * What the facilitator's and the participant's screens share: loading the session from the route,
 * the header kept live, and the panels of other features laid out in two columns.
 */
abstract class SessionScreen extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    protected final LiveSessionService sessions;
    protected final TopicHub hub;
    private final List<SessionPanelProvider> providers;
    protected final SessionHeader header = new SessionHeader();
    protected final HorizontalLayout toolbar = new HorizontalLayout();
    protected final FlexLayout columns = new FlexLayout();
    protected final VerticalLayout main = new VerticalLayout();
    protected final VerticalLayout side = new VerticalLayout();
    protected SessionContext context;
    private Registration live;

    SessionScreen(LiveSessionService sessions, TopicHub hub, List<SessionPanelProvider> providers) {
        this.sessions = sessions;
        this.hub = hub;
        this.providers = providers.stream().sorted(Comparator.comparingInt(SessionPanelProvider::order)).toList();
        addClassName("page");
        setWidthFull();
        toolbar.setAlignItems(Alignment.CENTER);
        // Items keep to one line each (they wrapped onto two or three lines at 1,280 px).
        toolbar.addClassName("session-toolbar");
        toolbar.setId("session-toolbar");
        columns.setWidthFull();
        columns.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        columns.getStyle().set("gap", "var(--lumo-space-l)");
        main.setPadding(false);
        side.setPadding(false);
        main.getStyle().set("flex", "2 1 32em");
        side.getStyle().set("flex", "1 1 20em");
        columns.add(main, side);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        OptionalLong id = RouteIds.get(event, "sessionId");
        if (id.isEmpty()) {
            throw new NotFoundException("This session does not exist.");
        }
        context = load(id.getAsLong());
        removeAll();
        main.removeAll();
        side.removeAll();
        toolbar.removeAll();
        header.show(context.session());
        add(header, toolbar, columns);
        build();
        addPanels();
        if (live != null) {
            live.remove();
        }
        live = LiveUpdates.bind(this, hub, SessionTopics.session(context.session().id()), this::sessionChanged);
    }

    private void addPanels() {
        main.removeAll();
        for (SessionPanelProvider provider : providers) {
            main.add(provider.create(context, seat()));
        }
    }

    /** Loads the session for the caller; throws not found when they may not be here. */
    abstract SessionContext load(long sessionId);

    abstract SessionPanelProvider.Seat seat();

    /** Adds this screen's own parts (toolbar buttons, side panels). */
    abstract void build();

    /** The session started, ended or changed its settings. */
    void statusChanged() {
    }

    private void sessionChanged(List<SessionEvent> events) {
        if (events.stream().anyMatch(e -> e.kind() == SessionEvent.Kind.STARTED || e.kind() == SessionEvent.Kind.ENDED
                || e.kind() == SessionEvent.Kind.SETTINGS)) {
            SessionStatus before = context.session().status();
            context = sessions.context(context.session().id());
            header.show(context.session());
            if (before != SessionStatus.ENDED && context.session().status() == SessionStatus.ENDED) {
                // The panels were built for a running session (ask box, ballots, poll form): built
                // again for an ended one, they offer nothing that would only be refused.
                addPanels();
            }
            statusChanged();
        }
    }

    @Override
    public String getPageTitle() {
        return context == null ? "Live session · Academy" : context.session().title() + " · Academy";
    }
}
