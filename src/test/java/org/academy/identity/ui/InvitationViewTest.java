package org.academy.identity.ui;

import java.util.UUID;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.PasswordField;
import org.academy.identity.IdentityService;
import org.academy.testing.Actors;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class InvitationViewTest extends BrowserlessUiTest {

    @Autowired
    IdentityService identity;

    @Test
    void a_hundred_accented_letters_are_refused_on_the_page_with_the_byte_limit_explained() {
        World w = fixtures.world(1, 1);
        UUID link = Actors.as(w.admin(), () -> identity.resetPassword(w.studentA().id()));
        openAnonymously("invitation/" + link);
        String accented = "ñ".repeat(100);

        PasswordField password = find(PasswordField.class).withId("invitation-password").single();
        test(password).setValue(accented);
        test(find(PasswordField.class).withId("invitation-repeat").single()).setValue(accented);
        test(find(Button.class).withId("invitation-save").single()).click();

        assertThat(password.isInvalid()).isTrue();
        assertThat(password.getErrorMessage()).startsWith("That password is too long: at most 72 bytes");
        assertThat(password.getHelperText()).contains("at most 72 bytes");
        assertThat(getCurrentView()).isInstanceOf(InvitationView.class);
        assertThat(identity.invitation(link)).isPresent();
    }
}
