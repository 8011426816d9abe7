package org.l96.cli;

/** A tiny experiment with a two-point sweep, for sweep tests (a few seconds a point). */
public final class SweepFixtures {
    private SweepFixtures() {
    }

    public static final String TINY = """
            experiment('tiny') {
                seed 14
                simulate { sampleEvery 0.01; samples 400 }
                data { validation fraction: 0.2; batchSize 128 }
                network('small') {
                    nonLocal()
                    layers { dense 8, relu; dense 8 }
                    train { epochs 1; optimizer adam(lr: 0.003) }
                }
                ensemble('runs') { compare 'none', 'small'; initialConditions 3; every 0.5; duration 0.3 }
                sweep {
                    vary 'networks.small.train.epochs', 1, 2
                }
            }
            """;
}
