package io.intentflow.job.kafka;

/** The job's Kafka principal cannot authenticate, or lacks an ACL the job needs: it is not submitted. */
public final class KafkaAccessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KafkaAccessException(String message) {
        super(message);
    }
}
