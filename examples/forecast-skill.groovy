// Forecast skill that can tell schemes apart: 300 initial conditions 10 time units apart (independent runs),
// leads up to 3 time units, 95% bootstrap intervals, paired differences, the 'none' and ceiling reference curves,
// and a climate check of each distance against its noise floor. Run with:
//
//   ./l96 run examples/forecast-skill.groovy
//
// Takes a few minutes: most of it simulating the 3000-time-unit truth the initial conditions are taken from.
// See dsl-docs/evaluation.md for every metric.

experiment('forecast-skill') {
    seed 14
    world { k 8; j 32; forcing 18; h 1; b 10; c 10; dt 0.001 }

    // 3000 time units of truth: (300 − 1)·10 + 3 = 2993 are needed by the forecast below
    simulate { sampleEvery 0.01; samples 300_000; spinUp 10 }

    // Train on the first 20 000 samples only (as the notebook): the rest is held out as a test segment, so
    // training stays quick. The forecasts start anywhere in the truth; the first 20 start inside the training
    // segment, which hardly matters for closures this small.
    data { validation last: 4000; test last: 276_000; batchSize 1024 }

    // the notebook's network, 20 epochs
    network('ann') {
        nonLocal()
        layers { dense 16, relu; dense 16, relu; dense 8 }
        train { epochs 20; optimizer adam(lr: 0.003) }
    }
    // the classic reference closure: a cubic in X_k fitted by least squares to the training data
    polynomial('cubic') { fitDegree 3 }

    // the cubic first: paired VPT differences are taken against it
    forecast('skill') {
        compare 'cubic', 'ann'         // 'none' is added automatically
        initialConditions 300
        segment 'all'                   // the whole truth, as before segments: the test segment holds fewer of these ICs
        every 10                        // time units between initial conditions
        lead 3                          // time units
        bootstrap 1000
        ceiling true                    // the two-scale model from the true X with an unknown (fresh) Y
    }

    // long runs: PDF distance (Hellinger H, Wasserstein-1) next to the truth-vs-truth noise floor
    climate('climate') {
        compare 'none', 'cubic', 'ann'
        duration 100
        spinUp 10
    }

    // one run from the last sample, for a Hovmöller diagram of where and when each closure drifts from the truth
    trajectory('drift') { start(-1); duration 5; compare 'cubic', 'ann' }

    charts {
        rmseByLead 'skill'
        anomalyCorrelation 'skill'
        pdfs 'climate'
        autocorrelation 'climate'
        lossCurves 'ann', log: true                  // loss per epoch on a log axis
        couplingScatter 'cubic'                     // the coupling term against X, the fitted cubic over it
        hovmoller 'drift', scheme: 'ann'            // X_k against k and time: truth above the network's run
    }
}
