// Regime-shift scorecard: how do a network and a cubic polynomial fitted at one forcing fare at others?
// The world's forcing F takes 16, 18, 20 and 24; at each, the coarse model runs with no parameterization, with
// the cubic polynomial and with the network, against the real world (sum of |X_true − X_model| over 20 runs).
//
//   ./l96 sweep examples/sweep-forcing.groovy
//
// NOTE: evaluations have no forcing of their own yet, so varying world.forcing changes the world the data come
// from too: at each F the network and the polynomial are trained/fitted AT THAT F. This scorecard therefore shows
// how hard each regime is and how well each scheme learns it, not (yet) how a scheme trained at F = 18 transfers.
// Seeds 3: every F is repeated with seeds 14, 15, 16; the report draws the mean with the min–max band.

experiment('sweep-forcing') {
    seed 14
    world { k 8; j 32; forcing 18 }
    simulate { sampleEvery 0.01; samples 4000 }
    data { validation fraction: 0.2; batchSize 256; shuffle true }

    network('ann') {
        nonLocal()
        layers { dense 16, relu; dense 16, relu; dense 8 }
        train { epochs 20; optimizer adam(lr: 0.003) }
    }
    polynomial('cubic') { fitDegree 3 }

    ensemble('online') { compare 'none', 'cubic', 'ann'; initialConditions 20; every 100; duration 1 }

    sweep {
        vary 'world.forcing', 16, 18, 20, 24
        seeds 3
    }
}
