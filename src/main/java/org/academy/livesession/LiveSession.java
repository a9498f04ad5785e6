package org.academy.livesession;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "live_session")
class LiveSession {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "cohort_id", nullable = false)
    private Long cohortId;

    @Column(nullable = false)
    private String title;

    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    private Instant endsAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SessionStatus status = SessionStatus.SCHEDULED;

    @Column(name = "qa_moderated", nullable = false)
    private boolean qaModerated;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "created_by", nullable = false)
    private Long createdBy;

    protected LiveSession() {
    }

    LiveSession(Long cohortId, String title, Instant startsAt, Instant endsAt, Long createdBy) {
        this.cohortId = cohortId;
        this.title = title;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.createdBy = createdBy;
    }

    Long getId() {
        return id;
    }

    Long getCohortId() {
        return cohortId;
    }

    String getTitle() {
        return title;
    }

    Instant getStartsAt() {
        return startsAt;
    }

    Instant getEndsAt() {
        return endsAt;
    }

    SessionStatus getStatus() {
        return status;
    }

    boolean isQaModerated() {
        return qaModerated;
    }

    Instant getStartedAt() {
        return startedAt;
    }

    Instant getEndedAt() {
        return endedAt;
    }

    void start(Instant at) {
        status = SessionStatus.LIVE;
        startedAt = at;
    }

    void end(Instant at) {
        status = SessionStatus.ENDED;
        endedAt = at;
    }

    void setQaModerated(boolean moderated) {
        this.qaModerated = moderated;
    }
}
