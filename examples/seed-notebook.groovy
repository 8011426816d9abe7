// The seed notebook, "Using neural networks for L96 parameterization", reproduced faithfully.
// Each part names the notebook cell(s) it stands for. Run with:  ./l96 run examples/seed-notebook.groovy
//
// Known defects of the notebook are not copied: the linear-parameterization GCM runs T_test (not T) time units,
// and one sign convention is used for every parameterization (see dsl-docs/evaluation.md).

experiment('seed-notebook') {

    // "Ensuring reproducibility": np.random.seed(14); torch.manual_seed(14)
    seed 14

    // "Build the Real World": W = L96(8, 32, F=forcing) with forcing = 18
    // (h = 1, b = 10, c = 10 and the internal step dt = 0.001 are L96_model's defaults, written out here)
    world { k 8; j 32; forcing 18; h 1; b 10; c 10; dt 0.001 }

    // "Getting Training Data": time_steps = 20000; dt = 0.01; X_true, _, _, xy_true = W.run(dt, T, store=True,
    // return_coupling=True)
    simulate { sampleEvery 0.01; samples 20_000 }

    // "Split the Data": val_size = 4000 (the last samples); "Create Data Loaders": BATCH_SIZE = 1024, shuffle=True
    data { validation last: 4000; batchSize 1024; shuffle true }

    // "Building a Linear Regression Network": nn.Linear(1, 1) on local_loader (each X_k alone predicts its own
    // coupling term); "Set the Number of Epochs and the Optimizer": n_epochs = 3, optim.Adam(lr=0.03)
    network('linear') {
        local()
        layers { dense 1 }
        train { epochs 3; optimizer adam(lr: 0.03) }
    }

    // "Putting the Simple Linear Parameterization back to the GCM": naive_parameterization = np.polyval(-weights, X)
    // with weights = [w, b] of the trained linear network
    polynomial('linear-poly') { fromNetwork 'linear' }

    // "Creating a class of a 3 layer fully-connected network with ReLU": NetANN = Linear(8,16), ReLU,
    // Linear(16,16), ReLU, Linear(16,8) on the non-local loader; "Training the Network": n_epochs = 50,
    // optim.Adam(lr=0.003)
    network('ann') {
        nonLocal()
        layers { dense 16, relu; dense 16, relu; dense 8 }
        train { epochs 50; optimizer adam(lr: 0.003) }
    }

    // "Training further to improve performance": the same nn_3l and optimizer, n_epochs = 100 more
    network('ann-150', continues: 'ann') {
        train { epochs 100 }
    }

    // "Using Weight Decay": nn_3l_decay = NetANN(); n_epochs = 10; optim.Adam(lr=0.003, weight_decay=0.1)
    network('ann-decay', from: 'ann') {
        train { epochs 10; optimizer adam(lr: 0.003, weightDecay: 0.1) }
    }

    // "Dropout": NetANNDropout(dropout_rate=0.8), dropout after each hidden ReLU; n_epochs = 10, optim.Adam(lr=0.01)
    network('ann-dropout', from: 'ann') {
        layers { dense 16, relu; dropout 0.8; dense 16, relu; dropout 0.8; dense 8 }
        train { epochs 10; optimizer adam(lr: 0.01) }
    }

    // "Finding the Optimal Learning Rate": nn_3l_lr = NetANN(); optim.Adam(lr=1e-7);
    // lr_finder.range_test(loader, end_lr=100, num_iter=200)
    lrRangeTest('ann-lr') {
        network 'ann'
        from 1e-7
        to 100
        iterations 200
    }

    // after the range test: n_epochs = 20; optim.Adam(nn_3l_lr.parameters(), lr=0.01) on a fresh NetANN
    network('ann-lr001', from: 'ann') {
        train { epochs 20; optimizer adam(lr: 0.01) }
    }

    // "Putting the Simple Linear Parameterization back to the GCM": T_test = 10 from init_conditions = X_true[-1],
    // GCM without parameterization, with the linear polynomial and with the linear network
    trajectory('T10') {
        start(-1)
        duration 10
        compare 'none', 'linear-poly', 'linear'
    }

    // "Putting the Simple Linear Parameterization back to the GCM" (second time): T_test = 5, the linear network
    // against NetANN after 50 epochs
    trajectory('T5') {
        start(-1)
        duration 5
        compare 'linear', 'ann'
    }

    // "Checking over 100 Different Initial Conditions": init_conditions_i = X_true[i * 10], T_test = 1
    ensemble('ics') {
        compare 'linear', 'ann'
        initialConditions 100
        every 0.1                       // time units: 10 samples of 0.01
        first 0
        duration 1
    }

    // The notebook's twelve figures, in order, with the file names of /work/shared/seed/figures/
    charts {
        // "Display a batch of samples from the dataset": plt.plot(X_iter, subgrid_tend_iter, ".")
        batchScatter 'linear', file: '01_batch_state_vs_subgrid'
        // "Compare Predictions with Ground Truth": the linear network on X_1, first 1000 validation samples
        predictions 'linear', variable: 1, samples: 1000, file: '02_linear_pred_vs_true'
        // "Compare Results": X_4 over time_i = 200 steps of the T = 10 runs
        trajectories 'T10', variable: 4, steps: 200, file: '03_gcm_compare_T10'
        // "Need for Activation Functions": the ReLU over np.linspace(-2, 2, 50)
        activation relu, from: -2, to: 2, file: '04_relu'
        // "Training and Validation Loss Curves": NetANN, 50 epochs
        lossCurves 'ann', file: '05_netann_50ep_losses'
        // "Comparing Predictions with the Ground Truths": NetANN on X_1, first 1000 validation samples
        predictions 'ann', variable: 1, samples: 1000, file: '06_netann_pred_vs_true'
        // "Compare Results": X_1 over time_i = 240 steps of the T = 5 runs
        trajectories 'T5', variable: 1, steps: 240, file: '07_gcm_compare_T5'
        // "Plotting the Training and Validation Loss Curves" after 100 more epochs
        lossCurves 'ann-150', file: '08_netann_100more_losses'
        // "Using Weight Decay": loss curves
        lossCurves 'ann-decay', file: '09_weight_decay_losses'
        // "Dropout": loss curves
        lossCurves 'ann-dropout', file: '10_dropout_losses'
        // lr_finder.plot(): loss against learning rate
        lrRangeTest 'ann-lr', file: '11_lr_finder'
        // "the loss has converged much faster": loss curves at lr = 0.01
        lossCurves 'ann-lr001', file: '12_lr001_losses'
    }
}
