package io.intentflow.e2e;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Keeps every line the test JVM logs (the job runs in it, on the MiniCluster) from attach to
 * close, with stack traces: the job's own loggers from INFO, everything else as configured.
 */
final class LogCapture extends AbstractAppender implements AutoCloseable {

    private static final String OURS = "io.intentflow";

    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final List<String> alsoFromInfo;

    private LogCapture(List<String> alsoFromInfo) {
        super("log-capture", null, null, true, Property.EMPTY_ARRAY);
        this.alsoFromInfo = alsoFromInfo;
    }

    static LogCapture attach() {
        return attach(List.of());
    }

    /**
     * Also keeps the INFO lines of the loggers under each of {@code alsoFromInfo} (e.g. a
     * library's), for this capture only: they do not reach the console.
     */
    static LogCapture attach(List<String> alsoFromInfo) {
        LogCapture capture = new LogCapture(List.copyOf(alsoFromInfo));
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        config.addAppender(capture);
        config.getRootLogger().addAppender(capture, Level.ALL, null);
        config.addLogger(OURS, new LoggerConfig(OURS, Level.INFO, true));
        for (String name : capture.alsoFromInfo) {
            LoggerConfig logger = new LoggerConfig(name, Level.INFO, false);
            logger.addAppender(capture, Level.ALL, null);
            config.addLogger(name, logger);
        }
        context.updateLoggers();
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(getName());
        config.removeLogger(OURS);
        alsoFromInfo.forEach(config::removeLogger);
        context.updateLoggers();
        stop();
    }
}
