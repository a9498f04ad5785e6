package org.academy.poll.ui;

import org.academy.base.push.TopicHub;
import org.academy.livesession.SessionContext;
import org.academy.livesession.SessionPanelProvider;
import org.academy.poll.PollService;
import org.springframework.stereotype.Component;

/** Contributes the polls panel to the live session screens. */
@Component
class PollPanelProvider implements SessionPanelProvider {

    private final PollService polls;
    private final TopicHub hub;

    PollPanelProvider(PollService polls, TopicHub hub) {
        this.polls = polls;
        this.hub = hub;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public com.vaadin.flow.component.Component create(SessionContext context, Seat seat) {
        return new PollPanel(polls, hub, context, seat == Seat.FACILITATOR);
    }
}
