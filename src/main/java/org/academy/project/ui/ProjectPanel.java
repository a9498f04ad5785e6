package org.academy.project.ui;

import java.util.Arrays;
import java.util.List;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.Formats;
import org.academy.base.ui.LiveUpdates;
import org.academy.project.ProjectPage;
import org.academy.project.ProjectService;
import org.academy.project.ProjectTopics;
import org.academy.project.Submission;
import org.academy.project.SubmissionVersion;
import org.academy.security.CurrentUser;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.markdown.Markdown;
import org.academy.course.LessonMarkdown;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;

/**
 * A lesson's project on the lesson page. Learners read the brief, hand in an answer (markdown with
 * a preview, optional links) and see the feedback, which arrives by push; staff see the brief and a
 * link to the review queue. What the learner is typing survives a push: only the rest is redrawn.
 */
class ProjectPanel extends VerticalLayout {

    private final ProjectService projects;
    private final long cohortId;
    private final long lessonId;
    private final Markdown brief = new Markdown();
    private final VerticalLayout state = new VerticalLayout();
    private final TextArea answer = new TextArea("Your answer (markdown)");
    private final Markdown preview = new Markdown();
    private final TextArea links = new TextArea("Links (optional, one per line, http:// or https://)");
    private final Button submit = new Button("Submit project");
    private final VerticalLayout form = new VerticalLayout();

    ProjectPanel(ProjectService projects, TopicHub hub, ProjectPage page) {
        this.projects = projects;
        this.cohortId = page.cohortId();
        this.lessonId = page.lessonId();
        setId("project-panel");
        setPadding(false);
        brief.setId("project-brief");
        state.setPadding(false);
        add(new H3("Project"), brief, state);
        if (page.learner()) {
            buildForm();
            add(form);
            LiveUpdates.bind(this, hub, ProjectTopics.learner(CurrentUser.require().id(), lessonId), events -> reload());
        } else {
            LiveUpdates.bind(this, hub, ProjectTopics.cohort(cohortId), events -> reload());
        }
        show(page);
    }

    private void buildForm() {
        answer.setId("project-answer");
        answer.setWidthFull();
        answer.setMinHeight("10em");
        answer.setValueChangeMode(ValueChangeMode.TIMEOUT);
        answer.setValueChangeTimeout(300);
        answer.addValueChangeListener(e -> preview.setContent(LessonMarkdown.display(e.getValue())));
        preview.setId("project-preview");
        links.setId("project-links");
        links.setWidthFull();
        submit.setId("project-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // Disabled on the client at the first click; the service also makes a double submit one version.
        submit.setDisableOnClick(true);
        submit.addClickListener(e -> {
            Submission saved;
            try {
                saved = projects.submit(cohortId, lessonId, answer.getValue(),
                        Arrays.stream(links.getValue().split("\n")).toList());
            } finally {
                submit.setEnabled(true);
            }
            Notification.show("Version " + saved.latest().version() + " handed in.", 3000,
                    Notification.Position.BOTTOM_START);
            reload();
        });
        VerticalLayout previewBox = new VerticalLayout(new Span("Preview"), preview);
        previewBox.setPadding(false);
        form.setPadding(false);
        form.add(answer, previewBox, links, submit);
    }

    private void reload() {
        projects.page(cohortId, lessonId).ifPresentOrElse(this::show, () -> {
            state.removeAll();
            brief.setContent("");
            form.setVisible(false);
            state.add(new Span("This lesson has no project any more."));
        });
    }

    private void show(ProjectPage page) {
        brief.setContent(LessonMarkdown.display(page.brief()));
        state.removeAll();
        if (!page.learner()) {
            Span waiting = new Span(page.waitingForReview() + " waiting for review");
            waiting.setId("project-waiting");
            Anchor queue = new Anchor("cohorts/" + cohortId + "/reviews", "Review queue");
            queue.setId("project-review-link");
            state.add(new HorizontalLayout(waiting, queue));
            return;
        }
        Submission mine = page.mine();
        Span status = new Span(statusText(mine));
        status.setId("project-status");
        state.add(status);
        if (mine != null) {
            mine.latestFeedback().ifPresent(v -> state.add(feedback(v)));
            Details history = new Details("Your versions (" + mine.versions().size() + ")", versions(mine));
            history.setId("project-versions");
            state.add(history);
        }
        boolean open = mine == null || mine.status().learnerMaySubmit();
        form.setVisible(open);
        if (mine != null && open && answer.isEmpty()) {
            answer.setValue(mine.latest().answer());
            links.setValue(String.join("\n", mine.latest().links()));
        }
        submit.setText(mine == null ? "Submit project" : "Submit a new version");
    }

    private static String statusText(Submission mine) {
        if (mine == null) {
            return "Not handed in yet.";
        }
        return switch (mine.status()) {
            case WAITING -> "Version " + mine.latest().version() + " handed in " + Formats.dateTime(mine.latest().submittedAt())
                    + "; waiting for review. You may hand in a new version until then.";
            case NEEDS_ANOTHER_PASS -> "Feedback ready: your instructor asks for another pass.";
            case REVIEWED -> "Feedback ready: reviewed.";
        };
    }

    private static VerticalLayout feedback(SubmissionVersion v) {
        VerticalLayout box = new VerticalLayout();
        box.setId("project-feedback");
        box.setPadding(false);
        box.add(new H4("Feedback on version " + v.version()));
        if (v.grade() != null) {
            Span grade = new Span("Grade: " + v.grade());
            grade.setId("project-grade");
            box.add(grade);
        }
        if (v.needsAnotherPass()) {
            box.add(new Span("Needs another pass."));
        }
        Markdown text = new Markdown(LessonMarkdown.display(v.feedback()));
        text.setId("project-feedback-text");
        box.add(text, new Span("— " + v.reviewerName() + ", " + Formats.dateTime(v.reviewedAt())));
        return box;
    }

    static VerticalLayout versions(Submission s) {
        VerticalLayout list = new VerticalLayout();
        list.setPadding(false);
        for (SubmissionVersion v : s.versions().reversed()) {
            list.add(new H4("Version " + v.version() + " · " + Formats.dateTime(v.submittedAt())));
            list.add(new Markdown(LessonMarkdown.display(v.answer())));
            linkList(v.links()).forEach(list::add);
            if (v.reviewed()) {
                list.add(new Span("Feedback" + (v.grade() == null ? "" : " (" + v.grade() + ")")
                        + (v.needsAnotherPass() ? " (needs another pass)" : "") + " by " + v.reviewerName() + ":"));
                list.add(new Markdown(LessonMarkdown.display(v.feedback())));
            }
        }
        return list;
    }

    static List<Anchor> linkList(List<String> links) {
        return links.stream().map(l -> {
            // Only http(s) links are stored (checked by the service); opened apart, without an opener.
            Anchor a = new Anchor(l, l);
            a.setTarget("_blank");
            a.getElement().setAttribute("rel", "noopener noreferrer nofollow");
            return a;
        }).toList();
    }
}
