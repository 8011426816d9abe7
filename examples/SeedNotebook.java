// The seed notebook written with l96's Java builder: the same experiment as examples/seed-notebook.groovy.
//
//   ./l96 --version                                                   # builds the tool once
//   java -cp "target/l96.jar:target/lib/*" examples/SeedNotebook.java # runs it; results in output/seed-notebook/
//
// Every closure-taking word of the Groovy DSL has a twin here taking a lambda.

import org.l96.dsl.Experiment;
import org.l96.run.ExperimentRunner;
import org.l96.run.Runner;
import org.l96.spec.ExperimentSpec;

import java.nio.file.Path;

import static org.l96.dsl.Activations.RELU;
import static org.l96.dsl.Optimizers.adam;

public class SeedNotebook {

    public static ExperimentSpec spec() {
        return Experiment.named("seed-notebook")
                .seed(14)                                           // np.random.seed(14)
                .world(w -> w.k(8).j(32).forcing(18).h(1).b(10).c(10).dt(0.001))
                .simulate(s -> s.sampleEvery(0.01).samples(20_000))
                .data(d -> d.validationLast(4000).batchSize(1024).shuffle(true))
                // linear regression on local features: each X_k predicts its own coupling term
                .network("linear", n -> n.local()
                        .layers(l -> l.dense(1))
                        .train(t -> t.epochs(3).optimizer(adam(0.03))))
                // the notebook's "linear parameterization": the linear network's weight and bias as a polynomial
                .polynomial("linear-poly", p -> p.fromNetwork("linear"))
                // NetANN: 8-16-16-8 with ReLU on non-local features
                .network("ann", n -> n.nonLocal()
                        .layers(l -> l.dense(16, RELU).dense(16, RELU).dense(8))
                        .train(t -> t.epochs(50).optimizer(adam(0.003))))
                // "Training further": 100 more epochs with the same Adam state
                .networkContinuing("ann-150", "ann", n -> n.train(t -> t.epochs(100)))
                // weight decay 0.1 with PyTorch Adam's meaning (coupled L2, biases included)
                .networkFrom("ann-decay", "ann", n -> n.train(t -> t.epochs(10)
                        .optimizer(adam(0.003, 0.9, 0.999, 1e-8, 0.1))))
                // dropout 0.8: drop 80% of the hidden units in training
                .networkFrom("ann-dropout", "ann", n -> n
                        .layers(l -> l.dense(16, RELU).dropout(0.8).dense(16, RELU).dropout(0.8).dense(8))
                        .train(t -> t.epochs(10).optimizer(adam(0.01))))
                .lrRangeTest("ann-lr", r -> r.network("ann").from(1e-7).to(100).iterations(200))
                .networkFrom("ann-lr001", "ann", n -> n.train(t -> t.epochs(20).optimizer(adam(0.01))))
                // the coarse model with each parameterization against the real world
                .trajectory("T10", t -> t.start(-1).duration(10).compare("none", "linear-poly", "linear"))
                .trajectory("T5", t -> t.start(-1).duration(5).compare("linear", "ann"))
                .ensemble("ics", e -> e.compare("linear", "ann").initialConditions(100).every(0.1).first(0)
                        .duration(1))
                .charts(c -> c
                        .batchScatter("linear", "01_batch_state_vs_subgrid")
                        .predictions("linear", 1, 1000, "02_linear_pred_vs_true")
                        .trajectories("T10", 4, 200, "03_gcm_compare_T10")
                        .activation(RELU, -2, 2, "04_relu")
                        .lossCurves("ann", "05_netann_50ep_losses")
                        .predictions("ann", 1, 1000, "06_netann_pred_vs_true")
                        .trajectories("T5", 1, 240, "07_gcm_compare_T5")
                        .lossCurves("ann-150", "08_netann_100more_losses")
                        .lossCurves("ann-decay", "09_weight_decay_losses")
                        .lossCurves("ann-dropout", "10_dropout_losses")
                        .lrRangeTest("ann-lr", "11_lr_finder")
                        .lossCurves("ann-lr001", "12_lr001_losses"))
                .build();
    }

    public static void main(String[] args) throws Exception {
        Runner.Result result = ExperimentRunner.inFolder(Path.of("output")).run(spec());
        System.out.println((result.ok() ? "done: " : "failed: ") + result.manifest());
        System.exit(result.ok() ? 0 : 1);
    }
}
