package org.academy.base.ui;

import com.vaadin.flow.component.Component;

/**
 * A control contributed by a feature to the course editor for the lesson being edited (a project
 * brief, a quiz), so the editor does not depend on those features. Created each time a lesson is
 * opened; it saves through its own service.
 */
public interface LessonAuthoringProvider {

    int order();

    Component create(long courseId, long lessonId);
}
