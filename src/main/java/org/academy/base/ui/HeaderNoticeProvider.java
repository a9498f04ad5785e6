package org.academy.base.ui;

import java.util.Optional;

import com.vaadin.flow.component.Component;

/**
 * A short live notice in the header of every page, contributed by a feature ("Live now — Join"),
 * so the frame does not depend on that feature. Created once per signed-in person and browser tab;
 * the component binds its own live updates and hides itself when it has nothing to say.
 */
public interface HeaderNoticeProvider {

    /** The notice for the signed-in person, or empty when this feature never has one for them. */
    Optional<Component> create();
}
