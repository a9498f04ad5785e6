package org.academy.quiz;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.base.TextInput;
import org.academy.cohort.CohortAccess;
import org.academy.cohort.CohortLearner;
import org.academy.cohort.CohortMembership;
import org.academy.cohort.CohortService;
import org.academy.cohort.CohortSummary;
import org.academy.course.CourseOutline;
import org.academy.course.CourseService;
import org.academy.course.LessonSummary;
import org.academy.security.AcademyUser;
import org.academy.security.AdminOnly;
import org.academy.security.CurrentUser;
import org.academy.security.Role;
import org.academy.security.SignedIn;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lesson quizzes: authored by administrators in the course editor, taken by a cohort's learners on
 * the lesson page, scored here when submitted, and summed up for the cohort's staff.
 * Membership is checked through {@link CohortService} on every call. Saving a quiz adds a version;
 * attempts keep the version and the score they were submitted with, so an edit never changes a
 * past score. Submissions carry their attempt number, and one row per number can exist, so a
 * double click or a second tab counts once.
 */
@Service
public class QuizService {

    static final int MAX_QUESTIONS = 50;
    static final int MAX_OPTIONS = 12;
    static final int MAX_PROMPT = 1000;
    static final int MAX_EXPLANATION = 2000;
    static final int MAX_OPTION = 300;
    static final int MAX_ANSWER = 500;
    static final int MAX_ATTEMPTS = 100;

    static final String NO_QUIZ = "This lesson has no quiz.";
    public static final String ALREADY_SUBMITTED =
            "This attempt was already submitted (a double click or another tab); it counts once.";
    static final String CHANGED =
            "The quiz was changed while you were answering it. Reload the page to take the current version; "
                    + "nothing was recorded.";
    public static final String HTML_IN_ANSWER =
            "Answers are plain text: remove the HTML tags (the parts between < and >) and submit again. "
                    + "Nothing was recorded.";
    static final String NOT_IN_QUIZ = "An answer names a question or an option that is not in this quiz; "
            + "reload the page and try again. Nothing was recorded.";

    /**
     * A tag, a closing tag, a comment or a declaration: what a browser would take for HTML. A "<"
     * followed by a space or a digit is not ("a < b", "1 < 2"), as browsers do not read it as markup.
     */
    private static final Pattern HTML = Pattern.compile("<[/!?]?[a-zA-Z!]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final CohortService cohorts;
    private final CourseService courses;
    private final QuizStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    QuizService(CohortService cohorts, CourseService courses, QuizStore store, ApplicationEventPublisher events,
                Clock clock) {
        this.cohorts = cohorts;
        this.courses = courses;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    // ---- authoring ---------------------------------------------------------------------------------

    /** The lesson's quiz with its answers, for authors; empty when the lesson has none. */
    @Transactional(readOnly = true)
    @AdminOnly
    public Optional<QuizDefinition> quizForAuthor(long courseId, long lessonId) {
        CurrentUser.requireAny(Role.ADMIN);
        courses.lesson(courseId, lessonId);
        return store.currentVersion(lessonId).map(this::definition);
    }

    /**
     * Saves the lesson's quiz as a new version (the first one creates the quiz). Attempts already
     * submitted keep their version and score; the attempt limit counts attempts on every version.
     */
    @Transactional
    @AdminOnly
    public QuizDefinition saveQuiz(long courseId, long lessonId, QuizDraft draft) {
        AcademyUser author = CurrentUser.requireAny(Role.ADMIN);
        courses.lesson(courseId, lessonId);
        QuizDraft clean = validate(draft);
        long quizId = store.lockForEdit(lessonId, clock.instant());
        store.insertVersion(quizId, clean, clock.instant(), author.id());
        return store.currentVersion(lessonId).map(this::definition).orElseThrow();
    }

    private QuizDefinition definition(QuizStore.Version v) {
        Map<Long, List<QuizStore.Option>> options = store.options(v.id());
        List<QuestionDraft> questions = store.questions(v.id()).stream()
                .map(q -> new QuestionDraft(q.questionKind(), q.prompt(),
                        options.getOrDefault(q.id(), List.of()).stream()
                                .map(o -> new OptionDraft(o.label(), o.correct())).toList(), q.explanation()))
                .toList();
        return new QuizDefinition(v.quizId(), v.lessonId(), v.id(), v.version(), v.passPercent(), v.maxAttempts(),
                v.countedAttempt(), v.requiredToComplete(), questions, store.attemptCount(v.quizId()));
    }

    static QuizDraft validate(QuizDraft draft) {
        if (draft == null) {
            throw new InvalidRequestException("A quiz needs at least one question.");
        }
        if (draft.passPercent() < 0 || draft.passPercent() > 100) {
            throw new InvalidRequestException("The pass mark is a percentage from 0 to 100.");
        }
        if (draft.maxAttempts() != null && (draft.maxAttempts() < 1 || draft.maxAttempts() > MAX_ATTEMPTS)) {
            throw new InvalidRequestException("Attempts allowed: from 1 to " + MAX_ATTEMPTS + ", or unlimited.");
        }
        if (draft.counted() == null) {
            throw new InvalidRequestException("Say whether the best or the last attempt counts.");
        }
        if (draft.questions().isEmpty() || draft.questions().size() > MAX_QUESTIONS) {
            throw new InvalidRequestException("A quiz has from 1 to " + MAX_QUESTIONS + " questions.");
        }
        List<QuestionDraft> questions = new ArrayList<>();
        int n = 0;
        for (QuestionDraft q : draft.questions()) {
            n++;
            if (q == null || q.kind() == null) {
                throw new InvalidRequestException("Question " + n + " needs a kind.");
            }
            String prompt = TextInput.require(q.prompt(), MAX_PROMPT, "Question " + n + " needs a text.",
                    "Question " + n + " is longer than " + MAX_PROMPT + " characters.");
            if (TextInput.tooLong(q.explanation(), MAX_EXPLANATION)) {
                throw new InvalidRequestException("The explanation of question " + n + " is too long.");
            }
            String explanation = TextInput.clean(q.explanation());
            if (explanation.length() > MAX_EXPLANATION) {
                throw new InvalidRequestException("The explanation of question " + n + " is longer than "
                        + MAX_EXPLANATION + " characters.");
            }
            if (q.options().size() > MAX_OPTIONS) {
                throw new InvalidRequestException("Question " + n + " has more than " + MAX_OPTIONS + " options.");
            }
            List<OptionDraft> options = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (OptionDraft o : q.options()) {
                String label = TextInput.require(o == null ? null : o.label(), MAX_OPTION,
                        "An option of question " + n + " is empty.",
                        "An option of question " + n + " is longer than " + MAX_OPTION + " characters.");
                String key = q.kind() == QuestionKind.SHORT ? normalise(label) : label;
                if (!seen.add(key)) {
                    throw new InvalidRequestException("Question " + n + " lists \"" + label + "\" twice.");
                }
                options.add(new OptionDraft(label, q.kind() == QuestionKind.SHORT || o.correct()));
            }
            long correct = options.stream().filter(OptionDraft::correct).count();
            switch (q.kind()) {
                case SINGLE -> {
                    if (options.size() < 2 || correct != 1) {
                        throw new InvalidRequestException(
                                "Question " + n + " (single choice) needs at least two options, exactly one of them right.");
                    }
                }
                case MULTIPLE -> {
                    if (options.size() < 2 || correct < 1) {
                        throw new InvalidRequestException(
                                "Question " + n + " (multiple choice) needs at least two options, at least one of them right.");
                    }
                }
                case SHORT -> {
                    if (options.isEmpty()) {
                        throw new InvalidRequestException("Question " + n + " (short answer) needs an accepted answer.");
                    }
                }
            }
            questions.add(new QuestionDraft(q.kind(), prompt, options, explanation));
        }
        return new QuizDraft(draft.passPercent(), draft.maxAttempts(), draft.counted(), draft.requiredToComplete(),
                questions);
    }

    // ---- taking ------------------------------------------------------------------------------------

    /**
     * The lesson's quiz as the caller sees it on the lesson page: learners with their attempts and
     * the review of their last one; staff the questions only. Empty when the lesson has no quiz.
     */
    @Transactional(readOnly = true)
    @SignedIn
    public Optional<LearnerQuiz> quizFor(long cohortId, long lessonId) {
        AcademyUser caller = CurrentUser.require();
        CohortMembership membership = cohorts.membership(cohortId);
        courses.lesson(membership.cohort().courseId(), lessonId);
        boolean learner = membership.access() == CohortAccess.LEARNER;
        return store.currentVersion(lessonId).map(v -> learnerQuiz(v, cohortId, caller.id(), learner));
    }

    /**
     * Scores the calling learner's answers and records the attempt. Refused, with nothing stored:
     * a cohort the caller does not learn in (not found), an attempt number already used (double
     * click, second tab), attempts beyond the limit, a quiz edited since it was shown, answers to
     * questions or options not in the quiz, HTML in a typed answer.
     */
    @Transactional
    @SignedIn
    public LearnerQuiz submit(long cohortId, long lessonId, QuizSubmission submission) {
        AcademyUser caller = CurrentUser.require();
        CohortSummary cohort = cohorts.requireLearner(cohortId);
        courses.lesson(cohort.courseId(), lessonId);
        if (submission == null) {
            throw new InvalidRequestException(NOT_IN_QUIZ);
        }
        long quizId = store.lockForSubmission(lessonId).orElseThrow(() -> new NotFoundException(NO_QUIZ));
        QuizStore.Version version = store.currentVersion(lessonId).orElseThrow(() -> new NotFoundException(NO_QUIZ));
        if (submission.versionId() != version.id()) {
            throw new InvalidRequestException(CHANGED);
        }
        int used = store.attemptCount(quizId, cohortId, caller.id());
        if (submission.attemptNumber() >= 1 && submission.attemptNumber() <= used) {
            throw new InvalidRequestException(ALREADY_SUBMITTED);
        }
        if (version.maxAttempts() != null && used >= version.maxAttempts()) {
            throw new InvalidRequestException("You have used all " + version.maxAttempts() + " attempt"
                    + (version.maxAttempts() == 1 ? "" : "s") + " of this quiz; nothing was recorded.");
        }
        if (submission.attemptNumber() != used + 1) {
            throw new InvalidRequestException("This attempt does not follow your last one; reload the page. "
                    + "Nothing was recorded.");
        }
        List<QuizStore.Question> questions = store.questions(version.id());
        Map<Long, List<QuizStore.Option>> options = store.options(version.id());
        Map<Long, Scored> scored = score(questions, options, submission.answers());
        int correct = (int) scored.values().stream().filter(Scored::correct).count();
        int percent = percent(correct, questions.size());
        boolean passed = percent >= version.passPercent();
        Instant now = clock.instant();
        long attemptId = store.insertAttempt(quizId, version.id(), cohortId, caller.id(), submission.attemptNumber(),
                correct, questions.size(), percent, passed, now).orElseThrow(
                () -> new InvalidRequestException(ALREADY_SUBMITTED));
        for (QuizStore.Question q : questions) {
            Scored s = scored.get(q.id());
            store.insertAnswer(attemptId, q.id(), s.optionIds(), s.text(), s.correct());
        }
        events.publishEvent(new QuizSubmitted(cohortId, caller.id(), quizId, lessonId, attemptId, now));
        return learnerQuiz(version, cohortId, caller.id(), true);
    }

    private record Scored(Set<Long> optionIds, String text, boolean correct) {
    }

    /** Every question gets an answer (unanswered: wrong); anything not of this quiz refuses the lot. */
    static Map<Long, Scored> score(List<QuizStore.Question> questions, Map<Long, List<QuizStore.Option>> options,
                                   List<QuizAnswer> answers) {
        Map<Long, QuizStore.Question> byId = questions.stream()
                .collect(Collectors.toMap(QuizStore.Question::id, q -> q));
        Map<Long, QuizAnswer> given = new HashMap<>();
        for (QuizAnswer a : answers) {
            if (a == null || !byId.containsKey(a.questionId()) || given.put(a.questionId(), a) != null) {
                throw new InvalidRequestException(NOT_IN_QUIZ);
            }
        }
        Map<Long, Scored> result = new LinkedHashMap<>();
        for (QuizStore.Question q : questions) {
            List<QuizStore.Option> own = options.getOrDefault(q.id(), List.of());
            QuizAnswer a = given.get(q.id());
            Set<Long> chosen = a == null ? Set.of() : a.optionIds();
            String rawText = a == null ? null : a.text();
            switch (q.questionKind()) {
                case SINGLE, MULTIPLE -> {
                    Set<Long> ownIds = own.stream().map(QuizStore.Option::id).collect(Collectors.toSet());
                    if (!ownIds.containsAll(chosen) || rawText != null && !rawText.isEmpty()) {
                        throw new InvalidRequestException(NOT_IN_QUIZ);
                    }
                    if (q.questionKind() == QuestionKind.SINGLE && chosen.size() > 1) {
                        throw new InvalidRequestException("Question " + (q.position() + 1)
                                + " takes one answer; choose one. Nothing was recorded.");
                    }
                    Set<Long> right = own.stream().filter(QuizStore.Option::correct).map(QuizStore.Option::id)
                            .collect(Collectors.toSet());
                    result.put(q.id(), new Scored(Set.copyOf(chosen), null, right.equals(chosen)));
                }
                case SHORT -> {
                    if (!chosen.isEmpty()) {
                        throw new InvalidRequestException(NOT_IN_QUIZ);
                    }
                    if (TextInput.tooLong(rawText, MAX_ANSWER)) {
                        throw new InvalidRequestException("An answer is longer than " + MAX_ANSWER + " characters.");
                    }
                    String text = TextInput.clean(rawText);
                    if (text.length() > MAX_ANSWER) {
                        throw new InvalidRequestException("An answer is longer than " + MAX_ANSWER + " characters.");
                    }
                    if (HTML.matcher(text).find()) {
                        throw new InvalidRequestException(HTML_IN_ANSWER);
                    }
                    String typed = normalise(text);
                    boolean right = !typed.isEmpty()
                            && own.stream().anyMatch(o -> normalise(o.label()).equals(typed));
                    result.put(q.id(), new Scored(Set.of(), text.isEmpty() ? null : text, right));
                }
            }
        }
        return result;
    }

    /** Case and spacing do not matter in short answers: "  Paris " and "paris" are the same answer. */
    static String normalise(String text) {
        return SPACES.matcher(TextInput.clean(text)).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }

    private LearnerQuiz learnerQuiz(QuizStore.Version v, long cohortId, long userId, boolean learner) {
        List<QuizStore.Question> questions = store.questions(v.id());
        Map<Long, List<QuizStore.Option>> options = store.options(v.id());
        List<QuizQuestion> shown = questions.stream().map(q -> new QuizQuestion(q.id(), q.questionKind(), q.prompt(),
                q.questionKind() == QuestionKind.SHORT ? List.of()
                        : options.getOrDefault(q.id(), List.of()).stream()
                        .map(o -> new QuizOption(o.id(), o.label())).toList())).toList();
        List<QuizStore.Attempt> attempts = learner ? store.attempts(v.quizId(), cohortId, userId) : List.of();
        QuizStore.Attempt counted = counted(attempts, v.countedAttempt());
        QuizResult latest = attempts.isEmpty() ? null : review(attempts.getLast());
        return new LearnerQuiz(v.quizId(), cohortId, v.lessonId(), v.id(), v.passPercent(), v.maxAttempts(),
                v.countedAttempt(), v.requiredToComplete(), shown, learner, attempts.size(), latest,
                counted == null ? null : counted.scorePercent(), counted != null && counted.passed());
    }

    /** The attempt that counts: the best (the earliest of equal ones) or the last. */
    static QuizStore.Attempt counted(List<QuizStore.Attempt> attempts, CountedAttempt policy) {
        if (attempts.isEmpty()) {
            return null;
        }
        return policy == CountedAttempt.LAST ? attempts.getLast()
                : attempts.stream().max(Comparator.comparingInt(QuizStore.Attempt::scorePercent)
                .thenComparing(Comparator.comparingInt(QuizStore.Attempt::number).reversed())).orElseThrow();
    }

    /** An attempt with the questions of the version it was taken on: an edit since changes nothing here. */
    private QuizResult review(QuizStore.Attempt attempt) {
        List<QuizStore.Question> questions = store.questions(attempt.versionId());
        Map<Long, QuizStore.Answer> answers = store.answers(attempt.id()).stream()
                .collect(Collectors.toMap(QuizStore.Answer::questionId, a -> a));
        Set<Long> chosenIds = answers.values().stream().flatMap(a -> a.optionIds().stream()).collect(Collectors.toSet());
        Map<Long, QuizStore.Option> chosen = store.optionsById(chosenIds);
        List<AnswerReview> reviews = questions.stream().map(q -> {
            QuizStore.Answer a = answers.get(q.id());
            String yours;
            if (a == null) {
                yours = "";
            } else if (q.questionKind() == QuestionKind.SHORT) {
                yours = a.textAnswer() == null ? "" : a.textAnswer();
            } else {
                yours = a.optionIds().stream().map(chosen::get).filter(java.util.Objects::nonNull)
                        .sorted(Comparator.comparingInt(QuizStore.Option::position)).map(QuizStore.Option::label)
                        .collect(Collectors.joining(", "));
            }
            return new AnswerReview(q.id(), q.position(), q.questionKind(), q.prompt(), yours,
                    a != null && a.correct(), q.explanation());
        }).toList();
        return new QuizResult(attempt.id(), attempt.number(), attempt.version(), attempt.scorePercent(),
                attempt.correctCount(), attempt.questionCount(), attempt.passed(), attempt.submittedAt(), reviews);
    }

    // ---- the cohort's picture ------------------------------------------------------------------------

    /** Every learner's counted score per quiz, each quiz's average and hardest question; the cohort's staff only. */
    @Transactional(readOnly = true)
    @SignedIn
    public CohortQuizzes cohortQuizzes(long cohortId) {
        CohortSummary cohort = cohorts.requireStaff(cohortId);
        CourseOutline outline = courses.outline(cohort.courseId());
        Map<Long, LessonSummary> lessons = outline.lessons().stream()
                .collect(Collectors.toMap(LessonSummary::id, l -> l));
        List<QuizStore.Version> versions = store.currentVersionsOfCourse(cohort.courseId()).stream()
                .filter(v -> lessons.containsKey(v.lessonId()))
                .sorted(Comparator.comparingInt(v -> lessons.get(v.lessonId()).position())).toList();
        List<CohortLearner> learners = cohorts.learners(cohortId);
        Set<Long> learnerIds = learners.stream().map(CohortLearner::userId).collect(Collectors.toSet());
        // Attempts of people since moved out of the cohort stay stored, but are not this cohort's picture.
        Map<Long, Map<Long, List<QuizStore.Attempt>>> byQuizAndUser = store.cohortAttempts(cohortId).stream()
                .filter(a -> learnerIds.contains(a.userId()))
                .collect(Collectors.groupingBy(QuizStore.Attempt::quizId,
                        Collectors.groupingBy(QuizStore.Attempt::userId, LinkedHashMap::new, Collectors.toList())));
        Map<Long, Map<Long, LearnerScore>> scoresByUser = new HashMap<>();
        Map<Long, List<Integer>> countedByQuiz = new HashMap<>();
        for (QuizStore.Version v : versions) {
            byQuizAndUser.getOrDefault(v.quizId(), Map.of()).forEach((userId, attempts) -> {
                QuizStore.Attempt c = counted(attempts, v.countedAttempt());
                scoresByUser.computeIfAbsent(userId, k -> new HashMap<>())
                        .put(v.quizId(), new LearnerScore(c.scorePercent(), c.passed(), attempts.size()));
                countedByQuiz.computeIfAbsent(v.quizId(), k -> new ArrayList<>()).add(c.scorePercent());
            });
        }
        Map<Long, QuizStore.QuestionShare> hardest = new HashMap<>();
        for (QuizStore.QuestionShare s : store.questionShares(cohortId)) {
            QuizStore.QuestionShare h = hardest.get(s.quizId());
            // Compared as fractions without rounding; ties go to the question answered more often.
            if (h == null || s.rightCount() * h.answered() < h.rightCount() * s.answered()
                    || s.rightCount() * h.answered() == h.rightCount() * s.answered() && s.answered() > h.answered()) {
                hardest.put(s.quizId(), s);
            }
        }
        List<QuizColumn> columns = versions.stream().map(v -> {
            LessonSummary lesson = lessons.get(v.lessonId());
            List<Integer> counted = countedByQuiz.getOrDefault(v.quizId(), List.of());
            Integer average = counted.isEmpty() ? null
                    : (int) (counted.stream().mapToLong(Integer::longValue).sum() / counted.size());
            QuizStore.QuestionShare h = hardest.get(v.quizId());
            return new QuizColumn(v.quizId(), v.lessonId(), lesson.position(), lesson.title(), v.passPercent(),
                    average, counted.size(), h == null ? null : h.prompt(),
                    h == null ? null : percent(h.rightCount(), h.answered()));
        }).toList();
        List<LearnerScores> rows = learners.stream().map(l -> new LearnerScores(l.userId(), l.displayName(),
                scoresByUser.getOrDefault(l.userId(), Map.of()))).toList();
        return new CohortQuizzes(cohortId, columns, rows);
    }

    /** Rounded down, so 100 % means every answer right. */
    static int percent(long right, long total) {
        return total <= 0 ? 0 : (int) Math.min(100, right * 100 / total);
    }
}
