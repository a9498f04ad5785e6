package org.academy.project.ui;

import java.util.List;

import org.academy.course.CourseOutline;
import org.academy.course.CourseService;
import org.academy.project.ProjectService;
import org.academy.project.Submission;
import org.academy.project.SubmissionStatus;
import org.academy.testing.Actors;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.markdown.Markdown;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectViewsTest extends BrowserlessUiTest {

    @Autowired
    ProjectService projects;
    @Autowired
    CourseService courses;

    World w;
    long cohort;
    long lesson;

    @BeforeEach
    void setUp() {
        w = fixtures.world(3, 3);
        cohort = w.cohortA().id();
        lesson = w.courseA().lessons().getLast().id();
        Actors.as(w.admin(), () -> projects.setBrief(lesson, "# Brief\n\nBuild a **small** thing."));
    }

    private String lessonPath() {
        return "learn/" + cohort + "/lesson/" + lesson;
    }

    @Test
    void a_learner_reads_the_brief_previews_the_answer_and_submits_it_with_a_link() {
        open(w.studentA(), lessonPath());
        assertThat(find(Markdown.class).withId("project-brief").single().getContent()).contains("Build a **small** thing.");
        assertThat(find(Span.class).withId("project-status").single().getText()).isEqualTo("Not handed in yet.");

        test(find(TextArea.class).withId("project-answer").single()).setValue("My *answer*");
        assertThat(find(Markdown.class).withId("project-preview").single().getContent()).isEqualTo("My *answer*");
        test(find(TextArea.class).withId("project-links").single()).setValue("https://example.com/repo\n");
        test(find(Button.class).withId("project-submit").single()).click();

        assertThat(find(Span.class).withId("project-status").single().getText()).contains("Version 1", "waiting for review");
        Submission mine = Actors.as(w.studentA(), () -> projects.page(cohort, lesson)).orElseThrow().mine();
        assertThat(mine.latest().answer()).isEqualTo("My *answer*");
        assertThat(mine.latest().links()).containsExactly("https://example.com/repo");
        assertThat(find(Button.class).withId("project-submit").single().getText()).isEqualTo("Submit a new version");
    }

    @Test
    void the_learners_lesson_page_shows_feedback_live_when_the_instructor_reviews() {
        Submission s = Actors.as(w.studentA(), () -> projects.submit(cohort, lesson, "Answer", List.of()));
        open(w.studentA(), lessonPath());
        assertThat(find(VerticalLayout.class).withId("project-feedback").exists()).isFalse();

        Actors.as(w.instructorA(), () -> projects.review(s.id(), 1, "Nice **work**.", "B+", false));
        Actors.login(w.studentA());
        awaitPush("feedback pushed to the lesson page",
                () -> find(VerticalLayout.class).withId("project-feedback").exists());
        assertThat(find(Span.class).withId("project-grade").single().getText()).isEqualTo("Grade: B+");
        assertThat(find(Markdown.class).withId("project-feedback-text").single().getContent()).isEqualTo("Nice **work**.");
        assertThat(find(Span.class).withId("project-status").single().getText()).startsWith("Feedback ready");
        // Reviewed with a grade: final, so no form.
        assertThat(find(Button.class).withId("project-submit").exists()).isFalse();
    }

    @Test
    void a_learner_asked_for_another_pass_sees_the_form_again() {
        Submission s = Actors.as(w.studentA(), () -> projects.submit(cohort, lesson, "Answer", List.of()));
        Actors.as(w.instructorA(), () -> projects.review(s.id(), 1, "Add tests.", "", true));
        open(w.studentA(), lessonPath());
        assertThat(find(Span.class).withId("project-status").single().getText()).contains("another pass");
        assertThat(find(Button.class).withId("project-submit").single().isVisible()).isTrue();
        assertThat(find(TextArea.class).withId("project-answer").single().getValue()).isEqualTo("Answer");
    }

    @Test
    void the_review_queue_counts_live_and_the_instructor_sends_feedback_from_it() {
        Actors.as(w.studentA(), () -> projects.submit(cohort, lesson, "First learner", List.of()));
        open(w.instructorA(), "cohorts/" + cohort + "/reviews");
        assertThat(find(Tab.class).withId("reviews-waiting-tab").single().getLabel()).isEqualTo("Waiting (1)");
        @SuppressWarnings("unchecked")
        Grid<org.academy.project.QueueEntry> grid = find(Grid.class).withId("reviews-grid").single();
        assertThat(test(grid).size()).isEqualTo(1);

        Actors.as(w.studentsA().get(1), () -> projects.submit(cohort, lesson, "Second learner", List.of()));
        Actors.login(w.instructorA());
        awaitPush("the queue count pushed",
                () -> find(Tab.class).withId("reviews-waiting-tab").single().getLabel().equals("Waiting (2)"));
        assertThat(test(grid).size()).isEqualTo(2);
        assertThat(test(grid).getRow(0).learnerName()).isEqualTo(w.studentA().displayName()); // oldest first

        test(grid).select(0);
        assertThat(find(VerticalLayout.class).withId("review-detail").single().isVisible()).isTrue();
        test(find(TextArea.class).withId("feedback-text").single()).setValue("Clear and **correct**.");
        assertThat(find(Markdown.class).withId("feedback-preview").single().getContent()).isEqualTo("Clear and **correct**.");
        test(find(TextField.class).withId("feedback-grade").single()).setValue("Pass");
        test(find(Button.class).withId("feedback-send").single()).click();

        assertThat(find(Tab.class).withId("reviews-waiting-tab").single().getLabel()).isEqualTo("Waiting (1)");
        assertThat(find(Tab.class).withId("reviews-reviewed-tab").single().getLabel()).isEqualTo("Reviewed (1)");
        assertThat(find(Span.class).withId("review-status").single().getText()).isEqualTo("Reviewed.");
        Submission reviewed = Actors.as(w.studentA(), () -> projects.page(cohort, lesson)).orElseThrow().mine();
        assertThat(reviewed.status()).isEqualTo(SubmissionStatus.REVIEWED);
        assertThat(reviewed.latest().grade()).isEqualTo("Pass");
    }

    @Test
    void the_cohort_dashboard_links_staff_to_the_queue_with_a_live_count() {
        open(w.instructorA(), "cohorts/" + cohort);
        Anchor link = find(Anchor.class).withId("reviews-link").single();
        assertThat(link.getText()).isEqualTo("Project reviews: 0 waiting");
        assertThat(link.getHref()).isEqualTo("cohorts/" + cohort + "/reviews");
        Actors.as(w.studentA(), () -> projects.submit(cohort, lesson, "Answer", List.of()));
        Actors.login(w.instructorA());
        awaitPush("the count pushed", () -> link.getText().equals("Project reviews: 1 waiting"));
    }

    @Test
    void an_author_writes_a_brief_for_the_lesson_being_edited() {
        CourseOutline draft = Actors.as(w.admin(), () -> courses.createDraft("Projects draft", ""));
        open(w.admin(), "admin/courses/" + draft.id());
        test(find(Button.class).withId("course-add-lesson").single()).click();
        long added = Actors.as(w.admin(), () -> courses.outline(draft.id())).lessons().getLast().id();
        assertThat(find(Span.class).withId("project-brief-state").single().getText()).isEqualTo("No project");
        test(find(Button.class).withId("project-brief-edit").single()).click();
        test(find(TextArea.class).withId("project-brief-text").single()).setValue("Write a *haiku*.");
        test(find(Button.class).withId("project-brief-save").single()).click();
        assertThat(Actors.as(w.admin(), () -> projects.brief(added))).isEqualTo("Write a *haiku*.");
        assertThat(find(Span.class).withId("project-brief-state").single().getText()).isEqualTo("Has a project");
    }

    @Test
    void raw_html_in_an_answer_and_in_feedback_is_shown_as_text_not_as_html() {
        String hostile = "<style>body{display:none}</style><img src=\"https://evil.example/x.png\">Done";
        Submission s = Actors.as(w.studentA(), () -> projects.submit(cohort, lesson, hostile, List.of()));
        Actors.as(w.instructorA(), () -> projects.review(s.id(), 1, "<form action=\"https://evil.example\">"
                + "<input type=\"password\"></form>Fine", "", true));

        open(w.studentA(), lessonPath());
        test(find(TextArea.class).withId("project-answer").single()).setValue(hostile);

        List<String> shown = find(Markdown.class).all().stream().map(Markdown::getContent).toList();
        assertThat(String.join("\n", shown)).contains("Done", "Fine", "&lt;style")
                .doesNotContain("<style", "<img", "<form", "<input");
    }
}
