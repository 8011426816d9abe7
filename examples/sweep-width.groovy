// Hidden width × learning rate, 3 seeds each: how much network does the coupling term need, and how touchy is
// the learning rate? 3 widths × 3 learning rates × 3 seeds = 27 small experiments (a few minutes on 2 cores):
//
//   ./l96 sweep examples/sweep-width.groovy              # every point, one JVM per core
//   ./l96 sweep examples/sweep-width.groovy --dry-run    # the 27 points, without running them
//
// Every point shares one simulation per seed (the stage cache): only training and evaluation run per point.
// Results: output/sweep-width/summary.csv, report.html (loss and online error against width, heat maps).

experiment('sweep-width') {
    seed 14
    world { k 8; j 32; forcing 18 }
    simulate { sampleEvery 0.01; samples 2000 }
    data { validation fraction: 0.2; batchSize 256; shuffle true }

    network('ann') {
        nonLocal()
        layers { dense 16, relu; dense 8 }          // the hidden width is swept below (layers.0.units)
        train { epochs 5; optimizer adam(lr: 0.003) }
    }

    // 10 one-time-unit runs of the coarse model with the network, against the real world
    ensemble('online') { compare 'none', 'ann'; initialConditions 10; every 1.0; duration 1 }

    sweep {
        vary 'networks.ann.layers.0.units', 8, 16, 32
        vary 'networks.ann.train.optimizer.lr', 0.001, 0.003, 0.01
        seeds 3                                     // seeds 14, 15, 16 (the experiment's seed + repetition)
    }
}
