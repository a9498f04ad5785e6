package org.academy.base.ui;

import java.util.Objects;

import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;

/**
 * The frame around every view. The side navigation is built from {@code @Menu} annotations and
 * lists only the views the current person may open, because Vaadin filters menu entries through
 * the same access control that guards navigation. It is rebuilt if the person changes while the
 * layout lives on (the layout outlives navigations within one browser tab).
 */
@Layout
@AnonymousAllowed
class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final transient AuthenticationContext authentication;
    private final transient java.util.List<NavigationBadgeProvider> badges;
    private final transient java.util.List<HeaderNoticeProvider> notices;
    private final HorizontalLayout noticeArea = new HorizontalLayout();
    private final Scroller navigation = new Scroller();
    private final HorizontalLayout userArea = new HorizontalLayout();
    private Long renderedFor;
    private boolean rendered;

    MainLayout(AuthenticationContext authentication, java.util.List<NavigationBadgeProvider> badges,
               java.util.List<HeaderNoticeProvider> notices) {
        this.authentication = authentication;
        this.badges = badges;
        this.notices = notices;
        setPrimarySection(Section.DRAWER);

        Span brand = new Span("Academy");
        brand.addClassName("academy-brand");
        addToDrawer(brand, navigation);

        HorizontalLayout header = new HorizontalLayout();
        header.addClassName("academy-header");
        header.setWidthFull();
        header.setAlignItems(HorizontalLayout.Alignment.CENTER);
        header.add(new DrawerToggle());
        header.addAndExpand(new Span());
        noticeArea.setAlignItems(HorizontalLayout.Alignment.CENTER);
        header.add(noticeArea);
        userArea.setAlignItems(HorizontalLayout.Alignment.CENTER);
        header.add(userArea);
        addToNavbar(header);
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        Long current = CurrentUser.find().map(AcademyUser::id).orElse(null);
        if (rendered && Objects.equals(current, renderedFor)) {
            return;
        }
        rendered = true;
        renderedFor = current;
        navigation.setContent(sideNav());
        userArea.removeAll();
        noticeArea.removeAll();
        CurrentUser.find().ifPresent(user -> {
            userArea.add(userBadge(user), apiTokens(), logout());
            notices.forEach(n -> n.create().ifPresent(noticeArea::add));
        });

    }

    private SideNav sideNav() {
        SideNav nav = new SideNav();
        nav.addClassName("academy-nav");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = entry.icon() != null
                    ? new SideNavItem(entry.title(), entry.path(), new Icon(entry.icon()))
                    : new SideNavItem(entry.title(), entry.path());
            item.setMatchNested(true);
            for (NavigationBadgeProvider provider : badges) {
                // Menu paths may come with or without a leading slash; providers see them without.
                provider.badgeFor(entry.path().replaceFirst("^/", "")).ifPresent(item::setSuffixComponent);
            }
            nav.addItem(item);
        }
        return nav;
    }

    private static Span userBadge(AcademyUser user) {
        String roles = String.join(", ", user.roleNames()).toLowerCase().replace('_', ' ');
        Span name = new Span(user.displayName() + " · " + roles);
        name.addClassName("academy-user");
        return name;
    }

    /** The person's API tokens (integration API); the page lives in the apitoken feature. */
    private static com.vaadin.flow.component.html.Anchor apiTokens() {
        com.vaadin.flow.component.html.Anchor tokens = new com.vaadin.flow.component.html.Anchor("profile/tokens", "API tokens");
        tokens.setId("api-tokens-link");
        tokens.addClassName("academy-user");
        return tokens;
    }

    private Button logout() {
        Button logout = new Button("Log out", e -> authentication.logout());
        logout.setId("logout");
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return logout;
    }
}
