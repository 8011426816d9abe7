package org.l96.dsl;

import groovy.lang.Script;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * State shared by the builders of one experiment declaration: where each spec path was set (for scripts), the
 * mistakes noticed so far, and which builder's block is running (so that helper methods of a script reach it).
 * A Java-builder context has no script file; positions are then not looked up at all.
 */
final class DslContext {
    private static final StackWalker WALKER = StackWalker.getInstance();

    private final String scriptFileName;
    private final List<String> lines;
    private final Map<String, Origin> origins = new HashMap<>();
    private final List<DslIssue> issues = new ArrayList<>();
    private final Deque<DslBuilder> running = new ArrayDeque<>();
    /** How often a word was met on a line, so that repeated words on one line point at successive columns. */
    private final Map<String, Integer> seen = new HashMap<>();
    private final List<Experiment> experiments = new ArrayList<>();
    /** Paths whose rule violations follow from a mistake already reported, so are not reported again. */
    private final List<String> consequences = new ArrayList<>();
    private final java.util.Set<String> blocksWithBadValues = new java.util.HashSet<>();
    private Script script;

    private DslContext(String scriptFileName, List<String> lines) {
        this.scriptFileName = scriptFileName;
        this.lines = List.copyOf(lines);
    }

    static DslContext forJava() {
        return new DslContext(null, List.of());
    }

    /** {@code scriptFileName} as the compiled script's stack frames name it (the file name without folders). */
    static DslContext forScript(String scriptFileName, List<String> lines) {
        return new DslContext(scriptFileName, lines);
    }

    Script script() {
        return script;
    }

    void attach(Script script) {
        this.script = script;
    }

    String sourceLine(int line) {
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : null;
    }

    // ---- positions ------------------------------------------------------------------------------------------------

    /** The script position of the DSL call running now, the column at {@code word} on that line; null in Java. */
    Origin here(String word) {
        if (scriptFileName == null) {
            return null;
        }
        Optional<StackWalker.StackFrame> frame = WALKER.walk(frames -> frames
                .filter(f -> scriptFileName.equals(f.getFileName()) && f.getLineNumber() > 0).findFirst());
        if (frame.isEmpty()) {
            return null;
        }
        int line = frame.get().getLineNumber();
        return Origin.at(line, columnOf(word, line));
    }

    /** Line of the innermost script frame of a throwable, or 0. */
    int lineOf(Throwable error) {
        if (scriptFileName == null) {
            return 0;
        }
        for (StackTraceElement e : error.getStackTrace()) {
            if (scriptFileName.equals(e.getFileName()) && e.getLineNumber() > 0) {
                return e.getLineNumber();
            }
        }
        return 0;
    }

    private int columnOf(String word, int line) {
        String text = sourceLine(line);
        if (text == null) {
            return 1;
        }
        List<Integer> columns = new ArrayList<>();
        if (word != null && !word.isEmpty()) {
            Matcher m = Pattern.compile("(?<![\\w$])" + Pattern.quote(word) + "(?![\\w$])").matcher(text);
            while (m.find()) {
                columns.add(m.start() + 1);
            }
        }
        if (columns.isEmpty()) {
            return firstNonBlank(text);
        }
        int count = seen.merge(line + ":" + word, 1, Integer::sum) - 1;
        return columns.get(count % columns.size());
    }

    static int firstNonBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return i + 1;
            }
        }
        return 1;
    }

    void record(String path, Origin origin) {
        if (origin != null) {
            origins.put(path, origin);
        }
    }

    /** A {@code --set} replaces what the script said at and below {@code path}. */
    void recordOverride(String path, String setArgument) {
        origins.keySet().removeIf(p -> p.equals(path) || p.startsWith(path + "."));
        origins.put(path, Origin.override(setArgument));
    }

    Origin origin(String path) {
        return origins.get(path);
    }

    /** The origin recorded for {@code path} or for its nearest ancestor path ("" is the experiment itself). */
    Origin nearestOrigin(String path) {
        String p = path == null ? "" : path;
        while (true) {
            Origin o = origins.get(p);
            if (o != null) {
                return o;
            }
            if (p.isEmpty()) {
                return null;
            }
            int dot = p.lastIndexOf('.');
            p = dot < 0 ? "" : p.substring(0, dot);
        }
    }

    // ---- issues ---------------------------------------------------------------------------------------------------

    void issue(String path, String message, Origin origin) {
        issues.add(new DslIssue(path, message, origin != null ? origin : nearestOrigin(path)));
    }

    /** Problems at or below {@code path} follow from a reported mistake (e.g. the layers of an unknown base). */
    void consequenceOfIssue(String path) {
        consequences.add(path);
    }

    /** A word of the block at {@code path} was given a value it cannot take (reported), so the value is missing. */
    void blockHasBadValue(String path) {
        blocksWithBadValues.add(path);
    }

    boolean isConsequence(String path) {
        return blocksWithBadValues.contains(path)
                || consequences.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "."));
    }

    List<DslIssue> issues() {
        return List.copyOf(issues);
    }

    boolean hasIssueOnLine(int line) {
        return issues.stream().anyMatch(i -> i.origin() != null && i.origin().line() == line);
    }

    // ---- running blocks -------------------------------------------------------------------------------------------

    void enter(DslBuilder builder) {
        running.push(builder);
    }

    void leave() {
        running.pop();
    }

    /** The builder whose block runs now (innermost), or null outside any block. */
    DslBuilder current() {
        return running.peek();
    }

    // ---- declared experiments -------------------------------------------------------------------------------------

    void declared(Experiment experiment) {
        experiments.add(experiment);
    }

    List<Experiment> experiments() {
        return List.copyOf(experiments);
    }

    // ---- a sweep script -------------------------------------------------------------------------------------------

    /** {@code sweep(experiment: 'file.groovy', name: 'n') { .. }} at a script's top level. */
    record SweepScript(String experiment, String name, SweepBuilder builder, Origin at) {
    }

    private final List<SweepScript> sweepScripts = new ArrayList<>();

    void declared(SweepScript sweep) {
        sweepScripts.add(sweep);
    }

    List<SweepScript> sweepScripts() {
        return List.copyOf(sweepScripts);
    }
}
