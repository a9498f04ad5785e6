package org.academy.presence;

/** One open view's membership of a cohort's presence: ping it regularly, close it on detach. */
public interface PresenceHandle extends AutoCloseable {

    void ping();

    @Override
    void close();
}
