package io.intentflow.savepoints;

/** A command line the tools cannot act on; the message says why, for the user. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
