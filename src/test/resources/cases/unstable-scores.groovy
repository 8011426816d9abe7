// Issue 10, case "unstable-scores": 'diverge' (SGD lr 1: its training loss is NaN in epoch 1) and 'wild'
// (+0.05 X^3: the coarse model blows up at t = 0.09) must score null, never 0.0 or 3e32; the summary and report
// show them as unstable with the time, and the diverged training as a failure with its reason.
// Robustness: a network whose training diverges (SGD lr=1), a barely-trained net that may blow up online,
// a coarse dt 5x the sampling interval, and a trajectory chart asking for more steps than the run has.
experiment('unstable2') {
    seed 14
    simulate { sampleEvery 0.01; samples 6000; spinUp 5 }
    data { validation fraction: 0.2; batchSize 256 }
    network('diverge') { layers { dense 16, relu; dense 8 }; train { epochs 3; optimizer sgd(lr: 1.0) } }
    network('weak') { layers { dense 16, relu; dense 8 }; train { epochs 1; optimizer adam(lr: 0.05) } }
    polynomial('wild') { coefficients(0.05, 0, 0, 0) }     // +0.05 X^3: positive feedback, should blow up
    trajectory('T') { start(-1); duration 2; dt 0.002; compare 'none', 'weak', 'wild', 'diverge' }
    climate('clim') { compare 'none', 'weak', 'wild', 'diverge'; duration 20; spinUp 2 }
    charts { trajectories 'T', variable: 0, steps: 500; lossCurves 'diverge'; pdfs 'clim' }
}
