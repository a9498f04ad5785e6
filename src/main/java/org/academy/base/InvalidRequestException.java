package org.academy.base;

/** A request that cannot be carried out as asked; the message says why, in words for people. */
public class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message);
    }
}
