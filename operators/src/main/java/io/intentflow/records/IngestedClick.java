package io.intentflow.records;

/**
 * What the clicks source emits: exactly one of a valid click or a dead letter. Parsing happens
 * in the source so that watermarks are generated per Kafka partition from valid event times.
 */
public record IngestedClick(Click click, DeadLetter deadLetter) implements Ingested<Click> {

    public static IngestedClick valid(Click click) {
        return new IngestedClick(click, null);
    }

    public static IngestedClick rejected(DeadLetter deadLetter) {
        return new IngestedClick(null, deadLetter);
    }

    @Override
    public Click value() {
        return click;
    }
}
