// Regularization compared: the notebook's network with weight decay, with dropout, with batch normalization and
// with early stopping, judged offline (loss curves) and online (forecast skill with intervals, climate).
//
//   ./l96 run examples/regularization.groovy
//
// About a minute (16 s on a quiet machine). See dsl-docs/regularization.md and dsl-docs/evaluation.md.

experiment('regularization') {
    seed 14
    // 600 time units of truth: 20 000 samples for training, the rest for the well-separated forecasts
    simulate { sampleEvery 0.01; samples 60_000; spinUp 10 }
    data { validation last: 4000; test last: 40_000; batchSize 1024 }

    // the baseline: the notebook's three-layer network
    network('plain') {
        nonLocal()
        layers { dense 16, relu; dense 16, relu; dense 8 }
        train { epochs 30; optimizer adam(lr: 0.003) }
    }
    // L2 weight decay (PyTorch's weight_decay, the notebook's 0.1)
    network('decay', from: 'plain') {
        train { optimizer adam(lr: 0.003, weightDecay: 0.1) }
    }
    // dropout after each hidden layer (the notebook used 0.8, which cripples a network this small)
    network('dropout', from: 'plain') {
        layers { dense 16, relu; dropout 0.2; dense 16, relu; dropout 0.2; dense 8 }
    }
    // batch normalization after each hidden layer
    network('batchnorm', from: 'plain') {
        layers { dense 16, relu; batchNorm(); dense 16, relu; batchNorm(); dense 8 }
    }
    // early stopping on the validation loss, keeping the best weights
    network('early', from: 'plain') {
        train { epochs 100; earlyStopping patience: 5, minDelta: 1e-4, restoreBest: true }
    }

    // 100 runs 5 time units apart; paired differences against the plain network
    forecast('skill') {
        compare 'plain', 'decay', 'dropout', 'batchnorm', 'early'
        initialConditions 100
        segment 'all'                   // the whole truth, as before segments: the test segment holds fewer of these ICs
        every 5
        lead 2
        bootstrap 1000
    }
    climate('climate') {
        compare 'none', 'plain', 'decay', 'dropout', 'batchnorm', 'early'
        duration 50
    }

    charts {
        lossCurves 'plain'
        lossCurves 'decay'
        lossCurves 'dropout'
        lossCurves 'batchnorm'
        lossCurves 'early'
        rmseByLead 'skill'
        pdfs 'climate'
    }
}
