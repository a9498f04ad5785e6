package org.academy.base;

/**
 * What the caller asked for does not exist, or exists but is not theirs to see: the two are
 * deliberately indistinguishable, so that ids cannot be probed. The message is shown to people.
 */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
