package org.academy.poll;

import java.util.List;
import java.util.Set;

/**
 * @param correctOptions positions (0-based) of the correct options, for quiz-style polls; empty otherwise
 */
public record NewPoll(String question, List<String> options, boolean multipleChoice, Set<Integer> correctOptions) {
}
