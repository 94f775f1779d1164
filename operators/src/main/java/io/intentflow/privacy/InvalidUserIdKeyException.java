package io.intentflow.privacy;

/** The user-id key cannot be used; the message names where it came from, never the key. */
public final class InvalidUserIdKeyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;

    InvalidUserIdKeyException(String source, String problem) {
        super("Invalid user-id key '" + source + "': " + problem);
        this.source = source;
        this.problem = problem;
    }

    /** The configuration key or environment variable the key came from. */
    public String source() {
        return source;
    }

    /** What is wrong, without the source's name. */
    public String problem() {
        return problem;
    }
}
