package org.academy.livesession;

import com.vaadin.flow.component.Component;

/**
 * A part of the live session screens contributed by another feature (polls, Q&A), so the session
 * views compose them without depending on those features: they depend on this package, not the
 * other way round. Implementations are Spring beans that create a fresh component per view.
 */
public interface SessionPanelProvider {

    enum Seat { FACILITATOR, PARTICIPANT }

    /** Position among the panels, smallest first. */
    int order();

    Component create(SessionContext context, Seat seat);
}
