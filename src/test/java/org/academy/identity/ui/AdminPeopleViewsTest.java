package org.academy.identity.ui;

import org.academy.identity.IdentityService;
import org.academy.identity.OrganisationRow;
import org.academy.identity.PersonRow;
import org.academy.identity.PeopleFilter;
import org.academy.base.InvalidRequestException;
import java.time.Instant;
import java.util.Set;
import org.academy.security.Role;
import org.academy.testing.Actors;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminPeopleViewsTest extends BrowserlessUiTest {

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @Test
    @SuppressWarnings("unchecked")
    void the_last_login_reads_as_time_ago_by_the_application_clock() {
        World w = fixtures.world(1, 1);
        Instant lastLogin = Instant.parse("2031-03-04T09:00:00Z");
        jdbc.sql("update app_user set last_login_at = ? where id = ?")
                .params(java.sql.Timestamp.from(lastLogin), w.studentA().id()).update();
        clock.pin(lastLogin.plusSeconds(3 * 3600 + 59));

        open(w.admin(), "admin/people");
        test(find(TextField.class).withId("people-search").single()).setValue(w.studentA().email());

        Grid<PersonRow> grid = find(Grid.class).withId("people-grid").single();
        assertThat(test(grid).getCellText(0, 5)).isEqualTo("3 h ago");
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_administrator_finds_a_person_deactivates_them_and_the_selection_survives_the_refresh() {
        World w = fixtures.world(2, 1);
        open(w.admin(), "admin/people");

        test(find(TextField.class).withId("people-search").single()).setValue(w.studentA().email());
        Grid<PersonRow> grid = find(Grid.class).withId("people-grid").single();
        assertThat(test(grid).size()).isEqualTo(1);
        test(grid).select(0);
        Button activation = find(Button.class).withId("people-activation").single();
        assertThat(activation.getText()).isEqualTo("Deactivate");

        test(activation).click();

        assertThat(Actors.as(w.admin(), () -> identity.personRow(w.studentA().id())).orElseThrow().active()).isFalse();
        assertThat(grid.asSingleSelect().getValue()).isNotNull().satisfies(p -> assertThat(p.active()).isFalse());
        assertThat(activation.getText()).isEqualTo("Activate");
        assertThat(test(grid).getCellText(0, 4)).isEqualTo("Deactivated");

        test(find(Button.class).withId("people-history").single()).click();
        Grid<org.academy.identity.AdminAuditEntry> history = find(Grid.class).withId("people-history-grid").single();
        assertThat(test(history).size()).isEqualTo(1);
        assertThat(test(history).getCellText(0, 2)).isEqualTo("USER_DEACTIVATED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_reset_shows_a_one_time_link_that_sets_a_new_password_on_the_invitation_page() {
        World w = fixtures.world(1, 1);
        open(w.admin(), "admin/people");
        test(find(TextField.class).withId("people-search").single()).setValue(w.studentA().email());
        test((Grid<PersonRow>) find(Grid.class).withId("people-grid").single()).select(0);

        test(find(Button.class).withId("people-reset").single()).click();
        test(find(ConfirmDialog.class).single()).confirm();

        String link = find(TextField.class).withId("one-time-link-url").single().getValue();
        assertThat(link).contains("/invitation/");
        String path = link.substring(link.indexOf("invitation/"));

        openAnonymously(path);
        assertThat(find(H1.class).single().getText()).isEqualTo("Choose a new password");
        test(find(PasswordField.class).withId("invitation-password").single()).setValue("a brand new secret");
        test(find(PasswordField.class).withId("invitation-repeat").single()).setValue("a brand new secret");
        test(find(Button.class).withId("invitation-save").single()).click();

        assertThat(getCurrentView().getClass().getSimpleName()).isEqualTo("LoginView");
        openAnonymously(path);
        assertThat(find(H1.class).single().getText()).isEqualTo("This link does not work any more");
    }

    @Test
    void a_garbled_or_unknown_invitation_link_says_so_and_nothing_more() {
        openAnonymously("invitation/not-a-token");
        assertThat(find(H1.class).single().getText()).isEqualTo("This link does not work any more");
        openAnonymously("invitation/" + java.util.UUID.randomUUID());
        assertThat(find(H1.class).single().getText()).isEqualTo("This link does not work any more");
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_administrator_creates_and_deactivates_an_organisation() {
        World w = fixtures.world(1, 1);
        open(w.admin(), "admin/organisations");
        String name = "Globex " + System.nanoTime();

        test(find(Button.class).withText("New organisation…").single()).click();
        test(find(TextField.class).withId("organisation-name").single()).setValue(name);
        test(find(Button.class).withId("organisation-save").single()).click();

        test(find(TextField.class).withId("organisations-search").single()).setValue(name);
        Grid<OrganisationRow> grid = find(Grid.class).withId("organisations-grid").single();
        assertThat(test(grid).size()).isEqualTo(1);
        test(grid).select(0);
        test(find(Button.class).withId("organisation-activation").single()).click();
        test(find(ConfirmDialog.class).single()).confirm();

        assertThat(test(grid).getCellText(0, 2)).isEqualTo("Deactivated");
    }

    @Test
    void inviting_someone_whose_email_has_an_account_is_refused_and_creates_nobody() {
        World w = fixtures.world(1, 1);
        int before = Actors.as(w.admin(), () -> identity.countPeople(PeopleFilter.all()));

        assertThatThrownBy(() -> Actors.as(w.admin(), () -> identity.createInvited(null, w.studentA().email().toUpperCase(),
                "Copy", Set.of(Role.STUDENT)))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("already has an account");
        assertThat(Actors.as(w.admin(), () -> identity.countPeople(PeopleFilter.all()))).isEqualTo(before);
    }
}
