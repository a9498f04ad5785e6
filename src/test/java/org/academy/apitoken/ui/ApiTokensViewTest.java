package org.academy.apitoken.ui;

import org.academy.apitoken.ApiTokenService;
import org.academy.apitoken.ApiTokenSummary;
import org.academy.testing.Actors;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;

import static org.assertj.core.api.Assertions.assertThat;

class ApiTokensViewTest extends BrowserlessUiTest {

    @Autowired
    ApiTokenService tokens;

    @Test
    @SuppressWarnings("unchecked")
    void a_person_creates_a_token_sees_it_once_and_revokes_it() {
        World w = fixtures.world(1, 1);
        open(w.instructorA(), "profile/tokens");
        assertThat(find(Button.class).withId("create-organisation-token").all()).isEmpty();

        test(find(TextField.class).withId("token-name").single()).setValue("Wallboard");
        test(find(Button.class).withId("create-token").single()).click();

        String secret = find(TextField.class).withId("new-token-secret").single().getValue();
        assertThat(secret).startsWith("acad_").hasSize(48);
        ApiTokenSummary token = Actors.as(w.instructorA(), tokens::mine).getFirst();
        Grid<ApiTokenSummary> grid = find(Grid.class).withId("tokens").single();
        assertThat(test(grid).size()).isEqualTo(1);
        assertThat(test(grid).getCellText(0, 0)).isEqualTo("Wallboard");
        assertThat(test(grid).getCellText(0, 1)).isEqualTo(token.prefix() + "…").doesNotContain(secret.substring(9));
        assertThat(test(grid).getCellText(0, 4)).isEqualTo("never");

        Button revoke = (Button) test(grid).getCellComponent(0, 5);
        assertThat(revoke.getId()).contains("revoke-" + token.id());
        test(revoke).click();

        assertThat(Actors.as(w.instructorA(), tokens::mine).getFirst().revoked()).isTrue();
        // Opened again, the page shows the token revoked and never its secret.
        open(w.instructorA(), "profile/tokens");
        Grid<ApiTokenSummary> again = find(Grid.class).withId("tokens").single();
        assertThat(test(again).getCellComponent(0, 5)).isInstanceOf(com.vaadin.flow.component.html.Span.class);
    }

    @Test
    void an_org_admin_creates_an_organisation_token_and_a_bad_name_changes_nothing() {
        World w = fixtures.world(1, 1);
        open(w.orgAdminA(), "profile/tokens");

        test(find(TextField.class).withId("token-name").single()).setValue("   ");
        Button create = find(Button.class).withId("create-organisation-token").single();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> test(create).click())
                .isInstanceOf(org.academy.base.InvalidRequestException.class)
                .hasMessage("A token needs a name of 1 to 100 characters.");
        assertThat(Actors.as(w.orgAdminA(), tokens::mine)).isEmpty();

        test(find(TextField.class).withId("token-name").single()).setValue("LMS sync");
        test(find(Button.class).withId("create-organisation-token").single()).click();

        assertThat(Actors.as(w.orgAdminA(), tokens::mine)).singleElement()
                .satisfies(t -> assertThat(t.organisationId()).isEqualTo(w.orgA().id()));
    }
}
