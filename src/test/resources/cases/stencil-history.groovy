// Stencil and history inputs (issue 14 §1): a stencil-1 network and one that also sees two earlier states and
// its previous coupling term, trained on a tiny world and run in every kind of evaluation.
experiment('inputs') {
    seed 5
    simulate { sampleEvery 0.01; samples 1200 }
    data { validation last: 300; test last: 200; batchSize 128 }
    network('st') {
        stencil 1
        layers { dense 8, tanh; dense 1 }
        train { epochs 3; optimizer adam(lr: 0.01) }
    }
    network('past') {
        stencil 1
        history 2
        previousCoupling true
        layers { dense 8, tanh; dense 1 }
        train { epochs 2; optimizer adam(lr: 0.01) }
    }
    trajectory('traj') { compare 'none', 'st', 'past'; start 800; duration 0.5 }
    ensemble('ens') { compare 'st', 'past'; initialConditions 3; every 0.5; first 2; duration 0.3 }
    forecast('fc') { compare 'st', 'past'; initialConditions 3; every 0.5; lead 0.3; bootstrap 10 }
    climate('clim') { compare 'st', 'past'; duration 2; spinUp 0.5; maxLag 0.5 }
}
