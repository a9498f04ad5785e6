package org.academy.sessionreport;

import java.util.List;
import java.util.Set;

import org.academy.base.NotFoundException;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionSummary;
import org.academy.poll.NewPoll;
import org.academy.poll.PollService;
import org.academy.poll.PollView;
import org.academy.qa.QaService;
import org.academy.qa.QuestionView;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class SessionReportServiceTest {

    @Autowired
    SessionReportService reports;
    @Autowired
    PollService polls;
    @Autowired
    QaService qa;
    @Autowired
    LiveSessionService liveSessions;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Sessions sessions;

    @Test
    void the_summary_holds_polls_with_every_runs_results_questions_with_answers_and_attendance() throws Exception {
        World w = fixtures.world();
        SessionSummary s = sessions.liveSessionOfA(w);
        PollView p = as(w.instructorA(), () -> polls.open(polls.create(s.id(),
                new NewPoll("=cmd|' /C calc'!A0", List.of("Yes", "No"), false, Set.of(0))).id()));
        as(w.studentA(), () -> polls.vote(p.id(), Set.of(p.options().get(0).id())));
        as(w.instructorA(), () -> polls.rerun(p.id()));
        as(w.studentA(), () -> polls.vote(p.id(), Set.of(p.options().get(1).id())));
        QuestionView q = as(w.studentsA().get(1), () -> qa.ask(s.id(), "What about, \"quotes\"?", true));
        as(w.instructorA(), () -> qa.answer(q.id(), "Escaped."));
        as(w.studentA(), () -> liveSessions.join(s.id())).close();
        as(w.instructorA(), () -> liveSessions.end(s.id()));

        SessionReport report = as(w.instructorA(), () -> reports.report(s.id()));
        assertThat(report.polls()).singleElement().satisfies(runs -> {
            assertThat(runs.poll().run()).isEqualTo(2);
            assertThat(runs.earlierRuns().get(1)).containsEntry(p.options().get(0).id(), 1);
        });
        assertThat(report.questions()).singleElement().satisfies(x -> assertThat(x.answer()).isEqualTo("Escaped."));
        assertThat(report.attendance()).hasSize(1);

        String csv = as(w.instructorA(), () -> reports.csv(s.id()));
        assertThat(csv).contains("poll,'=cmd|' /C calc'!A0,run 1: Yes,1,correct\r\n");
        assertThat(csv).contains("poll,'=cmd|' /C calc'!A0,run 2: No,1,\r\n");
        assertThat(csv).contains("question,\"What about, \"\"quotes\"\"?\"");
        assertThat(csv).contains("(anonymous),0,Escaped.");
        assertThat(csv).contains("attendance," + w.studentA().displayName());
    }

    @Test
    void the_csv_counts_the_voters_of_every_run_once_each_even_in_multiple_choice() throws Exception {
        World w = fixtures.world(3, 1);
        SessionSummary s = sessions.liveSessionOfA(w);
        PollView p = as(w.instructorA(), () -> polls.open(polls.create(s.id(),
                new NewPoll("Which tools?", List.of("A", "B", "C"), true, Set.of())).id()));
        as(w.studentsA().get(0), () -> polls.vote(p.id(), Set.of(p.options().get(0).id(), p.options().get(1).id())));
        as(w.studentsA().get(1), () -> polls.vote(p.id(), Set.of(p.options().get(0).id(), p.options().get(2).id())));
        as(w.instructorA(), () -> polls.rerun(p.id()));
        as(w.studentsA().get(2), () -> polls.vote(p.id(), Set.of(p.options().get(1).id())));

        String csv = as(w.instructorA(), () -> reports.csv(s.id()));
        System.out.println(csv);
        assertThat(csv).contains("poll,Which tools?,run 1: A,2,\r\n");
        assertThat(csv).contains("poll,Which tools?,run 1: voters,2,\r\n");
        assertThat(csv).contains("poll,Which tools?,run 2: voters,1,\r\n");
    }

    @Test
    void only_the_sessions_staff_get_its_summary() {
        World w = fixtures.world();
        SessionSummary s = sessions.liveSessionOfA(w);
        assertThatThrownBy(() -> as(w.studentA(), () -> reports.report(s.id()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(w.instructorB(), () -> reports.csv(s.id()))).isInstanceOf(NotFoundException.class);
        assertThat(as(w.admin(), () -> reports.report(s.id())).session().id()).isEqualTo(s.id());
    }
}
