// Bring your own: a dataset written by `l96 simulate`, a network trained by another experiment and a stencil
// network trained here, all scored on the test segment, which no network trained on. Run from the project folder,
// in this order:
//
//   ./l96 simulate --samples 20000 --no-y --out output/byo-truth     # 200 time units of the two-scale world
//   ./l96 run examples/bring-your-own-source.groovy                  # trains the network loaded below
//   ./l96 run examples/bring-your-own.groovy
//
// One run here (2-core machine, about 30 s for the three steps): test-segment R² of the coupling term 0.830 (loaded),
// 0.843 (loaded, +5 epochs), 0.876 (ours), 0.903 (stencil 2); forecast valid prediction time (median of 20 initial
// conditions, 95% interval) 1.45 [1.20, 1.86], 1.50 [1.22, 1.82], 1.74 [1.30, 1.90], 1.76 [1.47, 2.00]; 'none' 0.37.
// (`l96 validate` says what is missing if a step was skipped.) See dsl-docs/network.md ("Loaded networks") and
// dsl-docs/simulate.md ("Data from a folder").

experiment('bring-your-own') {
    // The world (K, J, F, h, b, c, dt), the samples and the sampling interval are the folder's (its manifest.json
    // and t.npy); a world block here may repeat them, and is an error where it disagrees.
    simulate { from '../output/byo-truth' }

    // Training data first, then validation, then the last 4000 samples (40 time units) held out as the test segment.
    data { validation last: 4000; test last: 4000; batchSize 256 }

    // A network trained elsewhere: its layers come from the file; the manifest records its path, size, SHA-256
    // and the run it came from.
    network('theirs') { load '../output/byo-source/train-ann/model.zip' }

    // ... trained further here, from its weights and the optimizer state saved with it.
    network('theirs-more', continues: 'theirs') { train { epochs 5 } }

    // One of our own, on the same data.
    network('ours') {
        layers { dense 32, relu; dense 8 }
        train { epochs 10; optimizer adam(lr: 0.003) }
    }
    // A local network on a stencil: X_{k-2..k+2} → the coupling term of X_k, one set of weights for every k.
    network('stencil') {
        stencil 2
        layers { dense 16, relu; dense 1 }
        train { epochs 10; optimizer adam(lr: 0.003) }
    }

    // Forecasts start in the test segment (a forecast's default when the data hold one): 20 initial conditions
    // 1.5 time units apart, leads to 2 time units.
    forecast('skill') {
        compare 'theirs', 'theirs-more', 'ours', 'stencil'
        initialConditions 20
        every 1.5
        lead 2
    }
    // One run from the test segment's first sample (the whole truth would start at sample 0).
    ensemble('fromTest') {
        segment 'test'
        compare 'none', 'theirs', 'ours', 'stencil'
        initialConditions 10
        every 3.0
        duration 2
    }

    charts {
        lossCurves 'theirs'                     // the source run's training, carried with the file
        lossCurves 'theirs-more'
        rmseByLead 'skill'
    }
}
