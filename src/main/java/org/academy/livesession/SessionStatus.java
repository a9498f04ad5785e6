package org.academy.livesession;

public enum SessionStatus {
    SCHEDULED, LIVE, ENDED
}
