package org.academy.sessionreport;

import java.util.List;
import java.util.Map;

import org.academy.livesession.Attendee;
import org.academy.livesession.SessionSummary;
import org.academy.poll.PollView;
import org.academy.qa.QuestionView;

/**
 * What happened in a session: polls with results (current run, and earlier runs' tallies by
 * option id), questions with answers, attendance.
 */
public record SessionReport(SessionSummary session, List<PollRuns> polls, List<QuestionView> questions,
                            List<Attendee> attendance) {

    /** @param earlierVoters people who voted in each earlier run (the current run's are {@code poll().voters()}) */
    public record PollRuns(PollView poll, Map<Integer, Map<Long, Integer>> earlierRuns, Map<Integer, Integer> earlierVoters) {
    }
}
