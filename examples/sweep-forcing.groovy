// Regime-shift scorecard: a network and a cubic polynomial trained/fitted once at F = 18, evaluated in the real
// world at F = 16, 18, 20 and 24 against no parameterization. Run with:
//
//   ./l96 sweep examples/sweep-forcing.groovy --parallel 1
//
// Only the evaluations' forcing varies, so the simulation at F = 18, the training of 'ann' and the fit of 'cubic'
// run once and every point takes them from the stage cache. At each F the evaluation simulates its own truth (from
// the F = 18 truth's last state, 10 time units of spin-up at F) and runs the coarse model at F; see
// dsl-docs/evaluation.md, "Another regime". At F = 18 the forecasts start in the simulated truth, partly inside the
// training segment (which hardly matters for closures this small).
// Results: output/sweep-forcing/summary.csv (online.skill.<scheme>.vpt, online.online.<scheme>.sumAbsError, …).

experiment('sweep-forcing') {
    seed 14
    world { k 8; j 32; forcing 18 }                      // the training regime
    simulate { sampleEvery 0.01; samples 20_000; spinUp 10 }
    data { validation fraction: 0.2; batchSize 256; shuffle true }

    network('ann') {
        nonLocal()
        layers { dense 16, relu; dense 16, relu; dense 8 }
        train { epochs 20; optimizer adam(lr: 0.003) }
    }
    polynomial('cubic') { fitDegree 3 }                  // least squares on the F = 18 training data

    // forecast skill: 80 initial conditions 2 time units apart, leads up to 3; 'none' and the ceiling (the
    // two-scale model at F from the true X with an unknown Y) are scored too; paired VPT differences against cubic
    forecast('skill') {
        compare 'cubic', 'ann'
        initialConditions 80
        every 2
        lead 3
        bootstrap 200
        ceiling true
        forcing 18
    }
    // the notebook's metric: sum of |X_true − X_model| over 20 runs of 1 time unit, 5 time units apart
    ensemble('online') {
        compare 'none', 'cubic', 'ann'
        initialConditions 20
        every 5.0
        duration 1
        forcing 18
    }

    sweep {
        vary 'evaluations.skill.forcing', 16, 18, 20, 24
        vary 'evaluations.online.forcing', 16, 18, 20, 24
        combine 'zip'                                     // both evaluations at the same F
    }
}
