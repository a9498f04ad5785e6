package org.academy.base.ui;

import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;

/**
 * The frame around every view. The side navigation is built from {@code @Menu} annotations and
 * lists only the views the current person may open, because Vaadin filters menu entries through
 * the same access control that guards navigation.
 */
@Layout
@AnonymousAllowed
class MainLayout extends AppLayout {

    MainLayout(AuthenticationContext authentication) {
        setPrimarySection(Section.DRAWER);

        Span brand = new Span("Academy");
        brand.addClassName("academy-brand");
        addToDrawer(brand, navigation());

        HorizontalLayout header = new HorizontalLayout();
        header.addClassName("academy-header");
        header.setWidthFull();
        header.setAlignItems(HorizontalLayout.Alignment.CENTER);
        header.add(new DrawerToggle());
        Span spacer = new Span();
        header.addAndExpand(spacer);
        CurrentUser.find().ifPresent(user -> header.add(userBadge(user), logout(authentication)));
        addToNavbar(header);
    }

    private static SideNav navigation() {
        SideNav nav = new SideNav();
        nav.addClassName("academy-nav");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = entry.icon() != null
                    ? new SideNavItem(entry.title(), entry.path(), new Icon(entry.icon()))
                    : new SideNavItem(entry.title(), entry.path());
            nav.addItem(item);
        }
        return nav;
    }

    private static Span userBadge(AcademyUser user) {
        Span name = new Span(user.displayName() + " · " + String.join(", ", user.roleNames()).toLowerCase().replace('_', ' '));
        name.addClassName("academy-user");
        return name;
    }

    private static Button logout(AuthenticationContext authentication) {
        Button logout = new Button("Log out", e -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return logout;
    }
}
