// The learning-rate range test, then training at the rates it suggests with a cyclic schedule.
//
//   ./l96 run examples/lr-range-test.groovy
//
// A script declares everything before anything runs, so the rates of the second step are written in: run the
// test once, read its suggestion (chart 'lrRangeTest_ann-lr', and metric lrRangeTest.ann-lr.suggestedLr in
// manifest.json), and put the range around it below. For this world the test suggests 1.4e-2 (the notebook
// picked 0.01); a cyclic schedule between a tenth of it and the suggestion is the usual choice (Smith 2017).
// About 15 seconds.

experiment('lr-range-test') {
    seed 14
    simulate { sampleEvery 0.01; samples 20_000 }
    data { validation last: 4000; batchSize 1024 }

    network('ann') {
        nonLocal()
        layers { dense 16, relu; dense 16, relu; dense 8 }
        train { epochs 20; optimizer adam(lr: 1e-7) }
    }

    // step 1: the range test (a copy of 'ann' trains while the rate ramps from 1e-7 to 100)
    lrRangeTest('ann-lr') {
        network 'ann'
        from 1e-7
        to 100
        iterations 200
    }

    // step 2: training at the suggested range. 16 000 training samples / 1024 = 16 batches per epoch: the rate
    // goes up over 2 epochs and down over 2, five cycles in 20 epochs.
    network('ann-cyclic', from: 'ann') {
        train {
            epochs 20
            optimizer adam(lr: 1.4e-3)
            schedule cyclic(baseLr: 1.4e-3, maxLr: 1.4e-2, stepSizeUp: 32)
        }
    }
    // the same network at the notebook's constant rate, for comparison
    network('ann-constant', from: 'ann') {
        train { epochs 20; optimizer adam(lr: 0.01) }
    }

    forecast('skill') {
        compare 'ann-constant', 'ann-cyclic'
        initialConditions 60
        every 3
        lead 2
    }

    charts {
        lrRangeTest 'ann-lr'
        lrSchedule 'ann-cyclic'
        lossCurves 'ann-cyclic'
        lossCurves 'ann-constant'
        rmseByLead 'skill'
    }
}
