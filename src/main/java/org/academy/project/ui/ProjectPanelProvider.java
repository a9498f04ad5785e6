package org.academy.project.ui;

import java.util.Optional;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.LessonPanelProvider;
import org.academy.project.ProjectService;
import org.springframework.stereotype.Component;

/** Puts a lesson's project (brief, the learner's submission and feedback) on the lesson page. */
@Component
class ProjectPanelProvider implements LessonPanelProvider {

    private final ProjectService projects;
    private final TopicHub hub;

    ProjectPanelProvider(ProjectService projects, TopicHub hub) {
        this.projects = projects;
        this.hub = hub;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> create(long cohortId, long lessonId) {
        return projects.page(cohortId, lessonId).map(page -> new ProjectPanel(projects, hub, page));
    }
}
