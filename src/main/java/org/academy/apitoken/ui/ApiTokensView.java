package org.academy.apitoken.ui;

import java.time.Clock;

import org.academy.apitoken.ApiTokenService;
import org.academy.apitoken.ApiTokenSummary;
import org.academy.apitoken.CreatedToken;
import org.academy.base.ui.Formats;
import org.academy.security.CurrentUser;
import org.academy.security.Role;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/**
 * The caller's API tokens: create (named, read-only), see when each was last used, revoke. A new
 * token is shown once in a dialog; the list shows only its first characters.
 */
@Route("profile/tokens")
@PageTitle("API tokens · Academy")
@PermitAll
class ApiTokensView extends VerticalLayout implements BeforeEnterObserver {

    private final ApiTokenService tokens;
    private final transient Clock clock;
    private final Grid<ApiTokenSummary> grid = new Grid<>();
    private final TextField name = new TextField("Name");

    ApiTokensView(ApiTokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
        addClassName("page");
        name.setId("token-name");
        name.setPlaceholder("e.g. BI dashboard");
        name.setMaxLength(ApiTokenService.MAX_NAME);
        Button create = new Button("Create token", e -> created(tokens.create(name.getValue())));
        create.setId("create-token");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, create);
        form.setAlignItems(Alignment.BASELINE);
        if (CurrentUser.find().filter(u -> u.has(Role.ORG_ADMIN) && u.organisationId() != null).isPresent()) {
            Button organisation = new Button("Create organisation token",
                    e -> created(tokens.createForOrganisation(name.getValue())));
            organisation.setId("create-organisation-token");
            form.add(organisation);
        }

        grid.setId("tokens");
        grid.setItems(java.util.List.of());
        grid.addColumn(ApiTokenSummary::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(t -> t.prefix() + "…").setHeader("Token");
        grid.addColumn(t -> t.organisationToken() ? "Organisation reports (read)" : "Read").setHeader("Scope");
        grid.addColumn(t -> Formats.ago(t.createdAt(), clock.instant())).setHeader("Created");
        grid.addColumn(t -> t.lastUsedAt() == null ? "never" : Formats.ago(t.lastUsedAt(), clock.instant()))
                .setHeader("Last used");
        grid.addComponentColumn(t -> {
            if (t.revoked()) {
                return new com.vaadin.flow.component.html.Span("revoked");
            }
            Button revoke = new Button("Revoke", e -> {
                tokens.revoke(t.id());
                refresh();
            });
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            revoke.setId("revoke-" + t.id());
            return revoke;
        }).setHeader("");

        add(new H2("API tokens"),
                new Paragraph("Programs (dashboards, a company LMS, BI) read your data through the integration API "
                        + "with a token: it sees what you may see, reads only, and stops working when you revoke it. "
                        + "See /api/docs for what it can read."),
                form, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        refresh();
    }

    private void created(CreatedToken created) {
        name.clear();
        refresh();
        Dialog dialog = new Dialog();
        dialog.setId("new-token");
        dialog.setHeaderTitle("Token \"" + created.token().name() + "\"");
        TextField secret = new TextField("Token (shown only now)");
        secret.setId("new-token-secret");
        secret.setValue(created.secret());
        secret.setReadOnly(true);
        secret.setWidth("36em");
        secret.addFocusListener(e -> secret.getElement().executeJs("this.inputElement.select()"));
        Button done = new Button("Done", e -> dialog.close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new Paragraph("Copy it now: only a fingerprint of it is kept, so nobody can show it again."), secret);
        dialog.getFooter().add(done);
        dialog.open();
    }

    private void refresh() {
        grid.setItems(tokens.mine());
    }
}
