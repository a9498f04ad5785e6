package org.academy.base.ui;

import com.vaadin.flow.component.Component;

/**
 * A small live part of cohort screens contributed by a feature (who is online, say), so the
 * dashboards and chat show it without depending on that feature's views.
 */
public interface CohortWidgetProvider {

    int order();

    Component create(long cohortId);
}
