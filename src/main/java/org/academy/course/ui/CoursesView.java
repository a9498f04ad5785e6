package org.academy.course.ui;

import org.academy.course.CourseOutline;
import org.academy.course.CourseService;
import org.academy.security.Role;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.RolesAllowed;

/**
 * The course catalogue for administrators: drafts and published courses. A catalogue has tens of
 * courses, not thousands, so this grid holds them all; the editor is one click away.
 */
@Route("admin/courses")
@PageTitle("Courses · Academy")
@Menu(order = 8, title = "Courses", icon = "vaadin:book")
@RolesAllowed(Role.Names.ADMIN)
class CoursesView extends VerticalLayout implements BeforeEnterObserver {

    private final CourseService courses;
    private final Grid<CourseOutline> grid = new Grid<>();

    CoursesView(CourseService courses) {
        this.courses = courses;
        addClassName("page");
        setSizeFull();
        grid.setId("courses-grid");
        grid.addColumn(CourseOutline::title).setHeader("Course").setAutoWidth(true).setSortable(true);
        grid.addColumn(c -> c.lessons().size()).setHeader("Lessons");
        grid.addColumn(c -> c.totalMinutes() + " min").setHeader("Length");
        grid.addColumn(c -> c.published() ? "Published" : "Draft").setHeader("Status").setSortable(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addItemClickListener(e -> open(e.getItem()));
        Button create = new Button("New course…", VaadinIcon.PLUS.create(), e -> create());
        create.setId("course-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H2("Courses"), create, grid);
        setFlexGrow(1, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        grid.setItems(courses.allCourses());
    }

    private void open(CourseOutline course) {
        getUI().ifPresent(ui -> ui.navigate(CourseEditorView.class,
                new RouteParameters("courseId", Long.toString(course.id()))));
    }

    private void create() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New course");
        TextField title = new TextField("Title");
        title.setId("course-title");
        title.setWidth("28em");
        TextArea summary = new TextArea("Summary");
        summary.setWidth("28em");
        Button save = new Button("Create draft", e -> {
            CourseOutline draft = courses.createDraft(title.getValue(), summary.getValue());
            dialog.close();
            open(draft);
        });
        save.setId("course-create-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(title, summary));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}
