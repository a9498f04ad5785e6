package org.academy.course;

import org.academy.security.AdminOnly;
import org.academy.security.SignedIn;

import org.springframework.data.domain.Sort;
import java.util.List;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cache.CacheManager;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;
import org.academy.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Course content. Content changes rarely and is read on every lesson page, so outlines and
 * lessons are cached in memory; every write evicts after its commit. A course is read by the
 * learners and instructors of its cohorts ({@link CourseReaders}) once published, and by
 * administrators always; everyone else is told it does not exist.
 */
@Service
public class CourseService {

    static final int MAX_LESSONS = 200;
    static final int MAX_MARKDOWN = 200_000;
    static final String COURSE_NOT_FOUND = "This course does not exist.";
    static final String LESSON_NOT_FOUND = "This lesson does not exist in your course.";

    private final CourseRepository courses;
    private final LessonRepository lessons;
    private final org.springframework.cache.Cache outlineCache;
    private final org.springframework.cache.Cache lessonCache;
    private final CourseReaders readers;
    /** Whether a person may read a course, briefly: lesson pages and dashboards ask on every load. */
    private final Cache<ReaderKey, Boolean> readable;

    private record ReaderKey(long userId, long courseId) {
    }

    CourseService(CourseRepository courses, LessonRepository lessons, CacheManager caches, CourseReaders readers,
                  @Value("${academy.membership-cache-ttl:5s}") Duration membershipTtl) {
        this.courses = courses;
        this.lessons = lessons;
        this.outlineCache = caches.getCache("course-outlines");
        this.lessonCache = caches.getCache("course-lessons");
        this.readers = readers;
        this.readable = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(membershipTtl).build();
    }

    @Transactional
    @AdminOnly
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
        outlineCache.evict(saved.getId());
        return toOutline(saved);
    }

    /** The outline of a course, for its readers (see the class comment); cached. */
    @Transactional(readOnly = true)
    @SignedIn
    public CourseOutline outline(long courseId) {
        return requireReadable(CurrentUser.require(), cachedOutline(courseId));
    }

    /** One lesson of a course, with its content, for the course's readers; cached. */
    @Transactional(readOnly = true)
    @SignedIn
    public LessonContent lesson(long courseId, long lessonId) {
        requireReadable(CurrentUser.require(), cachedOutline(courseId));
        LessonContent content = cached(lessonCache, lessonId, () -> lessons.findByIdAndCourseId(lessonId, courseId)
                .map(l -> content(l, courseId)), LESSON_NOT_FOUND);
        if (content.courseId() != courseId) {
            throw new NotFoundException(LESSON_NOT_FOUND);
        }
        return content;
    }

    /**
     * The title of a published course, for lists of its cohorts that anyone in them may see
     * (a cohort exists only for a published course). Drafts' titles only for administrators.
     */
    @Transactional(readOnly = true)
    @SignedIn
    public String title(long courseId) {
        CourseOutline outline = cachedOutline(courseId);
        if (!outline.published() && !CurrentUser.require().has(Role.ADMIN)) {
            throw new NotFoundException(COURSE_NOT_FOUND);
        }
        return outline.title();
    }

    private CourseOutline cachedOutline(long courseId) {
        return cached(outlineCache, courseId, () -> courses.findWithLessons(courseId).map(CourseService::toOutline),
                COURSE_NOT_FOUND);
    }

    /**
     * Loads through the cache atomically (a concurrent eviction waits for the load, then removes
     * what it loaded); nothing is cached for what does not exist.
     */
    private static <T> T cached(org.springframework.cache.Cache cache, long key,
                                java.util.function.Supplier<java.util.Optional<T>> load, String notFound) {
        try {
            return cache.get(key, () -> load.get().orElseThrow(() -> new NotFoundException(notFound)));
        } catch (org.springframework.cache.Cache.ValueRetrievalException e) {
            if (e.getCause() instanceof NotFoundException missing) {
                throw missing;
            }
            throw e;
        }
    }

    private CourseOutline requireReadable(AcademyUser caller, CourseOutline outline) {
        if (caller.has(Role.ADMIN)) {
            return outline;
        }
        boolean may = outline.published() && readable.get(new ReaderKey(caller.id(), outline.id()),
                key -> readers.learns(key.userId(), key.courseId()) || readers.teaches(key.userId(), key.courseId()));
        if (!may) {
            // Same words as a course that does not exist: ids cannot be probed.
            throw new NotFoundException(COURSE_NOT_FOUND);
        }
        return outline;
    }

    // ---- Authoring: administrators only; every write evicts what it changes from the caches -------

    /** Every course, drafts included, by title. */
    @Transactional(readOnly = true)
    @AdminOnly
    public List<CourseOutline> allCourses() {
        CurrentUser.requireAny(Role.ADMIN);
        return courses.findAll(Sort.by("title", "id")).stream()
                .map(c -> cachedOutline(c.getId())).toList();
    }

    /** Published courses, by title: what cohorts and seat pools can be created for. */
    @Transactional(readOnly = true)
    @AdminOnly
    public List<CourseOutline> publishedCourses() {
        return allCourses().stream().filter(CourseOutline::published).toList();
    }

    /** A new, unpublished course without lessons. */
    @Transactional
    @AdminOnly
    public CourseOutline createDraft(String title, String summary) {
        CurrentUser.requireAny(Role.ADMIN);
        Course saved = courses.saveAndFlush(new Course(validTitle(title), validSummary(summary)));
        return toOutline(saved);
    }

    @Transactional
    @AdminOnly
    public CourseOutline editCourse(long courseId, String title, String summary) {
        Course course = requireForEdit(courseId);
        course.edit(validTitle(title), validSummary(summary));
        return evicted(course);
    }

    /** Publishing needs at least one lesson; it cannot be undone, since cohorts may use the course. */
    @Transactional
    @AdminOnly
    public CourseOutline publish(long courseId) {
        Course course = requireForEdit(courseId);
        if (course.getLessons().isEmpty()) {
            throw new InvalidRequestException("Add at least one lesson before publishing.");
        }
        course.publish();
        return evicted(course);
    }

    @Transactional
    @AdminOnly
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
    @AdminOnly
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
    @AdminOnly
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
    @AdminOnly
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
        return courses.findWithLessons(courseId).orElseThrow(() -> new NotFoundException(COURSE_NOT_FOUND));
    }

    private static Lesson lessonOf(Course course, long lessonId) {
        return course.getLessons().stream().filter(l -> l.getId() == lessonId).findFirst()
                .orElseThrow(() -> new NotFoundException("This lesson does not exist in this course."));
    }

    /** Evicts after commit (the cache manager is transaction-aware); lessons are few and edits rare, so all go. */
    private CourseOutline evicted(Course course) {
        outlineCache.evict(course.getId());
        lessonCache.clear();
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
