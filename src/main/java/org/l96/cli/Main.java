package org.l96.cli;

import org.l96.dsl.ScriptException;
import org.l96.nn.Nd4jSetup;
import org.l96.run.Provenance;
import org.l96.run.UserError;
import org.l96.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code l96} command. Exit codes: 0 success, 1 internal failure (a bug or the machine), 2 user error (a script,
 * an option or an input file that is wrong; reported as a message, never a stack trace).
 */
@Command(name = "l96", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Machine-learning experiments on the two-time-scale Lorenz-96 model: simulate the world, "
                + "train networks as subgrid parameterizations, evaluate them in the coarse model, draw the figures.",
        subcommands = {RunCommand.class, PlanCommand.class, ValidateCommand.class, SpecCommand.class, SimulateCommand.class,
                BenchCommand.class, SweepCommand.class, SweepPointCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int USER = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        Nd4jSetup.configure(); // before anything touches ND4J
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        // picocli would load groovy.lang.Closure to support closures in annotations, and that class starts Groovy's
        // whole runtime (a third of a second of every command); scripts load Groovy when they need it
        System.setProperty("picocli.disable.closures", "true");
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handle);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("l96: " + ex.getMessage());
            err.println("(see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return USER;
        });
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof UserError) {
            err.println("l96: " + e.getMessage());
            return USER;
        }
        if (e instanceof ScriptException se) {
            err.println(se.format());
            err.flush();
            return USER;
        }
        if (e instanceof SpecException se) {
            err.println("l96: the experiment is not valid:");
            se.problems().forEach(p -> err.println("  " + p));
            return USER;
        }
        err.println("l96: internal error (a bug; please report it with the lines below): " + e);
        e.printStackTrace(err);
        return INTERNAL;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"l96 " + Provenance.toolVersion(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                            + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }
}
