package org.academy.cohort.ui;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.academy.base.ui.Pickers;
import org.academy.base.ui.Formats;
import org.academy.base.ui.LazyGrids;
import org.academy.base.ui.SearchFields;
import org.academy.cohort.CohortLearner;
import org.academy.cohort.CohortService;
import org.academy.cohort.CohortSummary;
import org.academy.course.CourseOutline;
import org.academy.course.CourseService;
import org.academy.identity.IdentityService;
import org.academy.identity.PeopleFilter;
import org.academy.identity.PersonRow;
import org.academy.identity.PersonSummary;
import org.academy.security.Role;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/**
 * Platform administrators run cohorts: create one for a published course with its dates and
 * instructors, change it, enrol learners by email, and move a learner to another cohort of the
 * same course (their progress comes with them).
 */
@Route("admin/cohorts")
@PageTitle("Manage cohorts · Academy")
@Menu(order = 8.5, title = "Manage cohorts", icon = "vaadin:calendar-user")
@RolesAllowed(Role.Names.ADMIN)
class CohortAdminView extends VerticalLayout implements BeforeEnterObserver {

    private final CohortService cohorts;
    private final CourseService courses;
    private final IdentityService identity;
    private final Grid<CohortSummary> grid = new Grid<>();
    private final TextField search = SearchFields.create("admin-cohorts-search", "Search cohorts or courses",
            () -> grid.getDataProvider().refreshAll());
    private final Grid<PersonSummary> instructors = new Grid<>();
    private final Grid<CohortLearner> learners = new Grid<>();
    private final H3 detailTitle = new H3();
    private final VerticalLayout detail = new VerticalLayout();
    private final Clock clock;

    CohortAdminView(CohortService cohorts, CourseService courses, IdentityService identity, Clock clock) {
        this.cohorts = cohorts;
        // Today as the pickers show dates: in the server's zone, like every date on screen (Formats).
        this.clock = clock.withZone(ZoneId.systemDefault());
        this.courses = courses;
        this.identity = identity;
        addClassName("page");
        setWidthFull();

        grid.setId("admin-cohorts");
        grid.addColumn(CohortSummary::name).setHeader("Cohort").setAutoWidth(true).setSortProperty("name");
        grid.addColumn(CohortSummary::courseTitle).setHeader("Course").setAutoWidth(true).setSortProperty("course");
        grid.addColumn(c -> Formats.dateRange(c.startsOn(), c.endsOn())).setHeader("Dates").setAutoWidth(true)
                .setSortProperty("starts");
        grid.addColumn(CohortSummary::learnerCount).setHeader("Learners");
        grid.addColumn(c -> String.join(", ", c.instructorNames())).setHeader("Instructors").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setHeight("20em");
        grid.setMultiSort(false);
        grid.setItems(q -> cohorts.cohorts(search.getValue(), LazyGrids.paging(q)).stream(),
                q -> cohorts.countCohorts(search.getValue())).setIdentifierProvider(CohortSummary::id);
        grid.asSingleSelect().addValueChangeListener(e -> showDetail());

        instructors.setId("admin-cohort-instructors");
        instructors.addColumn(PersonSummary::displayName).setHeader("Instructor").setAutoWidth(true);
        instructors.addComponentColumn(p -> new Button("Remove", e -> {
            cohorts.removeInstructor(selected().id(), p.id());
            refresh();
        })).setHeader("");
        instructors.setAllRowsVisible(true);

        learners.setId("admin-cohort-learners");
        learners.addColumn(CohortLearner::displayName).setHeader("Learner").setAutoWidth(true).setSortable(true);
        learners.addColumn(CohortLearner::email).setHeader("Email").setAutoWidth(true);
        learners.addComponentColumn(l -> {
            Button move = new Button("Move…", e -> move(l));
            move.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            return move;
        }).setHeader("");
        learners.setAllRowsVisible(true);

        Button create = new Button("New cohort…", VaadinIcon.PLUS.create(), e -> edit(null));
        create.setId("cohort-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        ComboBox<PersonRow> addInstructor = peoplePicker("Add instructor", Role.INSTRUCTOR);
        addInstructor.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                cohorts.addInstructor(selected().id(), e.getValue().id());
                addInstructor.clear();
                refresh();
            }
        });
        ComboBox<PersonRow> enrol = peoplePicker("Enrol learner (name or email)", Role.STUDENT);
        enrol.setId("cohort-enrol");
        enrol.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                cohorts.enrol(selected().id(), e.getValue().id());
                Notification.show(e.getValue().displayName() + " enrolled.");
                enrol.clear();
                refresh();
            }
        });
        Button editCohort = new Button("Edit name and dates…", VaadinIcon.EDIT.create(), e -> edit(selected()));
        detail.setPadding(false);
        detail.add(detailTitle, editCohort, new HorizontalLayout(instructors, addInstructor), enrol, learners);
        detail.setVisible(false);
        add(new H2("Manage cohorts"), new HorizontalLayout(create, search), grid, detail);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        grid.deselectAll();
        grid.getDataProvider().refreshAll();
        detail.setVisible(false);
    }

    private CohortSummary selected() {
        return grid.asSingleSelect().getValue();
    }

    private ComboBox<PersonRow> peoplePicker(String label, Role role) {
        return Pickers.lazy(label, (text, page) -> identity.people(new PeopleFilter(text, null, role, true), page).stream(),
                p -> p.displayName() + " · " + p.email());
    }

    private void refresh() {
        // The grid keeps the selection by id; the detail shows the fresh figures.
        long id = selected().id();
        grid.getDataProvider().refreshAll();
        grid.deselectAll();
        grid.select(cohorts.cohort(id));
    }

    private void showDetail() {
        CohortSummary c = selected();
        detail.setVisible(c != null);
        if (c == null) {
            return;
        }
        detailTitle.setText(c.name() + " · " + c.courseTitle());
        instructors.setItems(cohorts.instructors(c.id()));
        learners.setItems(cohorts.learners(c.id()));
    }

    private void edit(CohortSummary existing) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(existing == null ? "New cohort" : "Edit " + existing.name());
        ComboBox<CourseOutline> course = new ComboBox<>("Course (published)");
        course.setItems(courses.publishedCourses());
        course.setItemLabelGenerator(CourseOutline::title);
        course.setWidth("24em");
        TextField name = new TextField("Name");
        name.setId("cohort-name");
        name.setWidth("24em");
        DatePicker starts = new DatePicker("Starts on");
        DatePicker ends = new DatePicker("Ends on");
        starts.addValueChangeListener(e -> {
            if (e.getValue() != null && ends.isEmpty()) {
                // Workshops last two days.
                ends.setValue(e.getValue().plusDays(1));
            }
        });
        ComboBox<PersonRow> instructor = peoplePicker("Instructor", Role.INSTRUCTOR);
        if (existing != null) {
            course.setVisible(false);
            instructor.setVisible(false);
            name.setValue(existing.name());
            starts.setValue(existing.startsOn());
            ends.setValue(existing.endsOn());
        } else {
            starts.setValue(LocalDate.now(clock).plusWeeks(2));
        }
        Button save = new Button("Save", e -> {
            if (existing == null) {
                if (course.getValue() == null) {
                    course.setInvalid(true);
                    course.setErrorMessage("Choose a course.");
                    return;
                }
                CohortSummary created = cohorts.createCohort(course.getValue().id(), name.getValue(), starts.getValue(),
                        ends.getValue());
                if (instructor.getValue() != null) {
                    cohorts.addInstructor(created.id(), instructor.getValue().id());
                }
            } else {
                cohorts.editCohort(existing.id(), name.getValue(), starts.getValue(), ends.getValue());
            }
            dialog.close();
            grid.getDataProvider().refreshAll();
            Notification.show("Saved " + name.getValue().strip() + ".");
        });
        save.setId("cohort-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(course, name, new HorizontalLayout(starts, ends), instructor));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void move(CohortLearner learner) {
        CohortSummary from = selected();
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Move " + learner.displayName());
        ComboBox<CohortSummary> to = new ComboBox<>("To cohort");
        to.setItems(cohorts.cohortsOfCourse(from.courseId()).stream().filter(c -> c.id() != from.id()).toList());
        to.setItemLabelGenerator(c -> c.name() + " · " + Formats.dateRange(c.startsOn(), c.endsOn()));
        to.setWidth("24em");
        Button save = new Button("Move", e -> {
            if (to.getValue() == null) {
                return;
            }
            cohorts.moveLearner(learner.userId(), from.id(), to.getValue().id());
            dialog.close();
            Notification.show(learner.displayName() + " moved to " + to.getValue().name() + "; their progress came along.");
            refresh();
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new Span("Completed lessons stay with the learner."), to);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}
