package io.intentflow.records;

/** What a source parsed from one record: a valid value or a dead letter, never both. */
public interface Ingested<T> {

    /** The valid value, or null. */
    T value();

    /** Why the record was rejected, or null. */
    DeadLetter deadLetter();

    default boolean isValid() {
        return value() != null;
    }
}
