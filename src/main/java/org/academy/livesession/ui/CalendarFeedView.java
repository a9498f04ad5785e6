package org.academy.livesession.ui;

import org.academy.livesession.CalendarService;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** The caller's private calendar feed of their cohorts' live sessions: create, replace, stop. */
@Route("calendar-feed")
@PageTitle("Calendar feed · Academy")
@PermitAll
class CalendarFeedView extends VerticalLayout {

    private final CalendarService calendars;
    private final Paragraph state = new Paragraph();
    private final TextField address = new TextField("Feed address (shown once; copy it into your calendar app)");
    private final Button renew = new Button();
    private final Button stop = new Button("Stop the feed");

    CalendarFeedView(CalendarService calendars) {
        this.calendars = calendars;
        addClassName("page");
        state.setId("calendar-feed-state");
        address.setId("calendar-feed-address");
        address.setReadOnly(true);
        address.setWidthFull();
        address.setVisible(false);
        renew.setId("calendar-feed-renew");
        renew.addClickListener(e -> {
            address.setValue(calendars.renewFeed());
            address.setVisible(true);
            show();
        });
        stop.setId("calendar-feed-stop");
        stop.addClickListener(e -> {
            calendars.revokeFeed();
            address.clear();
            address.setVisible(false);
            show();
        });
        add(new H2("Calendar feed"), new Anchor("notifications/preferences", "← Notification preferences"),
                new Paragraph("Subscribe to this address in your calendar app (Google, Outlook, Apple) to see your "
                        + "cohorts' live sessions, kept up to date when they move or are cancelled. Anyone with the "
                        + "address can read it: replace it or stop it if it leaks."),
                state, address, new HorizontalLayout(renew, stop));
        show();
    }

    private void show() {
        boolean has = calendars.hasFeed();
        state.setText(has ? "Your feed is on." : "You have no feed.");
        renew.setText(has ? "Replace the address (the old one stops)" : "Create a feed address");
        stop.setEnabled(has);
    }
}
