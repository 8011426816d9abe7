// Online training (the L96 book's online-training chapter, notebook L96_online_training_NN.ipynb, after Perezhogin's
// L96-predictability code): a network trained through the coarse model — run the one-scale model with the network
// in its tendency for a window of 128 steps from a truth state, compare the whole trajectory with the truth,
// backpropagate through every step — beside the usual offline network and the offline one fine-tuned online.
// Run with:
//
//   ./l96 run examples/online-training.groovy
//
// The chapter's setup: F = 18, 32 000 samples every 0.01, non-overlapping windows of 128 steps, the last 32 windows
// for testing, batches of 32 windows, RK4 at dt = 0.01, the 8-16-16-8 network, Adam lr 0.01. See dsl-docs/train.md,
// "Online training", and dsl-docs/evaluation.md for the scores.

experiment('online-training') {
    seed 14
    world { k 8; j 32; forcing 18; h 1; b 10; c 10; dt 0.001 }
    simulate { sampleEvery 0.01; samples 32_000; spinUp 10 }

    // a segment of L samples holds (L − 1) / 128 windows of 128 steps: the last 32 windows for testing
    // (4097 samples), 16 before them for validation (2049), the other 201 windows for training
    data { validation last: 2049; test last: 4097; batchSize 1024 }

    // offline: the coupling term from X, as in the seed notebook
    network('offline') {
        layers { dense 16, relu; dense 16, relu; dense 8 }
        train { epochs 30; optimizer adam(lr: 0.003) }
    }
    // online from scratch: the chapter's training
    network('online') {
        layers { dense 16, relu; dense 16, relu; dense 8 }
        train { rollout 128; stepper 'rk4'; batchSize 32; epochs 100; optimizer adam(lr: 0.01) }
    }
    // the common case: the offline network fine-tuned online (a new Adam at a tenth of the rate)
    network('tuned', continues: 'offline') {
        train { rollout 128; batchSize 32; epochs 15; optimizer adam(lr: 0.001) }
    }

    // the seed notebook's metric: 100 runs of 1 time unit from the truth, Σ|X_true − X_model|
    ensemble('errors') {
        compare 'none', 'offline', 'online', 'tuned'
        initialConditions 100
        every 0.1
        duration 1
    }
    // forecast skill with 95% bootstrap intervals; paired differences against the first, the offline network
    forecast('skill') {
        compare 'offline', 'online', 'tuned'   // 'none' is added automatically
        initialConditions 150
        every 2                                // 150 runs of 3 time units fit in the 320 of truth
        lead 3
        bootstrap 1000
        ceiling false
    }
    // long runs: PDF distances and autocorrelation, each distance next to its truth-vs-truth noise floor
    climate('climate') {
        compare 'none', 'offline', 'online', 'tuned'
        duration 100
        spinUp 10
    }

    charts {
        lossCurves 'offline'
        lossCurves 'online'
        lossCurves 'tuned'
        rmseByLead 'skill'
        pdfs 'climate'
        autocorrelation 'climate'
    }
}
