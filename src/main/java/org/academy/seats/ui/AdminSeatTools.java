package org.academy.seats.ui;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.academy.base.ui.Pickers;
import org.academy.base.ui.Formats;
import org.academy.cohort.CohortService;
import org.academy.cohort.CohortSummary;
import org.academy.course.CourseOutline;
import org.academy.course.CourseService;
import org.academy.identity.IdentityService;
import org.academy.identity.OrganisationSummary;
import org.academy.seats.SeatPoolSummary;
import org.academy.seats.SeatService;
import org.academy.security.CurrentUser;
import org.academy.security.Role;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;

/**
 * The parts of the Seats page only platform administrators get: choosing the organisation,
 * creating a pool, and enrolling the holders of a course-wide pool into a cohort. For anyone else
 * the components are hidden (and the services refuse the calls anyway).
 */
class AdminSeatTools {

    private final SeatService seats;
    private final IdentityService identity;
    private final CourseService courses;
    private final CohortService cohorts;
    private final ComboBox<OrganisationSummary> organisation;
    private final Clock clock;

    AdminSeatTools(SeatService seats, IdentityService identity, CourseService courses, CohortService cohorts,
                   Clock clock) {
        this.seats = seats;
        // Today as the pickers show dates: in the server's zone, like every date on screen (Formats).
        this.clock = clock.withZone(ZoneId.systemDefault());
        this.identity = identity;
        this.courses = courses;
        this.cohorts = cohorts;
        this.organisation = Pickers.lazy("Organisation", (text, page) -> identity.organisations(text, page).stream()
                .map(r -> new OrganisationSummary(r.id(), r.name(), r.active())), OrganisationSummary::name);
    }

    private static boolean admin() {
        return CurrentUser.find().map(u -> u.has(Role.ADMIN)).orElse(false);
    }

    Component organisationPicker(LongConsumer chosen) {
        organisation.setId("seat-organisation");
        organisation.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                chosen.accept(e.getValue().id());
            }
        });
        organisation.setVisible(admin());
        return organisation;
    }

    void showOrganisation(long id) {
        organisation.setVisible(admin());
        identity.findOrganisation(id).ifPresentOrElse(organisation::setValue, organisation::clear);
    }

    Component poolActions(LongSupplier organisationId, Supplier<SeatPoolSummary> pool, Runnable refresh) {
        Button create = new Button("New pool…", VaadinIcon.PLUS.create(), e -> createPool(organisationId.getAsLong(), refresh));
        create.setId("seat-pool-create");
        Button enrol = new Button("Enrol holders into a cohort…", VaadinIcon.GROUP.create(), e -> {
            if (pool.get() == null) {
                Notification.show("Select a pool first.");
                return;
            }
            enrolHolders(pool.get(), refresh);
        });
        Button change = new Button("Change seats or validity…", VaadinIcon.EDIT.create(), e -> {
            if (pool.get() == null) {
                Notification.show("Select a pool first.");
                return;
            }
            changePool(pool.get(), refresh);
        });
        change.setId("seat-pool-change");
        HorizontalLayout bar = new HorizontalLayout(create, change, enrol);
        bar.setVisible(admin());
        return bar;
    }

    private void createPool(long organisationId, Runnable refresh) {
        if (organisationId < 0) {
            Notification.show("Choose an organisation first.");
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New seat pool");
        ComboBox<CourseOutline> course = new ComboBox<>("Course");
        course.setItems(courses.publishedCourses());
        course.setItemLabelGenerator(CourseOutline::title);
        course.setWidth("24em");
        ComboBox<CohortSummary> cohort = new ComboBox<>("Cohort (empty: any cohort of the course)");
        cohort.setItemLabelGenerator(c -> c.name() + " · " + Formats.dateRange(c.startsOn(), c.endsOn()));
        cohort.setWidth("24em");
        course.addValueChangeListener(e -> cohort.setItems(e.getValue() == null ? java.util.List.of()
                : cohorts.cohortsOfCourse(e.getValue().id())));
        IntegerField count = new IntegerField("Seats bought");
        count.setMin(1);
        count.setMax(100_000);
        count.setValue(10);
        LocalDate today = LocalDate.now(clock);
        DatePicker from = new DatePicker("Valid from", today);
        DatePicker until = new DatePicker("Valid until", today.plusMonths(6));
        Button save = new Button("Create pool", e -> {
            if (course.getValue() == null || count.getValue() == null) {
                Notification.show("Choose a course and a number of seats.");
                return;
            }
            seats.createPool(organisationId, course.getValue().id(),
                    cohort.getValue() == null ? null : cohort.getValue().id(), count.getValue(), from.getValue(),
                    until.getValue());
            dialog.close();
            refresh.run();
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(course, cohort, count, new HorizontalLayout(from, until)));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void changePool(SeatPoolSummary pool, Runnable refresh) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Pool " + pool.id() + ": " + pool.assigned() + " of " + pool.bought() + " seats assigned");
        IntegerField count = new IntegerField("Seats bought");
        count.setId("seat-pool-seats");
        count.setMin(Math.max(1, pool.assigned()));
        count.setMax(100_000);
        count.setValue(pool.bought());
        DatePicker until = new DatePicker("Valid until", pool.validUntil());
        Button save = new Button("Save", e -> {
            seats.changePool(pool.id(), count.getValue() == null ? 0 : count.getValue(), until.getValue());
            dialog.close();
            refresh.run();
        });
        save.setId("seat-pool-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(count, until));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void enrolHolders(SeatPoolSummary pool, Runnable refresh) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Enrol the holders of pool " + pool.id());
        ComboBox<CohortSummary> cohort = new ComboBox<>("Cohort");
        cohort.setItems(cohorts.cohortsOfCourse(pool.courseId()));
        cohort.setItemLabelGenerator(c -> c.name() + " · " + Formats.dateRange(c.startsOn(), c.endsOn()));
        cohort.setWidth("24em");
        Button save = new Button("Enrol", e -> {
            if (cohort.getValue() == null) {
                return;
            }
            int n = seats.enrolHolders(pool.id(), cohort.getValue().id());
            Notification.show(n + " holders enrolled into " + cohort.getValue().name() + ".");
            dialog.close();
            refresh.run();
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(cohort);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}
