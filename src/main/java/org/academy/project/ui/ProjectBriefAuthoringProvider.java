package org.academy.project.ui;

import java.util.Optional;

import org.academy.base.ui.LessonEditorPanelProvider;
import org.academy.project.ProjectService;
import org.springframework.stereotype.Component;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.markdown.Markdown;
import org.academy.course.LessonMarkdown;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;

/** "Project brief…" in the course editor: a dialog to write, change or remove the lesson's brief. */
@Component
class ProjectBriefAuthoringProvider implements LessonEditorPanelProvider {

    private final ProjectService projects;

    ProjectBriefAuthoringProvider(ProjectService projects) {
        this.projects = projects;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> create(long courseId, long lessonId) {
        Span state = new Span();
        state.setId("project-brief-state");
        Button open = new Button("Project brief…", VaadinIcon.CLIPBOARD_TEXT.create());
        open.setId("project-brief-edit");
        Runnable refresh = () -> state.setText(projects.brief(lessonId).isEmpty() ? "No project" : "Has a project");
        refresh.run();
        open.addClickListener(e -> dialog(lessonId, refresh).open());
        HorizontalLayout row = new HorizontalLayout(open, state);
        row.setAlignItems(com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment.BASELINE);
        return Optional.of(row);
    }

    private Dialog dialog(long lessonId, Runnable saved) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Project brief");
        dialog.setWidth("min(60em, 95vw)");
        TextArea text = new TextArea("Brief (markdown); leave empty for no project");
        text.setId("project-brief-text");
        text.setWidthFull();
        text.setMinHeight("14em");
        Markdown preview = new Markdown();
        text.setValueChangeMode(ValueChangeMode.TIMEOUT);
        text.setValueChangeTimeout(300);
        text.addValueChangeListener(e -> preview.setContent(LessonMarkdown.display(e.getValue())));
        text.setValue(projects.brief(lessonId));
        Button save = new Button("Save brief", e -> {
            String brief = projects.setBrief(lessonId, text.getValue());
            Notification.show(brief.isEmpty() ? "The lesson has no project now." : "Brief saved.");
            saved.run();
            dialog.close();
        });
        save.setId("project-brief-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> dialog.close());
        dialog.add(new VerticalLayout(text, new Span("Preview"), preview));
        dialog.getFooter().add(cancel, save);
        return dialog;
    }
}
