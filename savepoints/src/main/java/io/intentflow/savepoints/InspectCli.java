package io.intentflow.savepoints;

import java.io.IOException;

/**
 * {@code bin/intentflow savepoint-inspect PATH [--json | --users]}: what a savepoint of the job
 * holds — the live model version, the trainer's counters, open sessions and pending labels; with
 * {@code --users}, the user keys it holds state for, one a line.
 */
public final class InspectCli {

    static final String USAGE = "usage: savepoint-inspect PATH [--json | --users]   (PATH: a savepoint folder or its _metadata file)";

    private InspectCli() {}

    public static void main(String[] args) throws Exception {
        ToolMain.run("savepoint-inspect", InspectCli::run, args);
    }

    /** Runs the command; its report, or a {@link UsageException} saying what is wrong. */
    public static String run(String[] args) throws Exception {
        String path = null;
        boolean json = false;
        boolean users = false;
        for (String arg : args) {
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("--users")) {
                users = true;
            } else if (arg.startsWith("-") || path != null) {
                throw new UsageException("unexpected argument '" + arg + "'\n" + USAGE);
            } else {
                path = arg;
            }
        }
        if (path == null) {
            throw new UsageException("which savepoint?\n" + USAGE);
        }
        if (json && users) {
            throw new UsageException("--json or --users, not both\n" + USAGE);
        }
        try {
            if (users) {
                StringBuilder lines = new StringBuilder();
                SavepointUsers.of(path).forEach(user -> lines.append(user).append(System.lineSeparator()));
                return lines.toString();
            }
            SavepointSummary summary = SavepointInspector.inspect(path);
            return json ? summary.toJson() + System.lineSeparator() : summary.toText();
        } catch (IOException e) {
            throw new UsageException(path + " is not a readable savepoint: " + e.getMessage());
        }
    }
}
