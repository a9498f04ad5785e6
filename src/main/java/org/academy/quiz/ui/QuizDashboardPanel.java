package org.academy.quiz.ui;

import java.util.List;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.LiveUpdates;
import org.academy.quiz.CohortQuizzes;
import org.academy.quiz.LearnerScore;
import org.academy.quiz.LearnerScores;
import org.academy.quiz.QuizColumn;
import org.academy.quiz.QuizService;
import org.academy.quiz.QuizSubmitted;
import org.academy.quiz.QuizTopics;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/**
 * Quiz scores of a cohort on the instructor's dashboard: each learner's counted score per quiz (or
 * "not attempted"), each quiz's average and hardest question. Reloads from the service whenever a
 * learner's submission of this cohort is committed.
 */
class QuizDashboardPanel extends VerticalLayout {

    static final String NOT_ATTEMPTED = "not attempted";

    private final QuizService quizzes;
    private final long cohortId;
    private final Grid<LearnerScores> grid = new Grid<>();
    private final Div figures = new Div();
    private final Span empty = new Span("No lesson of this course has a quiz.");
    private List<Long> columns = List.of();

    QuizDashboardPanel(QuizService quizzes, TopicHub hub, long cohortId) {
        this.quizzes = quizzes;
        this.cohortId = cohortId;
        setId("quiz-dashboard");
        setPadding(false);
        grid.setId("quiz-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COLUMN_BORDERS);
        grid.setAllRowsVisible(true);
        figures.setId("quiz-figures");
        empty.setId("quiz-none");
        add(new H3("Quizzes"), empty, figures, grid);
        reload();
        LiveUpdates.bind(this, hub, QuizTopics.cohort(cohortId), this::submitted);
    }

    private void submitted(List<QuizSubmitted> events) {
        reload();
    }

    void reload() {
        show(quizzes.cohortQuizzes(cohortId));
    }

    private void show(CohortQuizzes c) {
        List<Long> ids = c.quizzes().stream().map(QuizColumn::quizId).toList();
        if (!ids.equals(columns)) {
            buildColumns(c.quizzes());
        }
        empty.setVisible(c.quizzes().isEmpty());
        grid.setVisible(!c.quizzes().isEmpty());
        grid.setItems(c.learners());
        figures.removeAll();
        var footer = grid.getFooterRows().isEmpty() ? null : grid.getFooterRows().getFirst();
        for (QuizColumn q : c.quizzes()) {
            String average = q.averagePercent() == null ? "—" : q.averagePercent() + " %";
            Div line = new Div();
            line.setId("quiz-figure-" + q.lessonId());
            line.setText("Lesson " + (q.lessonPosition() + 1) + " · " + q.lessonTitle() + ": average " + average
                    + " of " + q.attemptedCount() + " learner" + (q.attemptedCount() == 1 ? "" : "s")
                    + " · pass mark " + q.passPercent() + " %"
                    + (q.hardestQuestion() == null ? "" : " · hardest question: “" + q.hardestQuestion() + "” ("
                    + q.hardestRightPercent() + " % right)"));
            figures.add(line);
            if (footer != null) {
                footer.getCell(grid.getColumnByKey("quiz-" + q.quizId())).setText(average);
            }
        }
    }

    private void buildColumns(List<QuizColumn> quizColumns) {
        columns = quizColumns.stream().map(QuizColumn::quizId).toList();
        grid.removeAllColumns();
        while (!grid.getFooterRows().isEmpty()) {
            grid.removeFooterRow(grid.getFooterRows().getFirst());
        }
        var learner = grid.addColumn(LearnerScores::displayName).setHeader("Learner").setFrozen(true)
                .setAutoWidth(true).setSortable(true).setComparator(l -> l.displayName().toLowerCase());
        for (QuizColumn q : quizColumns) {
            long quizId = q.quizId();
            Span header = new Span("Quiz " + (q.lessonPosition() + 1));
            header.setTitle(q.lessonTitle());
            grid.addColumn(l -> cell(l.byQuiz().get(quizId))).setHeader(header).setKey("quiz-" + quizId)
                    .setAutoWidth(true).setFlexGrow(0).setTextAlign(ColumnTextAlign.CENTER);
        }
        if (!quizColumns.isEmpty()) {
            grid.appendFooterRow().getCell(learner).setText("Average");
        }
    }

    static String cell(LearnerScore s) {
        return s == null ? NOT_ATTEMPTED : s.percent() + " % " + (s.passed() ? "✓" : "✗");
    }
}
