// A tiny experiment with one of each kind of thing, for ValidateAgreesWithRunTest: every leaf of its spec is
// mutated, and each mutant that validates must run without an internal error.
experiment('tiny') {
    seed 3
    world { k 4; j 3; forcing 10; h 1; b 10; c 10; dt 0.005 }
    simulate { sampleEvery 0.01; samples 300; spinUp 0.1 }
    data { validation fraction: 0.2; test last: 30; batchSize 32 }

    network('ann') {
        nonLocal()
        layers { dense 6, relu; dropout 0.1; batchNorm(); dense 4 }
        train { epochs 2; optimizer adam(lr: 0.003); schedule step(1, 0.5); earlyStopping patience: 2, minDelta: 1e-4, restoreBest: true }
    }
    network('more', continues: 'ann') { train { epochs 1; optimizer sgd(lr: 0.001, momentum: 0.9) } }
    network('lin') {
        local()
        layers { dense 1 }
        train { epochs 1; batchSize 16; optimizer rmsprop(lr: 0.001); schedule cyclic(baseLr: 0.001, maxLr: 0.01, stepSizeUp: 4) }
    }
    network('w') {
        layers { dense 4, tanh }
        train { epochs 1; optimizer adamw(lr: 0.001); schedule oneCycle(maxLr: 0.01) }
    }
    polynomial('p') { coefficients(-0.5, -0.7) }
    polynomial('cubic') { fitDegree 3 }
    polynomial('fromlin') { fromNetwork 'lin' }
    lrRangeTest('ann-lr') { network 'ann'; from 1e-5; to 1; iterations 8 }

    trajectory('T') { start(-1); duration 0.2; dt 0.005; compare 'none', 'ann', 'p' }
    ensemble('E') { compare 'none', 'lin'; initialConditions 3; every 0.2; duration 0.2; forcing 12 }
    forecast('F') { compare 'cubic', 'w'; initialConditions 4; every 0.5; lead 0.2; bootstrap 20; ceiling true
        segment 'all' }
    climate('C') { compare 'none', 'fromlin'; duration 2; spinUp 0.1; maxLag 0.5 }

    charts {
        batchScatter 'ann'
        predictions 'ann', variable: 1, samples: 20
        trajectories 'T', variable: 2, steps: 10
        activation relu, from: -2, to: 2
        lossCurves 'more'
        lrRangeTest 'ann-lr'
        rmseByLead 'F'
        anomalyCorrelation 'F'
        pdfs 'C'
        autocorrelation 'C'
        lrSchedule 'lin'
    }
}
