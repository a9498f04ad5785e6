package org.academy.livesession;

import java.time.Instant;

/** A live session as every screen shows it. */
public record SessionSummary(long id, long cohortId, String cohortName, String title, Instant startsAt, Instant endsAt,
                             SessionStatus status, boolean qaModerated, Instant startedAt, Instant endedAt) {

    public boolean isLive() {
        return status == SessionStatus.LIVE;
    }
}
