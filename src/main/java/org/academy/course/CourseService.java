package org.academy.course;

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
            if (l.title() == null || l.title().isBlank() || l.title().length() > 200) {
                throw new InvalidRequestException("Every lesson needs a title of 1 to 200 characters.");
            }
            if (l.markdown() == null || l.markdown().length() > MAX_MARKDOWN) {
                throw new InvalidRequestException("Lesson content is limited to " + MAX_MARKDOWN + " characters.");
            }
            course.addLesson(l.title().strip(), Math.max(0, l.durationMinutes()), l.markdown());
        }
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
                        l.getDurationMinutes(), l.getContentMarkdown()))
                .orElseThrow(() -> new NotFoundException("This lesson does not exist in your course."));
        lessonCache.put(lessonId, loaded);
        return loaded;
    }

    private static CourseOutline toOutline(Course c) {
        return new CourseOutline(c.getId(), c.getTitle(), c.getSummary(), c.getLessons().stream()
                .map(l -> new LessonSummary(l.getId(), l.getPosition(), l.getTitle(), l.getDurationMinutes()))
                .toList());
    }
}
