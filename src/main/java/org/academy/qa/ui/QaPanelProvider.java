package org.academy.qa.ui;

import org.academy.base.push.TopicHub;
import org.academy.livesession.SessionContext;
import org.academy.livesession.SessionPanelProvider;
import org.academy.qa.QaService;
import org.springframework.stereotype.Component;

/** Contributes the Q&A panel to the live session screens. */
@Component
class QaPanelProvider implements SessionPanelProvider {

    private final QaService qa;
    private final TopicHub hub;

    QaPanelProvider(QaService qa, TopicHub hub) {
        this.qa = qa;
        this.hub = hub;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public com.vaadin.flow.component.Component create(SessionContext context, Seat seat) {
        return new QaPanel(qa, hub, context, seat == Seat.FACILITATOR);
    }
}
