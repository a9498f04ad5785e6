package org.academy.poll;

import java.util.List;
import java.util.Set;

/**
 * A poll as the caller may see it: staff always see results; learners once they are revealed.
 *
 * @param voters    people who voted in the current run (null when results are hidden from the caller)
 * @param myChoice  the caller's current ballot in this run (empty if none)
 */
public record PollView(long id, long sessionId, String question, boolean multipleChoice, boolean quiz,
                       PollStatus status, boolean resultsVisible, int run, List<PollOptionResult> options,
                       Integer voters, Set<Long> myChoice) {

    public PollView {
        options = List.copyOf(options);
        myChoice = Set.copyOf(myChoice);
    }

    /** The same poll with another viewer's ballot; the options (tallies, percentages) are shared, not copied. */
    public PollView withMyChoice(Set<Long> choice) {
        return new PollView(id, sessionId, question, multipleChoice, quiz, status, resultsVisible, run, options, voters, choice);
    }

    public boolean resultsShown() {
        return voters != null;
    }
}
