package org.academy.security.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.academy.security.DatabaseOutage;
import org.academy.security.LoginThrottledException;
import org.springframework.security.web.WebAttributes;

@Route(value = "login", autoLayout = false)
@PageTitle("Log in · Academy")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm login = new LoginForm();

    LoginView() {
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        add(new H1("Academy"), new Paragraph("Cohort workshops, live."), login);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        // Spring Security redirects back here with ?error after a failed attempt, and keeps why in
        // the session: a throttled attempt says how long to wait instead of "wrong password".
        boolean failed = event.getLocation().getQueryParameters().getParameters().containsKey("error");
        LoginI18n i18n = LoginI18n.createDefault();
        if (failed && lastFailure() instanceof LoginThrottledException throttled) {
            i18n.getErrorMessage().setTitle("Too many attempts");
            i18n.getErrorMessage().setMessage("Too many attempts, try again in "
                    + LoginThrottledException.minutes(throttled.retryAfter()) + ".");
        } else if (failed && lastFailure() instanceof Throwable t && DatabaseOutage.isCause(t)) {
            // The password could not be checked at all: "incorrect password" would send people hunting for typos.
            i18n.getErrorMessage().setTitle(DatabaseOutage.HEADING);
            i18n.getErrorMessage().setMessage(DatabaseOutage.MESSAGE);
        }
        login.setI18n(i18n);
        login.setError(failed);
    }

    private static Object lastFailure() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null || session.getSession() == null ? null
                : session.getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    }
}
