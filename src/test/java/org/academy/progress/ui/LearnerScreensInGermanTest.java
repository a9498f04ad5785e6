package org.academy.progress.ui;

import java.util.Locale;

import org.academy.livesession.SessionSummary;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;

import static org.assertj.core.api.Assertions.assertThat;

/** The learner's and participant's screens speak German to a German browser, and English otherwise. */
class LearnerScreensInGermanTest extends BrowserlessUiTest {

    @Autowired
    Sessions sessions;

    World world;

    @BeforeEach
    void setUp() {
        world = fixtures.world(3, 2);
    }

    @Test
    void a_german_learner_reads_the_start_page_the_lesson_and_the_live_session_in_german() {
        SessionSummary live = sessions.liveSessionOfA(world);
        UI.getCurrent().setLocale(Locale.GERMAN);

        open(world.studentA(), "learn");
        assertThat(find(H2.class).single().getText()).isEqualTo("Mein Lernen");
        assertThat(find(Button.class).withId("join-session-" + live.id()).single().getText()).isEqualTo("Jetzt teilnehmen");
        assertThat(find(Span.class).withId("live-now-" + live.id()).single().getText()).isEqualTo("Jetzt live: Live Q&A");
        assertThat(find(Span.class).all()).anySatisfy(s -> assertThat(s.getText()).isEqualTo("Ihr Fortschritt"));
        // Dates follow the locale: German day and month names.
        assertThat(find(Span.class).all()).anySatisfy(s -> assertThat(s.getText()).contains("Dez. 2026"));

        open(world.studentA(), "learn/" + world.cohortA().id() + "/lesson/" + world.courseA().lessons().getFirst().id());
        assertThat(find(Button.class).withId("mark-complete").single().getText()).isEqualTo("Als erledigt markieren");
        test(find(Button.class).withId("mark-complete").single()).click();
        assertThat(find(Span.class).withId("completion-status").single().getText()).isEqualTo("Sie haben diese Lektion abgeschlossen.");

        open(world.studentA(), "sessions/" + live.id());
        assertThat(find(Span.class).withId("participant-state").single().getText()).isEqualTo("Sie sind in der Live-Sitzung.");
        assertThat(find(Span.class).withId("session-status").single().getText()).isEqualTo("Jetzt live");
        assertThat(find(com.vaadin.flow.component.textfield.TextArea.class).withId("chat-input").single().getPlaceholder())
                .startsWith("Nachricht an alle in dieser Sitzung");
        assertThat(find(Button.class).withId("ask").single().getText()).isEqualTo("Fragen");
    }

    @Test
    void any_other_language_reads_english() {
        UI.getCurrent().setLocale(Locale.FRENCH);
        open(world.studentA(), "learn");
        assertThat(find(H2.class).single().getText()).isEqualTo("My learning");
        assertThat(find(Span.class).all()).anySatisfy(s -> assertThat(s.getText()).isEqualTo("Your progress"));
    }
}
