package org.academy.base.ui;

import java.util.Optional;

import com.vaadin.flow.component.Component;

/**
 * A section of the instructor's cohort dashboard contributed by a feature (quiz scores, say), shown
 * below the progress grid, so the dashboard does not depend on that feature. Unlike a
 * {@link CohortWidgetProvider}, it appears only on the staff dashboard. The component binds its
 * own live updates and checks access through its own service.
 */
public interface CohortDashboardPanelProvider {

    int order();

    /** The section for this cohort, or empty when the feature has nothing for it. */
    Optional<Component> create(long cohortId);
}
