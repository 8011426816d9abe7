// Offline scores (issue 14): a test segment held out, a network and two polynomials scored on validation and test.
experiment('offline') {
    seed 3
    simulate { sampleEvery 0.01; samples 1200 }
    data { validation last: 300; test last: 200; batchSize 128 }
    network('ann') {
        nonLocal()
        layers { dense 12, tanh; dense 8 }
        train { epochs 2; optimizer adam(lr: 0.01) }
    }
    network('lin') { local(); layers { dense 1 }; train { epochs 2; optimizer adam(lr: 0.03) } }
    polynomial('lin-poly') { fromNetwork 'lin' }
    polynomial('cubic') { fitDegree 3 }
    polynomial('line') { coefficients(-0.5, 0.2) }
}
