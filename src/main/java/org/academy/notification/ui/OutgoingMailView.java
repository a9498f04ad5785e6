package org.academy.notification.ui;

import org.academy.base.InvalidRequestException;
import org.academy.base.ui.Formats;
import org.academy.notification.MailStatus;
import org.academy.notification.OutgoingMail;
import org.academy.notification.OutgoingMailService;
import org.academy.security.Role;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** Mail that waits: queued, being sent, or parked after its last attempt with the error; retry here. */
@Route("admin/outgoing-mail")
@PageTitle("Outgoing mail · Academy")
@Menu(order = 8.7, title = "Outgoing mail", icon = "vaadin:envelope")
@RolesAllowed(Role.Names.ADMIN)
class OutgoingMailView extends VerticalLayout {

    private final OutgoingMailService mail;
    private final Paragraph state = new Paragraph();
    private final Grid<OutgoingMail> grid = new Grid<>(OutgoingMail.class, false);
    private final Button retryAll = new Button("Retry all parked");

    OutgoingMailView(OutgoingMailService mail) {
        this.mail = mail;
        addClassName("page");
        state.setId("mail-state");
        grid.setId("outgoing-mail");
        grid.addColumn(OutgoingMail::status).setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(OutgoingMail::toAddress).setHeader("To").setAutoWidth(true);
        grid.addColumn(OutgoingMail::subject).setHeader("Subject").setFlexGrow(2);
        grid.addColumn(OutgoingMail::attempts).setHeader("Attempts").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(m -> Formats.dateTime(m.nextAttemptAt())).setHeader("Next attempt").setAutoWidth(true);
        grid.addColumn(m -> m.lastError() == null ? "" : m.lastError()).setHeader("Last error").setFlexGrow(2);
        grid.addComponentColumn(m -> {
            if (!"PARKED".equals(m.status())) {
                return new com.vaadin.flow.component.html.Span();
            }
            Button retry = new Button("Retry", e -> retry(m.id()));
            retry.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return retry;
        }).setHeader("").setAutoWidth(true).setFlexGrow(0);
        retryAll.setId("retry-all-parked");
        retryAll.addClickListener(e -> {
            int n = mail.retryAllParked();
            Notification.show(n + " mail" + (n == 1 ? "" : "s") + " back in the queue.");
            reload();
        });
        Button refresh = new Button("Refresh", e -> reload());
        add(new H2("Outgoing mail"), state, new HorizontalLayout(retryAll, refresh), grid);
        setSizeFull();
        reload();
    }

    private void retry(long id) {
        try {
            mail.retry(id);
            Notification.show("Back in the queue.");
        } catch (InvalidRequestException e) {
            Notification.show(e.getMessage());
        }
        reload();
    }

    private void reload() {
        MailStatus s = mail.status();
        StringBuilder text = new StringBuilder();
        if (!s.sending()) {
            text.append("Mail is not being sent: no SMTP server is configured (spring.mail.host). It stays queued until one is. ");
        } else if (s.lastError() != null) {
            text.append("The last attempt failed: ").append(s.lastError()).append(". ");
        }
        text.append(s.queued()).append(" queued, ").append(s.parked()).append(" parked, ")
                .append(s.sentToday()).append(" sent in the last 24 hours.");
        if (s.oldestQueued() != null) {
            text.append(" Oldest queued since ").append(Formats.dateTime(s.oldestQueued())).append('.');
        }
        text.append(" Sent mail is deleted after ").append(age(s.keepSent()))
                .append(", parked mail after ").append(age(s.keepParked())).append('.');
        state.setText(text.toString());
        retryAll.setEnabled(s.parked() > 0);
        grid.setItems(mail.waiting());
    }

    /** Retention ages are at least a day and usually whole days. */
    private static String age(java.time.Duration d) {
        if (d.toHours() % 24 == 0) {
            long days = d.toDays();
            return days + (days == 1 ? " day" : " days");
        }
        long hours = d.toHours();
        return hours + (hours == 1 ? " hour" : " hours");
    }
}
