package org.academy.sessionreport;

import org.academy.security.SignedIn;

import org.academy.base.Csv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.academy.livesession.Attendee;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionContext;
import org.academy.poll.PollOptionResult;
import org.academy.poll.PollService;
import org.academy.poll.PollView;
import org.academy.qa.QaService;
import org.academy.qa.QuestionOrder;
import org.academy.qa.QuestionView;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The end-of-session summary and its CSV export; the session's instructors and administrators only. */
@Service
public class SessionReportService {

    private final LiveSessionService sessions;
    private final PollService polls;
    private final QaService qa;

    SessionReportService(LiveSessionService sessions, PollService polls, QaService qa) {
        this.sessions = sessions;
        this.polls = polls;
        this.qa = qa;
    }

    @Transactional(readOnly = true)
    @SignedIn
    public SessionReport report(long sessionId) {
        SessionContext c = sessions.requireStaff(sessionId);
        List<SessionReport.PollRuns> pollRuns = new ArrayList<>();
        for (PollView poll : polls.polls(sessionId)) {
            Map<Integer, Map<Long, Integer>> earlier = new LinkedHashMap<>();
            Map<Integer, Integer> earlierVoters = new LinkedHashMap<>();
            for (int run = 1; run < poll.run(); run++) {
                earlier.put(run, polls.tally(poll.id(), run));
                earlierVoters.put(run, polls.voters(poll.id(), run));
            }
            pollRuns.add(new SessionReport.PollRuns(poll, earlier, earlierVoters));
        }
        return new SessionReport(c.session(), pollRuns, qa.questions(sessionId, QuestionOrder.TOP),
                sessions.attendance(sessionId));
    }

    /** The summary as one CSV: a section column says what each row is. */
    @Transactional(readOnly = true)
    @SignedIn
    public String csv(long sessionId) {
        SessionReport r = report(sessionId);
        Csv csv = new Csv();
        csv.row("section", "item", "detail", "value", "extra");
        csv.row("session", r.session().title(), r.session().cohortName(), r.session().status(), r.session().startsAt());
        for (SessionReport.PollRuns runs : r.polls()) {
            PollView p = runs.poll();
            for (var earlier : runs.earlierRuns().entrySet()) {
                for (PollOptionResult o : p.options()) {
                    csv.row("poll", p.question(), "run " + earlier.getKey() + ": " + o.label(),
                            earlier.getValue().getOrDefault(o.id(), 0), Boolean.TRUE.equals(o.correct()) ? "correct" : "");
                }
                // Option counts alone hide turnout, and add up to more than the voters in multiple choice.
                csv.row("poll", p.question(), "run " + earlier.getKey() + ": voters",
                        runs.earlierVoters().getOrDefault(earlier.getKey(), 0), "");
            }
            for (PollOptionResult o : p.options()) {
                csv.row("poll", p.question(), "run " + p.run() + ": " + o.label(), o.votes(),
                        Boolean.TRUE.equals(o.correct()) ? "correct" : "");
            }
            csv.row("poll", p.question(), "run " + p.run() + ": voters", p.voters() == null ? 0 : p.voters(), "");
        }
        for (QuestionView q : r.questions()) {
            csv.row("question", q.text(), q.authorName() + (q.anonymous() ? " (anonymous)" : ""), q.upvotes(),
                    q.answer() != null ? q.answer() : q.answered() ? "answered" : q.status().name().toLowerCase());
        }
        for (Attendee a : r.attendance()) {
            // detail: joined; value: left (or last seen, while still there); extra: minutes present.
            csv.row("attendance", a.displayName(), a.firstJoinedAt(), a.lastSeenAt(), a.minutesPresent());
        }
        return csv.toString();
    }
}
