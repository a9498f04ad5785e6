package org.academy.course;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

@Entity
@Table(name = "course")
class Course {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private String summary;

    @Column(nullable = false)
    private boolean published;

    @OneToMany(mappedBy = "course", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<Lesson> lessons = new ArrayList<>();

    protected Course() {
    }

    Course(String title, String summary) {
        this.title = title;
        this.summary = summary;
    }

    Long getId() {
        return id;
    }

    String getTitle() {
        return title;
    }

    String getSummary() {
        return summary;
    }

    boolean isPublished() {
        return published;
    }

    void publish() {
        this.published = true;
    }

    void edit(String newTitle, String newSummary) {
        this.title = newTitle;
        this.summary = newSummary;
    }

    /** Moves a lesson to a new index and renumbers all; the deferred unique key allows the swaps. */
    void move(Lesson lesson, int newIndex) {
        lessons.remove(lesson);
        lessons.add(Math.clamp(newIndex, 0, lessons.size()), lesson);
        renumber();
    }

    void remove(Lesson lesson) {
        lessons.remove(lesson);
        renumber();
    }

    private void renumber() {
        for (int i = 0; i < lessons.size(); i++) {
            lessons.get(i).setPosition(i);
        }
    }

    List<Lesson> getLessons() {
        return lessons;
    }

    Lesson addLesson(String title, int durationMinutes, String markdown) {
        Lesson lesson = new Lesson(this, lessons.size(), title, durationMinutes, markdown);
        lessons.add(lesson);
        return lesson;
    }
}
