package org.academy.seats;

import java.util.List;

/**
 * The outcome of a CSV upload.
 *
 * @param errors  one per rejected line, with its line number
 * @param applied seats assigned (none when the upload was all-or-nothing and had errors)
 */
public record BulkAssignment(int rows, int applied, List<LineError> errors) {

    public enum Mode {
        /** Any error: nothing is applied. */
        ALL_OR_NOTHING,
        /** Good rows are applied; bad ones are reported. */
        VALID_ROWS
    }

    public record LineError(int line, String message) {
    }

    public BulkAssignment {
        errors = List.copyOf(errors);
    }
}
