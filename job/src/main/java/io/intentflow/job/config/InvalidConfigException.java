package io.intentflow.job.config;

/** A configuration value the job cannot start with; the message names the key. */
public class InvalidConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String key, String problem) {
        super("Invalid configuration '" + key + "': " + problem);
    }
}
