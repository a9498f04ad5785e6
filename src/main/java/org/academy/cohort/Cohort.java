package org.academy.cohort;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "cohort")
class Cohort {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    // An id, not an association: courses belong to another feature.
    @Column(name = "course_id", nullable = false)
    private Long courseId;

    @Column(nullable = false)
    private String name;

    @Column(name = "starts_on", nullable = false)
    private LocalDate startsOn;

    @Column(name = "ends_on", nullable = false)
    private LocalDate endsOn;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Cohort() {
    }

    Cohort(Long courseId, String name, LocalDate startsOn, LocalDate endsOn, Instant createdAt) {
        this.createdAt = createdAt;
        this.courseId = courseId;
        this.name = name;
        this.startsOn = startsOn;
        this.endsOn = endsOn;
    }

    Long getId() {
        return id;
    }

    Long getCourseId() {
        return courseId;
    }

    String getName() {
        return name;
    }

    LocalDate getStartsOn() {
        return startsOn;
    }

    LocalDate getEndsOn() {
        return endsOn;
    }

    void edit(String newName, LocalDate newStartsOn, LocalDate newEndsOn) {
        this.name = newName;
        this.startsOn = newStartsOn;
        this.endsOn = newEndsOn;
    }
}
