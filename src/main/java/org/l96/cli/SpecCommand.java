package org.l96.cli;

import org.l96.dsl.ScriptLoader;
import org.l96.spec.SpecJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code l96 spec}: the canonical JSON of a script's experiment; its paths are what --set and sweeps take. */
@Command(name = "spec", mixinStandardHelpOptions = true,
        description = "Print the canonical JSON spec of a script. Its dotted paths (map keys and list indices) are "
                + "what --set and sweeps take, e.g. world.forcing or networks.ann.train.epochs.")
final class SpecCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCRIPT")
    Path script;
    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a spec field (as for run)")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        System.out.print(SpecJson.toJson(ScriptLoader.load(script, sets)));
        return Main.OK;
    }
}
