package org.academy.base.ui;

import java.util.Optional;

import com.vaadin.flow.component.Component;

/**
 * A part of the lesson page contributed by a feature (a quiz, a project brief), shown below the
 * lesson's content, so the lesson page does not depend on those features' views. The component
 * checks access through its own service; it is created per page view.
 */
public interface LessonPanelProvider {

    int order();

    /** The panel for this lesson in this cohort, or empty when the feature has nothing for it. */
    Optional<Component> create(long cohortId, long lessonId);
}
