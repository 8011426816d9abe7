// Bring your own: a dataset written by `l96 simulate`, a network trained by another experiment, both scored here on
// the test segment, which no network trained on. Run from the project folder, in this order:
//
//   ./l96 simulate --samples 20000 --no-y --out output/byo-truth     # 200 time units of the two-scale world
//   ./l96 run examples/bring-your-own-source.groovy                  # trains the network loaded below
//   ./l96 run examples/bring-your-own.groovy
//
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
    // TODO(lead): a stencil network once the `inputs` branch (stencil N) is merged, e.g.
    //   network('stencil') { local(); stencil 2; layers { dense 16, relu; dense 1 }; train { epochs 10 } }

    // Forecasts start in the test segment (a forecast's default when the data hold one): 20 initial conditions
    // 1.5 time units apart, leads to 2 time units.
    forecast('skill') {
        compare 'theirs', 'theirs-more', 'ours'
        initialConditions 20
        every 1.5
        lead 2
    }
    // One run from the test segment's first sample (the whole truth would start at sample 0).
    ensemble('fromTest') {
        segment 'test'
        compare 'none', 'theirs', 'ours'
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
