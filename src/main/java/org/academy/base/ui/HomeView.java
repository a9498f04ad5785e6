package org.academy.base.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.menu.MenuConfiguration;
import jakarta.annotation.security.PermitAll;

/**
 * The root sends each person to the first screen their role may open, so base needs to know no
 * feature: the menu, already filtered by access control, decides.
 */
@Route("")
@PermitAll
class HomeView extends Div implements BeforeEnterObserver {

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        MenuConfiguration.getMenuEntries().stream().findFirst().ifPresentOrElse(
                entry -> event.forwardTo(entry.path()),
                () -> event.rerouteToError(NotFoundException.class));
    }
}
