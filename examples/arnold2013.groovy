// Arnold, Moroz & Palmer (2013, Phil. Trans. R. Soc. A 371: 20110479): a cubic closure of the two-scale
// Lorenz-96 world and the four stochastic schemes on it, each with white and AR(1) noise, scored by forecasts and
// climate runs. Run with:
//
//   ./l96 run examples/arnold2013.groovy                      # c = 10
//   ./l96 run examples/arnold2013.groovy --set world.c=4      # the paper's other case
//
// Forecasts are ensembles of 40 members from each of 300 initial conditions; CRPS, spread/error and the other
// probabilistic scores come with 95% bootstrap intervals over the initial conditions, and each scheme's CRPS is
// also given as the paired difference from the first compared one (white additive noise): the AR(1)-vs-white
// comparison. Not yet here (issue #13): the coarse model's stepper and dt per evaluation (it steps RK4 at Δ).
// See dsl-docs/stochastic.md.

experiment('arnold2013') {
    seed 2013
    // the paper's world: K = 8, J = 32, F = 20, h = 1, b = 10, c = 10; truth RK4 at dt 0.001
    world { k 8; j 32; forcing 20; h 1; b 10; c 10; dt 0.001; integrator 'rk4' }

    // sampled every Δ = 0.005 after a spin-up; (300 − 1)·2 + 2 = 600 time units are needed by the forecast below
    // TODO(issue #13 §1): fit the DISCRETE target, simulate { couplingTarget 'discrete' }, once it is on main
    simulate { sampleEvery 0.005; samples 120_000; spinUp 10 }

    // fit on the first 100 time units (20 000 samples); the rest is held out (the forecasts start anywhere)
    data { validation last: 1; test last: 99_999 }

    polynomial('cubic') { fitDegree 3 }                        // the deterministic scheme; P = −U of the paper
    // the four stochastic schemes, white and AR(1); φ and σ fitted to the cubic's residuals on the training rows
    polynomial('add-white')     { from 'cubic'; noise 'additive', process: 'white' }
    polynomial('add-ar1')       { from 'cubic'; noise 'additive', process: 'ar1' }
    polynomial('sd-white')      { from 'cubic'; noise 'stateDependent', process: 'white' }
    polynomial('sd-ar1')        { from 'cubic'; noise 'stateDependent', process: 'ar1' }
    polynomial('mult-white')    { from 'cubic'; noise 'multiplicative', process: 'white' }
    polynomial('mult-ar1')      { from 'cubic'; noise 'multiplicative', process: 'ar1' }
    polynomial('multadd-white') { from 'cubic'; noise 'multiplicativeAdditive', process: 'white' }
    polynomial('multadd-ar1')   { from 'cubic'; noise 'multiplicativeAdditive', process: 'ar1' }

    // 300 initial conditions 2 time units apart × 40 members, leads to 2; paired differences against 'add-white'
    forecast('white-first') {
        compare 'add-white', 'add-ar1', 'cubic', 'sd-white', 'sd-ar1', 'mult-white', 'mult-ar1',
                'multadd-white', 'multadd-ar1'
        initialConditions 300
        every 2
        lead 2
        members 40
        rankLeads 0.5, 1
        bootstrap 500                   // resamples for the 95% intervals (1000 doubles this stage's time)
        ceiling false
    }

    // long runs: PDF distances (Hellinger, Wasserstein-1) next to their truth-vs-truth noise floors
    climate('climate') {
        compare 'cubic', 'add-white', 'add-ar1', 'sd-white', 'sd-ar1', 'mult-white', 'mult-ar1',
                'multadd-white', 'multadd-ar1'
        duration 50
        spinUp 5
    }

    charts {
        rmseByLead 'white-first'
        anomalyCorrelation 'white-first'
        pdfs 'climate'
        autocorrelation 'climate'
    }
}
