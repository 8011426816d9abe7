// Quickstart: a complete l96 experiment small enough to run in seconds.
//
//   ./l96 run examples/quickstart.groovy
//
// A script only *declares* the experiment; the tool then runs the stages (simulate, train, evaluate, draw) and
// reuses any stage whose inputs did not change. Every word is explained in dsl-docs/.

experiment('quickstart') {
    seed 14                                   // one seed for every random draw: same script, same numbers

    // The "real world": the two-time-scale Lorenz-96 model (these are the defaults, written out to show them).
    world { k 8; j 32; forcing 18; h 1; b 10; c 10; dt 0.001 }

    // Run it and keep 3000 samples, one every 0.01 model time units.
    simulate { sampleEvery 0.01; samples 3000 }

    // The last 20% of the samples are for validation; batches of 256 samples, shuffled every epoch.
    data { validation fraction: 0.2; batchSize 256; shuffle true }

    // A small network that learns the coupling term (the effect of the fast Y on each X_k) from the 8 X values.
    network('small') {
        nonLocal()                            // the 8 X values in, the 8 coupling terms out
        layers { dense 16, relu; dense 8 }    // 8 -> 16 (ReLU) -> 8
        train { epochs 3; optimizer adam(lr: 0.003) }
    }

    // Put the network into a coarse model (X only) and run it against the real world:
    // one 2-time-unit run from the last sample, with no parameterization ('none') and with the network ...
    trajectory('run') { start(-1); duration 2; compare 'none', 'small' }
    // ... and 20 one-time-unit runs starting 0.5 time units (50 samples) apart, summing the error |X_true - X_model|.
    ensemble('runs') { compare 'none', 'small'; initialConditions 20; every 0.5; duration 1 }

    charts {
        lossCurves 'small'                                        // training and validation loss per epoch
        trajectories 'run', variable: 0, steps: 200                // X_0: truth, no parameterization, network
    }
}
