package org.academy.identity.ui;

import java.util.Optional;
import java.util.UUID;

import org.academy.base.InvalidRequestException;
import org.academy.identity.IdentityService;
import org.academy.identity.InvitationDetails;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * Where an invited person, or one whose password an administrator reset, chooses a password. The
 * link's token is the only credential, so the page says nothing about an invalid token beyond
 * "expired or used", and a used link cannot be used again.
 */
@Route(value = "invitation/:token", autoLayout = false)
@PageTitle("Choose a password · Academy")
@AnonymousAllowed
class InvitationView extends VerticalLayout implements BeforeEnterObserver {

    private final IdentityService identity;
    private UUID token;

    InvitationView(IdentityService identity) {
        this.identity = identity;
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        token = event.getRouteParameters().get("token").flatMap(InvitationView::parse).orElse(null);
        Optional<InvitationDetails> details = Optional.ofNullable(token).flatMap(identity::invitation);
        if (details.isEmpty()) {
            add(new H1("This link does not work any more"),
                    new Paragraph("It has expired or was already used. Ask your administrator for a new one."),
                    new Button("Go to log in", e -> e.getSource().getUI().ifPresent(ui -> ui.navigate("login"))));
            return;
        }
        InvitationDetails d = details.get();
        PasswordField password = new PasswordField("New password");
        password.setId("invitation-password");
        password.setHelperText("At least " + IdentityService.MIN_PASSWORD + " characters; at most "
                + IdentityService.MAX_PASSWORD_BYTES + " bytes (accented letters, other scripts and emoji count 2 to 4 each).");
        password.setMinLength(IdentityService.MIN_PASSWORD);
        PasswordField repeated = new PasswordField("Repeat the password");
        repeated.setId("invitation-repeat");
        Button save = new Button("Set password", e -> save(password, repeated));
        save.setId("invitation-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setDisableOnClick(true);
        add(new H1(d.reset() ? "Choose a new password" : "Welcome, " + d.displayName()),
                new Paragraph("For " + d.email() + "."), password, repeated, save);
    }

    private void save(PasswordField password, PasswordField repeated) {
        try {
            identity.acceptInvitation(token, password.getValue(), repeated.getValue());
            Notification.show("Password set. Log in with your email and the new password.");
            getUI().ifPresent(ui -> ui.navigate("login"));
        } catch (InvalidRequestException refused) {
            password.setInvalid(true);
            password.setErrorMessage(refused.getMessage());
            getChildren().filter(c -> c instanceof Button).map(Button.class::cast).forEach(b -> b.setEnabled(true));
        }
    }

    private static Optional<UUID> parse(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException notAToken) {
            return Optional.empty();
        }
    }
}
