package org.academy.notification.ui;

import java.time.ZoneId;
import java.util.stream.IntStream;

import org.academy.base.InvalidRequestException;
import org.academy.notification.NotificationPreferenceService;
import org.academy.notification.NotificationPreferenceService.DigestSettings;
import org.academy.notification.NotificationType.EmailMode;
import org.academy.notification.NotificationType.Preference;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** Per type: in the app or not, and by mail each time, in the daily digest, or not; and when the digest comes. */
@Route("notifications/preferences")
@PageTitle("Notification preferences · Academy")
@PermitAll
class NotificationPreferencesView extends VerticalLayout {

    private final NotificationPreferenceService preferences;
    private final Grid<Preference> grid = new Grid<>();
    private final ComboBox<String> zone = new ComboBox<>("Time zone");
    private final Select<Integer> hour = new Select<>();

    NotificationPreferencesView(NotificationPreferenceService preferences) {
        this.preferences = preferences;
        addClassName("page");
        grid.setId("notification-preferences");
        grid.addColumn(p -> p.type().label()).setHeader("Notification").setFlexGrow(2);
        grid.addComponentColumn(p -> {
            Checkbox inApp = new Checkbox(p.inApp());
            inApp.setId("in-app-" + p.type().name());
            inApp.setAriaLabel("In the app: " + p.type().label());
            inApp.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    change(new Preference(p.type(), e.getValue(), current(p).email()));
                }
            });
            return inApp;
        }).setHeader("In the app").setAutoWidth(true);
        grid.addComponentColumn(p -> {
            Select<EmailMode> email = new Select<>();
            email.setId("email-" + p.type().name());
            email.setAriaLabel("By mail: " + p.type().label());
            email.setItems(EmailMode.values());
            email.setItemLabelGenerator(EmailMode::label);
            email.setValue(p.email());
            email.addValueChangeListener(e -> {
                if (e.isFromClient() && e.getValue() != null) {
                    change(new Preference(p.type(), current(p).inApp(), e.getValue()));
                }
            });
            return email;
        }).setHeader("By mail").setAutoWidth(true);
        grid.setAllRowsVisible(true);

        zone.setId("digest-zone");
        zone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        zone.setAllowCustomValue(false);
        hour.setId("digest-hour");
        hour.setLabel("Hour");
        hour.setItems(IntStream.range(0, 24).boxed().toList());
        hour.setItemLabelGenerator(h -> String.format("%02d:00", h));
        Button save = new Button("Save digest time", e -> saveDigest());
        save.setId("save-digest");
        DigestSettings d = preferences.digestSettings();
        zone.setValue(d.timeZone());
        hour.setValue(d.hour());
        HorizontalLayout digest = new HorizontalLayout(zone, hour, save);
        digest.setAlignItems(Alignment.BASELINE);

        grid.setItems(preferences.mine());
        add(new H2("Notification preferences"), new Anchor("notifications", "← Notifications"), grid,
                new H3("Daily digest"),
                new Paragraph("Types set to “Daily digest” arrive together in one mail a day, at this hour in your time zone."),
                digest, new H3("Calendar"), new Anchor("calendar-feed", "Your private calendar feed of live sessions"));
    }

    private Preference current(Preference row) {
        return preferences.mine().stream().filter(p -> p.type() == row.type()).findFirst().orElse(row);
    }

    private void change(Preference p) {
        try {
            preferences.change(p.type(), p.inApp(), p.email());
            Notification.show("Saved.");
        } catch (InvalidRequestException e) {
            Notification.show(e.getMessage());
        }
        grid.setItems(preferences.mine());
    }

    private void saveDigest() {
        try {
            DigestSettings s = preferences.changeDigest(zone.getValue(), hour.getValue() == null ? -1 : hour.getValue());
            Notification.show("Your digest comes at " + String.format("%02d:00", s.hour()) + " " + s.timeZone() + ".");
        } catch (InvalidRequestException e) {
            Notification.show(e.getMessage());
        }
    }
}
