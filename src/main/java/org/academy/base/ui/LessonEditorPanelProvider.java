package org.academy.base.ui;

import java.util.Optional;

import com.vaadin.flow.component.Component;

/**
 * A part of the course editor for the selected lesson contributed by a feature (its quiz, say), so
 * the editor does not depend on that feature. The component checks access through its own service;
 * it is created each time a lesson is opened in the editor.
 */
public interface LessonEditorPanelProvider {

    int order();

    /** The panel for this lesson of this course, or empty when the feature has nothing to edit there. */
    Optional<Component> create(long courseId, long lessonId);
}
