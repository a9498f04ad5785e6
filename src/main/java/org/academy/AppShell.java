package org.academy;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * Push is switched on by {@code vaadin.pushMode=automatic}, not by {@code @Push}: the annotation's
 * transport would override the one chosen from {@code academy.push.transport} at UI init.
 */
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("styles/academy.css")
@StyleSheet("styles/connection.css")
class AppShell implements AppShellConfigurator {

    /** The icon is a static file from frontend/ (served at /favicon.ico, which browsers also ask for unprompted). */
    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addFavIcon("icon", "favicon.ico", "32x32");
    }
}
