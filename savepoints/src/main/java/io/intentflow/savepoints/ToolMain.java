package io.intentflow.savepoints;

/** How the command line tools end: their report and exit 0, or what is wrong and exit 2. */
final class ToolMain {

    /** A tool's work: its report, or a {@link UsageException} saying what is wrong. */
    @FunctionalInterface
    interface Tool {
        String run(String[] args) throws Exception;
    }

    private ToolMain() {}

    static void run(String command, Tool tool, String[] args) throws Exception {
        try {
            System.out.print(tool.run(args));
            System.out.flush();
            System.exit(0);
        } catch (UsageException e) {
            System.err.println(command + ": " + e.getMessage());
            System.exit(2);
        }
    }
}
