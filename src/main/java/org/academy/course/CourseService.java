package org.academy.course;

import org.springframework.data.domain.Sort;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.security.CurrentUser;
import org.academy.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Course content. Content changes rarely and is read on every lesson page, so outlines and
 * lessons are cached in memory; every write evicts. Who may read which course is decided by the
 * cohort-aware services that call this one (a learner reads a course through their cohort).
 */
@Service
public class CourseService {

    static final int MAX_LESSONS = 200;
    static final int MAX_MARKDOWN = 200_000;

    private final CourseRepository courses;
    private final LessonRepository lessons;
    private final Map<Long, CourseOutline> outlineCache = new ConcurrentHashMap<>();
    private final Map<Long, LessonContent> lessonCache = new ConcurrentHashMap<>();

    CourseService(CourseRepository courses, LessonRepository lessons) {
        this.courses = courses;
        this.lessons = lessons;
    }

    @Transactional
    public CourseOutline createCourse(String title, String summary, List<NewLesson> newLessons) {
        CurrentUser.requireAny(Role.ADMIN);
        if (title == null || title.isBlank() || title.length() > 200) {
            throw new InvalidRequestException("A course needs a title of 1 to 200 characters.");
        }
        if (newLessons == null || newLessons.isEmpty() || newLessons.size() > MAX_LESSONS) {
            throw new InvalidRequestException("A course needs 1 to " + MAX_LESSONS + " lessons.");
        }
        Course course = new Course(title.strip(), summary == null ? "" : summary.strip());
        for (NewLesson l : newLessons) {
            NewLesson valid = validLesson(l);
            course.addLesson(valid.title(), valid.durationMinutes(), valid.markdown());
        }
        // A course created whole (an import, the demo) is ready; drafts come from createDraft.
        course.publish();
        Course saved = courses.saveAndFlush(course);
        outlineCache.remove(saved.getId());
        return toOutline(saved);
    }

    /** The outline of a course; cached. */
    @Transactional(readOnly = true)
    public CourseOutline outline(long courseId) {
        CurrentUser.require();
        CourseOutline cached = outlineCache.get(courseId);
        if (cached != null) {
            return cached;
        }
        CourseOutline loaded = courses.findWithLessons(courseId).map(CourseService::toOutline)
                .orElseThrow(() -> new NotFoundException("This course does not exist."));
        outlineCache.put(courseId, loaded);
        return loaded;
    }

    /** One lesson of a course, with its content; cached. */
    @Transactional(readOnly = true)
    public LessonContent lesson(long courseId, long lessonId) {
        CurrentUser.require();
        LessonContent cached = lessonCache.get(lessonId);
        if (cached != null && cached.courseId() == courseId) {
            return cached;
        }
        LessonContent loaded = lessons.findByIdAndCourseId(lessonId, courseId)
                .map(l -> new LessonContent(l.getId(), courseId, l.getPosition(), l.getTitle(),
                        l.getDurationMinutes(), LessonMarkdown.clean(l.getContentMarkdown())))
                .orElseThrow(() -> new NotFoundException("This lesson does not exist in your course."));
        lessonCache.put(lessonId, loaded);
        return loaded;
    }

    // ---- Authoring: administrators only; every write evicts what it changes from the caches -------

    /** Every course, drafts included, by title. */
    @Transactional(readOnly = true)
    public List<CourseOutline> allCourses() {
        CurrentUser.requireAny(Role.ADMIN);
        return courses.findAll(Sort.by("title", "id")).stream()
                .map(c -> outline(c.getId())).toList();
    }

    /** Published courses, by title: what cohorts and seat pools can be created for. */
    @Transactional(readOnly = true)
    public List<CourseOutline> publishedCourses() {
        return allCourses().stream().filter(CourseOutline::published).toList();
    }

    /** A new, unpublished course without lessons. */
    @Transactional
    public CourseOutline createDraft(String title, String summary) {
        CurrentUser.requireAny(Role.ADMIN);
        Course saved = courses.saveAndFlush(new Course(validTitle(title), validSummary(summary)));
        return toOutline(saved);
    }

    @Transactional
    public CourseOutline editCourse(long courseId, String title, String summary) {
        Course course = requireForEdit(courseId);
        course.edit(validTitle(title), validSummary(summary));
        return evicted(course);
    }

    /** Publishing needs at least one lesson; it cannot be undone, since cohorts may use the course. */
    @Transactional
    public CourseOutline publish(long courseId) {
        Course course = requireForEdit(courseId);
        if (course.getLessons().isEmpty()) {
            throw new InvalidRequestException("Add at least one lesson before publishing.");
        }
        course.publish();
        return evicted(course);
    }

    @Transactional
    public LessonContent addLesson(long courseId, NewLesson lesson) {
        Course course = requireForEdit(courseId);
        if (course.getLessons().size() >= MAX_LESSONS) {
            throw new InvalidRequestException("A course has at most " + MAX_LESSONS + " lessons.");
        }
        NewLesson valid = validLesson(lesson);
        Lesson added = course.addLesson(valid.title(), valid.durationMinutes(), valid.markdown());
        // Flush, not save: saving a managed course merges, and the merged copy would get the id.
        courses.flush();
        evicted(course);
        return content(added, courseId);
    }

    @Transactional
    public LessonContent editLesson(long courseId, long lessonId, NewLesson lesson) {
        Course course = requireForEdit(courseId);
        Lesson existing = lessonOf(course, lessonId);
        NewLesson valid = validLesson(lesson);
        existing.edit(valid.title(), valid.durationMinutes(), valid.markdown());
        evicted(course);
        return content(existing, courseId);
    }

    /** Moves a lesson to a 0-based index of the outline; the others close up around it. */
    @Transactional
    public CourseOutline moveLesson(long courseId, long lessonId, int newIndex) {
        Course course = requireForEdit(courseId);
        course.move(lessonOf(course, lessonId), newIndex);
        courses.flush();
        return evicted(course);
    }

    /**
     * Removes a lesson of a draft. Lessons of a published course stay: learners' completions and
     * progress refer to them; edit or reorder them instead.
     */
    @Transactional
    public CourseOutline deleteLesson(long courseId, long lessonId) {
        Course course = requireForEdit(courseId);
        if (course.isPublished()) {
            throw new InvalidRequestException("Lessons of a published course cannot be deleted; learners' progress refers to them.");
        }
        course.remove(lessonOf(course, lessonId));
        courses.flush();
        return evicted(course);
    }

    private Course requireForEdit(long courseId) {
        CurrentUser.requireAny(Role.ADMIN);
        return courses.findWithLessons(courseId).orElseThrow(() -> new NotFoundException("This course does not exist."));
    }

    private static Lesson lessonOf(Course course, long lessonId) {
        return course.getLessons().stream().filter(l -> l.getId() == lessonId).findFirst()
                .orElseThrow(() -> new NotFoundException("This lesson does not exist in this course."));
    }

    private CourseOutline evicted(Course course) {
        outlineCache.remove(course.getId());
        lessonCache.values().removeIf(l -> l.courseId() == course.getId());
        return toOutline(course);
    }

    private static LessonContent content(Lesson l, long courseId) {
        // Cleaned on the way out too: content stored before cleaning existed is as safe as new content.
        return new LessonContent(l.getId(), courseId, l.getPosition(), l.getTitle(), l.getDurationMinutes(),
                LessonMarkdown.clean(l.getContentMarkdown()));
    }

    private static String validTitle(String title) {
        if (title == null || title.isBlank() || title.length() > 200) {
            throw new InvalidRequestException("A course needs a title of 1 to 200 characters.");
        }
        return title.strip();
    }

    private static String validSummary(String summary) {
        String s = summary == null ? "" : summary.strip();
        if (s.length() > 2000) {
            throw new InvalidRequestException("A course summary is limited to 2,000 characters.");
        }
        return s;
    }

    private static NewLesson validLesson(NewLesson l) {
        if (l == null || l.title() == null || l.title().isBlank() || l.title().length() > 200) {
            throw new InvalidRequestException("Every lesson needs a title of 1 to 200 characters.");
        }
        if (l.markdown() == null || l.markdown().length() > MAX_MARKDOWN) {
            throw new InvalidRequestException("Lesson content is limited to " + MAX_MARKDOWN + " characters.");
        }
        if (l.durationMinutes() < 0 || l.durationMinutes() > 24 * 60) {
            throw new InvalidRequestException("A lesson lasts 0 to 1,440 minutes.");
        }
        // Raw HTML never reaches the table: a learner's page must not be restyled or wrapped in a form.
        return new NewLesson(l.title().strip(), l.durationMinutes(), LessonMarkdown.clean(l.markdown()));
    }

    private static CourseOutline toOutline(Course c) {
        return new CourseOutline(c.getId(), c.getTitle(), c.getSummary(), c.getLessons().stream()
                .map(l -> new LessonSummary(l.getId(), l.getPosition(), l.getTitle(), l.getDurationMinutes()))
                .toList(), c.isPublished());
    }
}
