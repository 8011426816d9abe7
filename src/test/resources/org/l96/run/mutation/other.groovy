// The other branches of the spec, for ValidateAgreesWithRunTest: validation by count, local networks continued,
// the remaining schedules and options, a trajectory at the sampling interval, a forecast without the ceiling.
experiment('other') {
    seed 5
    world { k 5; j 2; forcing 8; dt 0.01 }
    simulate { sampleEvery 0.02; samples 200; couplingTarget 'sample' }
    data { validation last: 40; batchSize 64; shuffle false }

    network('loc') {
        local()
        weightInit 'xavier'
        loss 'mae'
        layers { dense 3, tanh; dense 1 }
        train { epochs 1; optimizer sgd(lr: 0.01, momentum: 0.5, nesterov: true); schedule exponential(0.9) }
    }
    network('loc2', continues: 'loc') { train { epochs 1; earlyStopping patience: 1 } }
    network('he') {
        weightInit 'he'
        layers { dense 5, elu }
        train { epochs 1; optimizer adam(lr: 0.001, weightDecay: 0.01); schedule constant() }
    }
    polynomial('quad') { fitDegree 2 }
    lrRangeTest('r') { network 'loc'; from 1e-4; to 0.1; iterations 5; ramp 'linear'; smoothing 0.1 }

    trajectory('T') { start(10); duration 0.2; compare 'loc2', 'quad' }
    forecast('F') { compare 'he'; initialConditions 2; every 0.4; lead 0.2; bootstrap 5; forcing 9 }

    charts {
        batchScatter()
        predictions 'loc2', samples: 10
        trajectories 'T', steps: 5
        activation tanh
        lrRangeTest 'r'
        rmseByLead 'F'
    }
}
