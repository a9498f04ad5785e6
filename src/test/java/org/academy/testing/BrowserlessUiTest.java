package org.academy.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.academy.identity.PersonSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.internal.MockVaadin;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import java.util.Map;

/** Views in a simulated browser session, with the real services and database behind them. */
@IntegrationTest
public abstract class BrowserlessUiTest extends SpringBrowserlessTest {

    @Autowired
    protected Fixtures fixtures;

    /** The application's Clock: pin it to say what "now" is on screen. Released after each test. */
    @Autowired
    protected TestClock clock;

    /** Logs the person in, as the login form would, and starts on the given path. */
    protected HasElement open(PersonSummary person, String path) {
        if (person == null) {
            Actors.logout();
        } else {
            Actors.login(person);
        }
        UI.getCurrent().navigate(path);
        return getCurrentView();
    }

    /** As {@link #open(PersonSummary, String)}, with query parameters ({@code ?key=value}). */
    protected HasElement open(PersonSummary person, String path, Map<String, String> query) {
        Actors.login(person);
        UI.getCurrent().navigate(path, QueryParameters.simple(query));
        return getCurrentView();
    }

    protected HasElement openAnonymously(String path) {
        return open(null, path);
    }

    /**
     * Runs what push callbacks queued for this UI until the condition holds. A queued update that
     * fails fails the test: updates run as the view's user (see {@link PushAsSubscriber}), whichever
     * thread runs them.
     */
    protected void awaitPush(String what, BooleanSupplier condition) {
        Eventually.await(what, Duration.ofSeconds(15), () -> {
            MockVaadin.runUIQueue();
            return condition.getAsBoolean();
        });
    }

    /**
     * Start every test logged out. Not at the end: the simulated UI is closed after each test and
     * may run pushed updates then, which call services as the person still logged in.
     */
    @BeforeEach
    void logoutBeforeEach() {
        Actors.logout();
    }

    @AfterEach
    void releaseTheClock() {
        clock.release();
    }
}
