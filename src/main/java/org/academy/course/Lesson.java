package org.academy.course;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "lesson")
class Lesson {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "course_id")
    private Course course;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false)
    private String title;

    @Column(name = "duration_minutes", nullable = false)
    private int durationMinutes;

    @Column(name = "content_md", nullable = false)
    private String contentMarkdown;

    protected Lesson() {
    }

    Lesson(Course course, int position, String title, int durationMinutes, String contentMarkdown) {
        this.course = course;
        this.position = position;
        this.title = title;
        this.durationMinutes = durationMinutes;
        this.contentMarkdown = contentMarkdown;
    }

    Long getId() {
        return id;
    }

    Course getCourse() {
        return course;
    }

    int getPosition() {
        return position;
    }

    String getTitle() {
        return title;
    }

    int getDurationMinutes() {
        return durationMinutes;
    }

    String getContentMarkdown() {
        return contentMarkdown;
    }

    void setPosition(int position) {
        this.position = position;
    }

    void edit(String newTitle, int newDurationMinutes, String newMarkdown) {
        this.title = newTitle;
        this.durationMinutes = newDurationMinutes;
        this.contentMarkdown = newMarkdown;
    }
}
