package org.academy.notification.ui;

import java.util.Set;

import org.academy.identity.IdentityService;
import org.academy.notification.NotificationPreferenceService;
import org.academy.notification.NotificationType;
import org.academy.notification.NotificationType.EmailMode;
import org.academy.notification.OutgoingMail;
import org.academy.security.Role;
import org.academy.security.SystemActor;
import org.academy.testing.Actors;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;

import static org.assertj.core.api.Assertions.assertThat;

/** The preferences page, the notification list and the admin's Outgoing mail page, in a simulated browser. */
class NotificationViewsTest extends BrowserlessUiTest {

    @Autowired
    NotificationPreferenceService preferences;
    @Autowired
    IdentityService identity;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;
    @Autowired
    org.springframework.context.ApplicationEventPublisher publisher;

    @Test
    @SuppressWarnings("unchecked")
    void a_learner_turns_mentions_out_of_the_app_into_the_digest_and_sets_the_digest_hour() {
        World w = fixtures.world();
        open(w.studentA(), "notifications/preferences");
        Grid<NotificationType.Preference> grid = find(Grid.class).withId("notification-preferences").single();
        assertThat(test(grid).size()).isEqualTo((int) java.util.Arrays.stream(NotificationType.values())
                .filter(NotificationType::configurable).count());
        assertThat(test(grid).getRow(0).type()).isEqualTo(NotificationType.MENTION);

        test((Checkbox) test(grid).getCellComponent(0, 1)).click();
        test((Select<EmailMode>) test(grid).getCellComponent(0, 2)).selectItem("Off");
        test(find(ComboBox.class).withId("digest-zone").single()).selectItem("Europe/Berlin");
        test((Select<Integer>) find(Select.class).withId("digest-hour").single()).selectItem("07:00");
        test(find(Button.class).withId("save-digest").single()).click();

        NotificationType.Preference mention = Actors.as(w.studentA(), () -> preferences.mine()).getFirst();
        assertThat(mention).isEqualTo(new NotificationType.Preference(NotificationType.MENTION, false, EmailMode.OFF));
        assertThat(Actors.as(w.studentA(), () -> preferences.digestSettings()))
                .isEqualTo(new NotificationPreferenceService.DigestSettings("Europe/Berlin", 7));
        // Someone else's are untouched.
        assertThat(Actors.as(w.studentsA().get(1), () -> preferences.mine()).getFirst()).isEqualTo(NotificationType.MENTION.defaults());
    }

    @Test
    void the_admin_sees_that_mail_is_not_being_sent_and_what_waits() {
        World w = fixtures.world();
        String email = "waiting-" + System.nanoTime() + "@example.test";
        SystemActor.call(() -> identity.createInvited(w.orgA().id(), email, "Waiting Person", Set.of(Role.STUDENT)));
        open(w.admin(), "admin/outgoing-mail");
        assertThat(find(Paragraph.class).withId("mail-state").single().getText())
                .contains("Mail is not being sent: no SMTP server is configured")
                .contains("Sent mail is deleted after 30 days, parked mail after 90 days.");
        @SuppressWarnings("unchecked")
        Grid<OutgoingMail> grid = find(Grid.class).withId("outgoing-mail").single();
        boolean listed = false;
        for (int i = 0; i < test(grid).size(); i++) {
            OutgoingMail m = test(grid).getRow(i);
            listed |= m.toAddress().equals(email) && m.status().equals("QUEUED") && m.type().equals("INVITATION");
        }
        assertThat(listed).as("the queued invitation is listed").isTrue();
    }

    @Test
    void the_list_groups_notifications_by_day() {
        World w = fixtures.world();
        open(w.studentA(), "notifications");
        assertThat(find(H4.class).all()).isEmpty();
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx -> publisher.publishEvent(
                new org.academy.notification.NotificationRequested(w.studentA().id(),
                        new org.academy.notification.ProjectFeedbackNotice(System.nanoTime(), 1, "Feedback is ready", "learn"))));
        open(w.studentA(), "notifications");
        assertThat(find(H4.class).all()).hasSize(1);
        assertThat(find(H4.class).single().getText())
                .isEqualTo(org.academy.base.ui.Formats.date(java.time.LocalDate.now()));
        assertThat(find(com.vaadin.flow.component.html.Anchor.class).all())
                .anyMatch(a -> a.getHref().equals("learn") && a.getText().equals("Feedback is ready"))
                .anyMatch(a -> a.getHref().equals("notifications/preferences"));
    }
}
