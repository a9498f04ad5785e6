package org.academy.base.ui;

import java.util.Optional;

import com.vaadin.flow.component.Component;

/**
 * A live figure beside a side-navigation entry (unread messages, say), contributed by the
 * feature that owns the entry, so the layout needs to know no feature.
 */
public interface NavigationBadgeProvider {

    /** A badge for the menu entry with this path, or empty if the entry is not this provider's. */
    Optional<Component> badgeFor(String path);
}
