package org.academy.base.ui;

/** A person's sessions were ended on {@code node}: every other node ends the ones it holds. */
public record SessionsEndedElsewhere(long userId, String node) {
}
