package org.academy.presence.ui;

import java.time.Clock;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.CohortWidgetProvider;
import org.academy.presence.PresenceService;
import org.springframework.stereotype.Component;

/** Puts "who is online" on every cohort screen that shows cohort widgets. */
@Component
class PresenceWidgetProvider implements CohortWidgetProvider {

    private final PresenceService presence;
    private final TopicHub hub;
    private final Clock clock;

    PresenceWidgetProvider(PresenceService presence, TopicHub hub, Clock clock) {
        this.presence = presence;
        this.hub = hub;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public com.vaadin.flow.component.Component create(long cohortId) {
        return new PresenceWidget(presence, hub, clock, cohortId);
    }
}
