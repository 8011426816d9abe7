package org.l96.dsl;

import groovy.lang.Binding;
import groovy.lang.Script;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.InvokerInvocationException;
import org.codehaus.groovy.syntax.SyntaxException;
import org.l96.run.ExternalInputs;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.Problem;
import org.l96.spec.SpecException;
import org.l96.spec.SpecPaths;
import org.l96.spec.SpecValidator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an experiment script into a checked {@link ExperimentSpec}: compiles it, runs it (which only declares),
 * applies {@code --set PATH=VALUE} overrides, validates, and reports every mistake at once as a
 * {@link ScriptException} pointing at script lines (or at the {@code --set} argument responsible).
 */
public final class ScriptLoader {
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    private ScriptLoader() {
    }

    public static ExperimentSpec load(Path script) {
        return load(script, List.of());
    }

    /**
     * A loaded script: its spec, and where in the script each part of the spec was declared, so that a failure at
     * run time can point at the line that caused it.
     */
    public record Loaded(ExperimentSpec spec, Function<String, String> where) {
    }

    /** Loads {@code script} with {@code setOverrides} ({@code PATH=VALUE}, as after {@code --set}) applied. */
    public static ExperimentSpec load(Path script, List<String> setOverrides) {
        return loadWithOrigins(script, setOverrides).spec();
    }

    /** As {@link #load(Path, List)}, also telling for a spec path ("networks.ann") "FILE:LINE" or an override. */
    public static Loaded loadWithOrigins(Path script, List<String> setOverrides) {
        String file = script.toString();
        List<String> lines;
        try {
            lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ScriptException(List.of(new ScriptError(file, 0, 0, "no such file: " + file, null)));
        } catch (IOException e) {
            throw new ScriptException(List.of(new ScriptError(file, 0, 0, Files.isDirectory(script)
                    ? "this is a folder, not a script: give the .groovy file" : "cannot read the script ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", null)));
        }
        String unit = unitName(script);
        DslContext context = DslContext.forScript(unit, lines);
        Script compiled = compile(String.join("\n", lines), unit, file, lines);
        ((L96Script) compiled).attach(context);

        List<ScriptError> errors = new ArrayList<>();
        boolean ranToEnd = run(compiled, context, file, errors);
        for (DslIssue issue : context.issues()) {
            errors.add(at(context, file, issue.origin(), issue.path(), issue.message(), false));
        }
        List<Experiment> experiments = context.experiments();
        if (ranToEnd && !context.sweepScripts().isEmpty()) {
            return loadSweepScript(script, file, setOverrides, context, errors);
        }
        if (ranToEnd && experiments.isEmpty() && errors.isEmpty()) {
            errors.add(new ScriptError(file, 1, 1, "the script declares no experiment; write experiment('name') { .. }",
                    context.sourceLine(1)));
        }
        ExperimentSpec spec = null;
        if (ranToEnd && !experiments.isEmpty()) {
            spec = experiments.get(0).toSpec();
            ExperimentSpec asWritten = spec;
            spec = applyOverrides(spec, setOverrides, context, errors);
            Path dir = script.toAbsolutePath().getParent();
            spec = resolvePaths(spec, dir);
            List<Problem> problems = new ArrayList<>();
            boolean readFiles = errors.isEmpty(); // files are read only for a script that is otherwise right
            boolean unread = !readFiles && hasExternalFiles(spec);
            if (readFiles) {
                ExternalInputs.Completed completed = ExternalInputs.complete(spec,
                        path -> context.origin(path) != null);
                spec = completed.spec();
                problems.addAll(completed.problems());
            }
            unread |= !problems.isEmpty();
            // an unreadable dataset leaves K unknown (the script's default stands in): a network's outputs are not
            // checked against it
            boolean noWorld = problems.stream().anyMatch(p -> "simulation.from".equals(p.path()));
            for (Problem p : SpecValidator.validate(spec)) {
                if (noWorld && p.path() != null && p.path().startsWith("networks.") && p.path().contains(".layers")) {
                    continue;
                }
                // a loaded network whose file could not be read has no layers yet: that is no mistake of its own
                boolean data = p.path() != null && p.path().startsWith("data.")
                        && unread && spec.simulation().from() != null; // the samples are the dataset's, unknown
                if (!data && !(unread && p.path() != null && spec.networks().entrySet().stream().anyMatch(e ->
                        (e.getValue().isLoaded() || e.getValue().continueFrom() != null)
                                && (p.path().startsWith("networks." + e.getKey() + ".layers")
                                || p.path().equals("networks." + e.getKey() + ".continueFrom"))))) {
                    problems.add(p);
                }
            }
            Set<Problem> ofScript = setOverrides.isEmpty() || problems.isEmpty() ? Set.copyOf(problems)
                    : scriptsOwnProblems(asWritten, dir, readFiles, context);
            for (Problem p : problems) {
                if (!context.isConsequence(p.path())) {
                    Origin origin = context.nearestOrigin(p.path());
                    String message = p.toString();
                    if (!ofScript.contains(p) && (origin == null || !origin.isOverride())) {
                        message += " (after " + causes(p.path(), setOverrides) + ")";
                    }
                    errors.add(at(context, file, origin, p.path(), message, true));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ScriptException(sorted(errors));
        }
        return new Loaded(spec, path -> {
            Origin o = context.nearestOrigin(path);
            if (o == null) {
                return null;
            }
            return o.setArgument() != null ? "--set " + o.setArgument() : file + ":" + o.line();
        });
    }

    /**
     * The problems of the script as written, without its {@code --set}s (paths resolved and files read as for the
     * run), to tell a problem an override caused from the script's own; computed only when there are problems.
     */
    private static Set<Problem> scriptsOwnProblems(ExperimentSpec asWritten, Path dir, boolean readFiles,
                                                   DslContext context) {
        ExperimentSpec written = resolvePaths(asWritten, dir);
        if (readFiles) {
            written = ExternalInputs.complete(written, path -> context.origin(path) != null).spec();
        }
        return new HashSet<>(SpecValidator.validate(written));
    }

    /**
     * A sweep script: the experiment of the script it names (loaded as {@code l96 run} would load it, with the
     * overrides), named after the sweep, with the sweep's axes; mistakes of the sweep are reported at its lines.
     */
    private static Loaded loadSweepScript(Path script, String file, List<String> setOverrides, DslContext context,
                                          List<ScriptError> errors) {
        DslContext.SweepScript sweep = context.sweepScripts().get(0);
        if (!context.experiments().isEmpty()) {
            errors.add(at(context, file, sweep.at(), "sweep", "a sweep script names the experiment it sweeps "
                    + "(sweep(experiment: 'file.groovy')) and declares no experiment of its own", false));
        }
        Path target = null;
        if (sweep.experiment() != null) {
            Path dir = script.toAbsolutePath().getParent();
            target = dir.resolve(sweep.experiment()).normalize();
            if (!Files.isRegularFile(target)) {
                errors.add(at(context, file, sweep.at(), "sweep", "cannot find the experiment script '"
                        + sweep.experiment() + "' (looked for " + target + ")", false));
            }
        }
        if (!errors.isEmpty()) {
            throw new ScriptException(sorted(errors));
        }
        Loaded base = loadWithOrigins(target, setOverrides);
        String fileName = script.getFileName().toString();
        String name = sweep.name() != null ? sweep.name() : sweepName(fileName);
        ExperimentSpec b = base.spec();
        ExperimentSpec spec = new ExperimentSpec(name, b.seed(), b.world(), b.simulation(), b.data(), b.networks(),
                b.polynomials(), b.lrRangeTests(), b.evaluations(), b.charts(), sweep.builder().toSpec());
        List<Problem> problems = new ArrayList<>();
        for (Problem p : SpecValidator.validate(spec)) {
            // the sweep's own parts and its name (which names the sweep's folder and each point's experiment);
            // the experiment script's problems were its own to report
            if (p.path() != null && (p.path().startsWith("sweep") || p.path().equals("name"))) {
                problems.add(p);
            }
        }
        for (Problem p : problems) {
            Origin where = p.path().equals("name") ? sweep.at() : context.nearestOrigin(p.path());
            errors.add(at(context, file, where, p.path(), p.path().equals("name")
                    ? "name: '" + name + "': a sweep's name must start with a letter or digit and use only letters, "
                    + "digits, '.', '_' and '-' (it names the sweep's folder)" : p.toString(), true));
        }
        if (!errors.isEmpty()) {
            throw new ScriptException(sorted(errors));
        }
        // the sweep is declared here, the experiment in its own script
        Function<String, String> where = path -> path.equals("sweep") || path.startsWith("sweep.")
                ? file + ":" + sweep.at().line() : base.where().apply(path);
        return new Loaded(spec, where);
    }

    /**
     * A sweep script's default name: its file name without .groovy, each character an experiment name does not allow
     * (a space, say) replaced by '-', and a leading '.', '_' or '-' dropped ("sweep two.groovy" → "sweep-two").
     */
    public static String sweepName(String fileName) {
        String stem = fileName.replaceFirst("\\.groovy$", "").replaceAll("[^A-Za-z0-9._-]", "-")
                .replaceFirst("^[._-]+", "");
        return stem.isEmpty() ? "sweep" : stem;
    }

    private static boolean hasExternalFiles(ExperimentSpec spec) {
        return spec.simulation().from() != null
                || spec.networks().values().stream().anyMatch(org.l96.spec.NetworkSpec::isLoaded);
    }

    /**
     * Paths a script gives (a loaded network's {@code load}, a dataset's {@code from}) are relative to the script's
     * folder; the spec holds them resolved, so that a run from anywhere (and each point of a sweep) finds them.
     */
    static ExperimentSpec resolvePaths(ExperimentSpec spec, Path dir) {
        java.util.Map<String, org.l96.spec.NetworkSpec> networks = new java.util.LinkedHashMap<>();
        // a blank path stays blank (resolved it would be the script's folder): the validator says what it needs
        spec.networks().forEach((name, n) -> networks.put(name, n.isLoaded() && !n.load().isBlank()
                ? n.withLoad(dir.resolve(n.load()).normalize().toString()) : n));
        org.l96.spec.SimulationSpec s = spec.simulation();
        if (s.from() != null && !s.from().isBlank()) {
            s = new org.l96.spec.SimulationSpec(s.sampleInterval(), s.samples(), s.spinUp(), s.couplingTarget(),
                    s.keepY(), dir.resolve(s.from()).normalize().toString());
        }
        return new ExperimentSpec(spec.name(), spec.seed(), spec.world(), s, spec.data(), networks,
                spec.polynomials(), spec.lrRangeTests(), spec.evaluations(), spec.charts(), spec.sweep());
    }

    /**
     * The name Groovy compiles the script under. Groovy makes the script's class name from its file name, so a file
     * called {@code long.groovy} or {@code my-run.groovy} would not compile; such names get a safe stand-in (errors
     * still name the real file).
     */
    static String unitName(Path script) {
        String base = script.getFileName().toString();
        String stem = base.endsWith(".groovy") ? base.substring(0, base.length() - ".groovy".length()) : base;
        boolean valid = !stem.isEmpty() && Character.isJavaIdentifierStart(stem.charAt(0))
                && stem.chars().allMatch(Character::isJavaIdentifierPart) && !RESERVED.contains(stem);
        return valid ? stem + ".groovy" : "script_" + stem.replaceAll("[^A-Za-z0-9_]", "_") + ".groovy";
    }

    private static final Set<String> RESERVED = Set.of("abstract", "as", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "def", "default", "do", "double", "else", "enum",
            "extends", "false", "final", "finally", "float", "for", "goto", "if", "implements", "import", "in",
            "instanceof", "int", "interface", "long", "native", "new", "non-sealed", "null", "package", "permits",
            "private", "protected", "public", "record", "return", "sealed", "short", "static", "strictfp", "super",
            "switch", "synchronized", "this", "threadsafe", "throw", "throws", "trait", "transient", "true", "try",
            "var", "void", "volatile", "while", "yield");

    private static Script compile(String text, String unit, String file, List<String> lines) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(L96Script.class.getName());
        config.setSourceEncoding(StandardCharsets.UTF_8.name());
        ClassLoader parent = ScriptLoader.class.getClassLoader();
        try {
            CompiledScripts.Compiled compiled = CompiledScripts.compile(text, unit, config, parent);
            return InvokerHelper.createScript(CompiledScripts.load(compiled, parent), new Binding());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("cannot load the compiled script " + unit, e);
        } catch (MultipleCompilationErrorsException e) {
            List<ScriptError> errors = new ArrayList<>();
            for (Message m : e.getErrorCollector().getErrors()) {
                errors.add(compileError(m, file, lines));
            }
            throw new ScriptException(errors);
        } catch (CompilationFailedException e) {
            throw new ScriptException(List.of(new ScriptError(file, 0, 0, e.getMessage(), null)));
        }
    }

    private static ScriptError compileError(Message message, String file, List<String> lines) {
        if (message instanceof SyntaxErrorMessage s) {
            SyntaxException cause = s.getCause();
            int line = Math.max(1, cause.getStartLine());
            ScriptError open = unclosedBlock(line, file, lines);
            if (open != null) {
                return open;
            }
            if (shortened(cause.getOriginalMessage()).equals("Unexpected input: '}'")) {
                var extra = Braces.extraClose(lines);
                if (extra.isPresent() && extra.get().line() == line) {
                    return new ScriptError(file, line, extra.get().column(), "this '}' closes no block: there is one "
                            + "'}' too many (or a '{' missing before it)", lines.get(line - 1));
                }
            }
            return new ScriptError(file, line, Math.max(1, cause.getStartColumn()),
                    shortened(cause.getOriginalMessage()), line <= lines.size() ? lines.get(line - 1) : null);
        }
        if (message instanceof ExceptionMessage e) {
            return new ScriptError(file, 0, 0, e.getCause().getMessage(), null);
        }
        if (message instanceof SimpleMessage s) {
            return new ScriptError(file, 0, 0, s.getMessage(), null);
        }
        return new ScriptError(file, 0, 0, String.valueOf(message), null);
    }

    /**
     * Groovy notices a missing '}' only at the end of the file and reports it there: when its error is on the last
     * line and a '{' was left open, point at that '{' instead.
     */
    private static ScriptError unclosedBlock(int errorLine, String file, List<String> lines) {
        int last = lines.size();
        while (last > 0 && lines.get(last - 1).isBlank()) {
            last--;
        }
        if (errorLine < last) {
            return null;
        }
        int lastLine = last;
        return Braces.unclosed(lines).map(o -> new ScriptError(file, o.line(), o.column(),
                "this '{' is never closed: its block needs a '}' (Groovy noticed only at the end of the file, line "
                        + lastLine + ")", lines.get(o.line() - 1))).orElse(null);
    }

    /**
     * Groovy quotes all the input since the statement began ("Unexpected input: '('x') {\n  world {…'"); the line
     * shown under the message says where, so keep only the input's last line.
     */
    static String shortened(String message) {
        Matcher m = Pattern.compile("(?s)^(Unexpected input: ')(.*)'$").matcher(message);
        if (m.matches()) {
            String input = m.group(2).replace("\\n", "\n"); // Groovy writes line breaks as \n
            if (input.contains("\n")) {
                return m.group(1) + input.substring(input.lastIndexOf('\n') + 1).strip() + "'";
            }
        }
        return message;
    }

    /** Runs the script body; a failure of the script's own code becomes an error at its line. */
    private static boolean run(Script script, DslContext context, String file, List<ScriptError> errors) {
        try {
            script.run();
            return true;
        } catch (RuntimeException | StackOverflowError e) {
            Throwable cause = e;
            while (cause instanceof InvokerInvocationException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            int line = lineOf(context, cause);
            if (line == 0 || !context.hasIssueOnLine(line)) { // else most likely a consequence of that issue
                String text = context.sourceLine(line);
                String message = cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage().lines().findFirst().orElse(""));
                errors.add(new ScriptError(file, line, text == null ? 0 : DslContext.firstNonBlank(text), message,
                        text));
            }
            return false;
        }
    }

    private static int lineOf(DslContext context, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            int line = context.lineOf(t);
            if (line > 0) {
                return line;
            }
        }
        return 0;
    }

    // ---- --set ----------------------------------------------------------------------------------------------------

    /**
     * The overrides that may have caused a problem at {@code path}: those set in the same block (the path's
     * named entry, {@code evaluations.f}, or its first part), else all of them; as {@code --set A, --set B}.
     */
    private static String causes(String path, List<String> overrides) {
        String[] s = path.split("\\.");
        String block = s.length >= 2 && List.of("networks", "polynomials", "lrRangeTests", "evaluations")
                .contains(s[0]) ? s[0] + "." + s[1] : s[0];
        List<String> near = overrides.stream().filter(a -> a.startsWith(block + ".") || a.startsWith(block + "="))
                .toList();
        return (near.isEmpty() ? overrides : near).stream().map(a -> "--set " + a)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static ExperimentSpec applyOverrides(ExperimentSpec spec, List<String> overrides, DslContext context,
                                                 List<ScriptError> errors) {
        if (overrides.isEmpty()) {
            return spec;
        }
        // one edit for all of them, so that a switch of type (optimizer.type=sgd) can be followed by its fields
        SpecPaths.Editor editor = SpecPaths.edit(spec);
        Map<String, String> argumentOf = new HashMap<>();
        for (String argument : overrides) {
            int eq = argument.indexOf('=');
            if (eq <= 0) {
                errors.add(ScriptError.override(argument, "expected PATH=VALUE, e.g. networks.ann.train.epochs=100"));
                continue;
            }
            String path = argument.substring(0, eq).trim();
            String value = argument.substring(eq + 1);
            try {
                editor.set(path, value);
                context.recordOverride(path, argument);
                argumentOf.put(path, argument);
            } catch (SpecException e) { // a failed edit changes nothing; the others still apply
                for (Problem p : e.problems()) {
                    errors.add(ScriptError.override(argument, p.message()));
                }
            }
        }
        try {
            return editor.result();
        } catch (SpecException e) {
            for (Problem p : e.problems()) {
                String argument = argumentOf.getOrDefault(p.path(), overrides.get(overrides.size() - 1));
                errors.add(ScriptError.override(argument, p.message()));
            }
            return spec;
        }
    }

    // ---- positions ------------------------------------------------------------------------------------------------

    /**
     * The error for a message about {@code path}, placed at {@code origin}; for rule violations ({@code refine}) the
     * column moves to the offending 'quoted' value when the line shows it.
     */
    private static ScriptError at(DslContext context, String file, Origin origin, String path, String message,
                                  boolean refine) {
        if (origin == null) {
            origin = context.nearestOrigin(path);
        }
        if (origin == null) {
            return new ScriptError(file, 0, 0, message, null);
        }
        if (origin.isOverride()) {
            int colon = message.indexOf(": ");
            // the --set argument already names the path
            String text = path != null && message.startsWith(path + ": ") ? message.substring(colon + 2) : message;
            return ScriptError.override(origin.setArgument(), text);
        }
        String source = context.sourceLine(origin.line());
        int column = refine ? quotedColumn(message, source).orElse(origin.column()) : origin.column();
        return new ScriptError(file, origin.line(), column, message, source);
    }

    /** The column of the first 'quoted' value of the message in the source line, if it is there. */
    private static Optional<Integer> quotedColumn(String message, String source) {
        if (source == null) {
            return Optional.empty();
        }
        Matcher m = QUOTED.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        for (String quote : List.of("'", "\"")) {
            int i = source.indexOf(quote + m.group(1) + quote);
            if (i >= 0) {
                return Optional.of(i + 1);
            }
        }
        return Optional.empty();
    }

    private static List<ScriptError> sorted(List<ScriptError> errors) {
        Set<ScriptError> unique = new LinkedHashSet<>(errors);
        List<ScriptError> list = new ArrayList<>(unique);
        list.sort(Comparator.comparing((ScriptError e) -> e.line() <= 0 && e.file().startsWith("--set "))
                .thenComparingInt(ScriptError::line).thenComparingInt(ScriptError::column));
        return list;
    }
}
