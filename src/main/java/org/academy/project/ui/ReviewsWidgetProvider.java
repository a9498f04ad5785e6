package org.academy.project.ui;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.CohortWidgetProvider;
import org.academy.base.ui.LiveUpdates;
import org.academy.cohort.CohortService;
import org.academy.project.ProjectService;
import org.academy.project.ProjectTopics;
import org.springframework.stereotype.Component;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;

/**
 * On the staff's cohort screens (the dashboard among them): a link to the review queue with the
 * number waiting, kept live. Learners get nothing (an empty, hidden element).
 */
@Component
class ReviewsWidgetProvider implements CohortWidgetProvider {

    private final ProjectService projects;
    private final CohortService cohorts;
    private final TopicHub hub;

    ReviewsWidgetProvider(ProjectService projects, CohortService cohorts, TopicHub hub) {
        this.projects = projects;
        this.cohorts = cohorts;
        this.hub = hub;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public com.vaadin.flow.component.Component create(long cohortId) {
        if (!cohorts.requireAccess(cohortId).isStaff()) {
            Span nothing = new Span();
            nothing.setVisible(false);
            return nothing;
        }
        Anchor link = ReviewQueueView.link(cohortId, "");
        link.setId("reviews-link");
        Runnable refresh = () -> link.setText("Project reviews: " + projects.counts(cohortId).waiting() + " waiting");
        refresh.run();
        LiveUpdates.bind(link, hub, ProjectTopics.cohort(cohortId), events -> refresh.run());
        return link;
    }
}
