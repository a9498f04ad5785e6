package org.academy.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.academy.cohort.CohortService;
import org.academy.cohort.CohortSummary;
import org.academy.course.CourseOutline;
import org.academy.course.CourseService;
import org.academy.course.NewLesson;
import org.academy.identity.IdentityService;
import org.academy.identity.OrganisationSummary;
import org.academy.identity.PersonSummary;
import org.academy.livesession.LiveSessionService;
import org.academy.seats.SeatService;
import org.academy.security.AcademyUser;
import org.academy.security.Role;
import org.academy.security.SystemActor;
import org.academy.project.ProjectService;
import org.academy.quiz.CountedAttempt;
import org.academy.quiz.LearnerQuiz;
import org.academy.quiz.OptionDraft;
import org.academy.quiz.QuestionDraft;
import org.academy.quiz.QuestionKind;
import org.academy.quiz.QuizAnswer;
import org.academy.quiz.QuizDraft;
import org.academy.quiz.QuizQuestion;
import org.academy.quiz.QuizService;
import org.academy.quiz.QuizSubmission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo organisation, course, cohort and people, loaded through the same services (and checks)
 * as everything else. Only with the {@code demo} profile; loading twice changes nothing.
 */
@Component
@Profile("demo")
class DemoData implements ApplicationRunner {

    // At least 10 characters: the password rule (IdentityService) applies to demo accounts too.
    static final String PASSWORD = "academy";
    static final String ORGANISATION = "Northwind Analytics";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private static final List<String> STUDENTS = List.of(
            "Aino Virtanen", "Ben Okafor", "Carla Mendes", "Dmitri Volkov", "Elif Yilmaz", "Finn O'Brien",
            "Grace Liu", "Hugo Laurent", "Ines García", "Jonas Weber", "Kavya Reddy", "Lars Nilsson",
            "Maya Cohen", "Noah Schmidt", "Olivia Brown", "Pedro Alves", "Quinn Murphy", "Rosa Rossi",
            "Sami Haddad", "Tuuli Korhonen", "Uma Patel", "Victor Dubois");

    private final IdentityService identity;
    private final CourseService courses;
    private final CohortService cohorts;
    private final LiveSessionService sessions;
    private final SeatService seats;
    private final JdbcClient jdbc;
    private final ProjectService projects;
    private final QuizService quizzes;

    private final Clock clock;

    DemoData(IdentityService identity, CourseService courses, CohortService cohorts, LiveSessionService sessions,
             SeatService seats, JdbcClient jdbc, ProjectService projects, QuizService quizzes, Clock clock) {
        // Dates are local to the server's zone (as the screens show them), time comes from the one Clock.
        this.clock = clock.withZone(ZoneId.systemDefault());
        this.projects = projects;
        this.quizzes = quizzes;
        this.seats = seats;
        this.identity = identity;
        this.courses = courses;
        this.cohorts = cohorts;
        this.sessions = sessions;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean loaded = jdbc.sql("select 1 from organisation where name = ?").param(ORGANISATION)
                .query(Integer.class).optional().isPresent();
        if (loaded) {
            log.info("Demo data already present; log in as instructor@academy.demo / {}", PASSWORD);
            return;
        }
        SystemActor.run(this::load);
        log.info("Demo data loaded: admin@academy.demo, orgadmin@northwind.demo, instructor@academy.demo, "
                + "student1@northwind.demo … student{}@northwind.demo, all with password '{}'", STUDENTS.size(), PASSWORD);
    }

    private void load() {
        OrganisationSummary org = identity.createOrganisation(ORGANISATION);
        PersonSummary admin = identity.createUser(null, "admin@academy.demo", "Ada Admin", PASSWORD, Set.of(Role.ADMIN));
        identity.createUser(org.id(), "orgadmin@northwind.demo", "Oskar Org-Admin", PASSWORD, Set.of(Role.ORG_ADMIN));
        PersonSummary instructor = identity.createUser(null, "instructor@academy.demo", "Irene Instructor",
                PASSWORD, Set.of(Role.INSTRUCTOR));

        CourseOutline course = courses.createCourse("AI Enablement Intensive",
                "Two days from first prompts to a working, evaluated AI workflow for your own team.", lessons());
        // The two-day cohort runs today and tomorrow, so the demo always has a session "today"
        // inside the cohort's dates, whenever it is loaded.
        LocalDate start = LocalDate.now(clock);
        CohortSummary cohort = cohorts.createCohort(course.id(), "Northwind · " + start, start, start.plusDays(1));
        cohorts.addInstructor(cohort.id(), instructor.id());

        List<PersonSummary> students = new java.util.ArrayList<>();
        for (int i = 0; i < STUDENTS.size(); i++) {
            PersonSummary student = identity.createUser(org.id(), "student" + (i + 1) + "@northwind.demo",
                    STUDENTS.get(i), PASSWORD, Set.of(Role.STUDENT));
            cohorts.enrol(cohort.id(), student.id());
            students.add(student);
        }

        // The seats Northwind bought: 25 for this cohort, 22 of them held by the learners above.
        AcademyUser ada = new AcademyUser(admin.id(), null, admin.email(), admin.displayName(), null, true, admin.roles());
        SystemActor.callAs(ada, () -> {
            var pool = seats.createPool(org.id(), course.id(), cohort.id(), 25, start.minusDays(30), start.plusDays(60));
            for (int i = 0; i < STUDENTS.size(); i++) {
                seats.assign(pool.id(), "student" + (i + 1) + "@northwind.demo", null);
            }
            return pool;
        });

        loadAdministration(ada, course, start);
        loadQuizzes(ada, course, cohort, students);

        // Two live sessions the instructor can start from Cohorts → dashboard → Live sessions.
        AcademyUser irene = new AcademyUser(instructor.id(), null, instructor.email(), instructor.displayName(), null,
                true, instructor.roles());
        // Day 1's session starts at the top of the current hour (today, and near enough to start
        // without the "far from its time" question); day 2's at 9:00 tomorrow, the cohort's last day.
        Instant dayOne = clock.instant().atZone(clock.getZone()).truncatedTo(ChronoUnit.HOURS).toInstant();
        Instant dayTwo = start.plusDays(1).atTime(9, 0).atZone(clock.getZone()).toInstant();
        SystemActor.callAs(irene, () -> {
            sessions.schedule(cohort.id(), "Day 1 kick-off: what we will build", dayOne, dayOne.plus(Duration.ofMinutes(90)));
            return sessions.schedule(cohort.id(), "Day 2 build-sprint check-in", dayTwo, dayTwo.plus(Duration.ofHours(1)));
        });
        loadProjects(ada, irene, course, cohort.id(), students);
    }

    /**
     * A project on the last lesson: three learners handed it in (one twice), the instructor reviewed
     * one with a grade, so the queue, the feedback and the organisation report all show something.
     */
    private void loadProjects(AcademyUser ada, AcademyUser irene, CourseOutline course, long cohortId,
                              List<PersonSummary> students) {
        long lesson = course.lessons().getLast().id();
        SystemActor.callAs(ada, () -> projects.setBrief(lesson, """
                ## Project: your team's first AI workflow

                Pick one task your team does every week. Describe, in a page at most:

                1. the task and who does it today,
                2. the prompt or workflow you built for it,
                3. how you evaluated the output (examples that passed and failed),
                4. what you would change next.

                Link a shared document or repository if you have one.
                """));
        var first = SystemActor.callAs(learner(students.get(0)), () -> {
            projects.submit(cohortId, lesson, "Weekly status reports: a first draft of the workflow.", List.of());
            return projects.submit(cohortId, lesson, """
                    **Task:** weekly status reports for the support team, written by hand by the team lead (2 h).

                    **Workflow:** ticket export → summarising prompt with our report template → lead reviews.

                    **Evaluation:** 10 past weeks; 8 summaries matched the lead's report, 2 missed escalations.

                    **Next:** add the escalation list to the prompt.
                    """, List.of("https://example.com/northwind/status-report-workflow"));
        });
        SystemActor.callAs(learner(students.get(1)), () -> projects.submit(cohortId, lesson,
                "Drafting replies to supplier emails with a prompt that includes our contract terms.", List.of()));
        SystemActor.callAs(learner(students.get(2)), () -> projects.submit(cohortId, lesson,
                "Classifying incoming invoices by cost centre; evaluated on 50 invoices (46 right).",
                List.of("https://example.com/northwind/invoice-classifier")));
        SystemActor.callAs(irene, () -> projects.review(first.id(), first.latest().version(), """
                A clear, honest evaluation — the two missed escalations are exactly the kind of failure to look for.
                Adding the escalation list is the right next step; keep the 10-week test set to re-check it.
                """, "Pass with distinction", false));
    }

    private static AcademyUser learner(PersonSummary p) {
        return new AcademyUser(p.id(), p.organisationId(), p.email(), p.displayName(), null, true, p.roles());
    }

    /**
     * Quizzes on lessons 2 and 3 with a few attempts, so the lesson page, the course editor and the
     * dashboard's quiz section have something to show. The attempts go through the service as the
     * learners themselves (scored like any other).
     */
    private void loadQuizzes(AcademyUser ada, CourseOutline course, CohortSummary cohort, List<PersonSummary> learners) {
        long tokensLesson = course.lessons().get(1).id();
        long promptingLesson = course.lessons().get(2).id();
        SystemActor.callAs(ada, () -> {
            quizzes.saveQuiz(course.id(), tokensLesson, new QuizDraft(60, 2, CountedAttempt.BEST, false, List.of(
                    new QuestionDraft(QuestionKind.SINGLE, "What are a model's limits and prices counted in?",
                            List.of(new OptionDraft("Tokens", true), new OptionDraft("Words", false),
                                    new OptionDraft("Characters", false)),
                            "Limits, prices and the context window are all counted in tokens: pieces of words."),
                    new QuestionDraft(QuestionKind.MULTIPLE, "What does the context window hold?",
                            List.of(new OptionDraft("Your instructions", true),
                                    new OptionDraft("The documents you pasted in", true),
                                    new OptionDraft("The conversation so far", true),
                                    new OptionDraft("Everything the model was trained on", false)),
                            "Everything the model can see at once, its own answer included; not its training data."),
                    new QuestionDraft(QuestionKind.SHORT, "The model repeatedly predicts the most plausible next … "
                            + "(one word)", List.of(new OptionDraft("token", true)),
                            "Next-token prediction: fluent text is not the same as checked facts."))));
            return quizzes.saveQuiz(course.id(), promptingLesson, new QuizDraft(70, null, CountedAttempt.LAST, true,
                    List.of(new QuestionDraft(QuestionKind.SINGLE, "A good prompt reads like a brief to …",
                                    List.of(new OptionDraft("a capable new colleague who knows nothing of your context",
                                                    true),
                                            new OptionDraft("an expert who already knows your company", false),
                                            new OptionDraft("a search engine", false)), ""),
                            new QuestionDraft(QuestionKind.MULTIPLE, "Which are among the five parts of a prompt?",
                                    List.of(new OptionDraft("Role and goal", true), new OptionDraft("Constraints", true),
                                            new OptionDraft("Examples", true), new OptionDraft("Flattery", false)),
                                    "Role and goal, context, constraints, format, examples."),
                            new QuestionDraft(QuestionKind.SHORT, "Giving the model one or two input → output pairs "
                                    + "is called … prompting.", List.of(new OptionDraft("few-shot", true),
                                    new OptionDraft("few shot", true)), "Few-shot: the examples show the format."))));
        });
        List<String> allPartsOfTheWindow = List.of("Your instructions", "The documents you pasted in",
                "The conversation so far");
        attempt(learners.get(0), cohort, tokensLesson, "Tokens", allPartsOfTheWindow, "token");
        attempt(learners.get(1), cohort, tokensLesson, "Words", List.of("Your instructions"), "word");
        attempt(learners.get(1), cohort, tokensLesson, "Tokens", allPartsOfTheWindow, "Token");
        attempt(learners.get(2), cohort, tokensLesson, "Tokens", List.of("Your instructions",
                "Everything the model was trained on"), "token");
        attempt(learners.get(3), cohort, tokensLesson, "Characters", List.of("The conversation so far"), "tokens");
        attempt(learners.get(4), cohort, tokensLesson, "Tokens", allPartsOfTheWindow, " TOKEN ");
        List<String> threeParts = List.of("Role and goal", "Constraints", "Examples");
        String colleague = "a capable new colleague who knows nothing of your context";
        attempt(learners.get(0), cohort, promptingLesson, colleague, threeParts, "few-shot");
        attempt(learners.get(1), cohort, promptingLesson, "a search engine", List.of("Role and goal"), "zero-shot");
        attempt(learners.get(2), cohort, promptingLesson, colleague, List.of("Role and goal", "Flattery"), "Few Shot");
    }

    /** One attempt of a learner: the label chosen, the labels ticked, the text typed. */
    private void attempt(PersonSummary learner, CohortSummary cohort, long lessonId, String single,
                         List<String> multiple, String text) {
        AcademyUser user = new AcademyUser(learner.id(), learner.organisationId(), learner.email(),
                learner.displayName(), null, true, learner.roles());
        SystemActor.callAs(user, () -> {
            LearnerQuiz quiz = quizzes.quizFor(cohort.id(), lessonId).orElseThrow();
            List<QuizAnswer> answers = new ArrayList<>();
            for (QuizQuestion q : quiz.questions()) {
                switch (q.kind()) {
                    case SINGLE -> answers.add(QuizAnswer.choice(q.id(), idOf(q, single)));
                    case MULTIPLE -> answers.add(new QuizAnswer(q.id(),
                            Set.copyOf(multiple.stream().map(label -> idOf(q, label)).toList()), null));
                    case SHORT -> answers.add(QuizAnswer.text(q.id(), text));
                }
            }
            return quizzes.submit(cohort.id(), lessonId, new QuizSubmission(quiz.versionId(),
                    quiz.nextAttemptNumber(), answers));
        });
    }

    private static long idOf(QuizQuestion q, String label) {
        return q.options().stream().filter(o -> o.label().equals(label)).findFirst().orElseThrow().id();
    }

    /**
     * What the admin screens need to show something: a later cohort to move learners to, a draft
     * course in the editor, and a second customer with a course-wide pool and two invited people.
     */
    private void loadAdministration(AcademyUser ada, CourseOutline course, LocalDate start) {
        SystemActor.callAs(ada, () -> {
            cohorts.createCohort(course.id(), "Northwind · " + start.plusWeeks(4), start.plusWeeks(4),
                    start.plusWeeks(4).plusDays(1));
            CourseOutline draft = courses.createDraft("Evaluating LLM outputs",
                    "A one-day follow-up: test sets, rubrics and regression checks for prompts.");
            courses.addLesson(draft.id(), new NewLesson("Why evaluate", 20,
                    "# Why evaluate\n\nA prompt that worked yesterday may not work **today**."));
            courses.addLesson(draft.id(), new NewLesson("Building a test set", 30,
                    "# Building a test set\n\n1. Collect real inputs\n2. Write the expected answers\n3. Keep it small"));
            OrganisationSummary contoso = identity.createOrganisation("Contoso Retail");
            identity.createUser(contoso.id(), "orgadmin@contoso.demo", "Carla Contoso", PASSWORD, Set.of(Role.ORG_ADMIN));
            var pool = seats.createPool(contoso.id(), course.id(), null, 10, start.minusDays(7), start.plusMonths(6));
            seats.assign(pool.id(), "dana@contoso.demo", "Dana Invited");
            seats.assign(pool.id(), "eli@contoso.demo", "Eli Invited");
            return pool;
        });
    }

    private static List<NewLesson> lessons() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:demo/lessons/*.md");
            Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            List<NewLesson> lessons = new ArrayList<>();
            for (Resource file : files) {
                try (InputStream in = file.getInputStream()) {
                    String markdown = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    String title = markdown.lines().findFirst().orElse("Lesson").replaceFirst("^#\\s*", "");
                    int minutes = 20 + 5 * (markdown.length() / 600);
                    lessons.add(new NewLesson(title, minutes, markdown));
                }
            }
            return lessons;
        } catch (IOException e) {
            throw new IllegalStateException("Demo lessons could not be read", e);
        }
    }
}
