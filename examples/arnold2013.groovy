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
//
// What one run here showed (seed 2013; not tuned to the paper; fitted to the existing coupling target, see the TODO):
// CRPS at lead 1 (95% interval over the 300 ICs), and the paired difference from white additive noise:
//   add-white 1.234 [1.132, 1.337]   add-ar1  1.141, paired −0.093 [−0.169, −0.011]
//   sd-white  +0.021 [0.008, 0.033]   sd-ar1   −0.112 [−0.191, −0.034]
//   mult-white +0.056 [0.044, 0.068]  mult-ar1 −0.178 [−0.245, −0.111]
//   multadd-white +0.006 [−0.006, 0.019]  multadd-ar1 −0.103 [−0.178, −0.024]    cubic (no noise) +0.279
// so AR(1) noise beats white noise in CRPS for every form, as the paper found. Spread/error at lead 0.5 and 1:
// white 0.23–0.30 and 0.28–0.36 (under-dispersed), AR(1) 1.4–1.8 and 1.24–1.35 (over-dispersed at short leads).
// Climate (one 50-time-unit run each; Hellinger floor 0.037): no clear order between white and AR(1) (add-white
// 0.036, add-ar1 0.061, sd-white 0.057, sd-ar1 0.049): runs this short cannot separate them.

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
        spreadByLead 'white-first'
        crpsByLead 'white-first'
        rankHistograms 'white-first'
        anomalyCorrelation 'white-first'
        pdfs 'climate'
        autocorrelation 'climate'
    }
}
