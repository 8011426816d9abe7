package org.l96.nn.engine;

import org.l96.nn.Activations;
import org.l96.world.Integrator;

/**
 * The loss of a batch of rollout windows and its gradient with respect to the network's parameters, by reverse mode
 * through every coarse step, stage and network call, in float32 (the numerical core of {@link RolloutTraining}).
 *
 * <p>Model. From the truth state x_0 of each window, x_{n+1} = x_n + dt·Σ_r b_r·k_r with stage tendencies
 * k_r = f(x_n + dt·a_r·k_{r−1}) (a_0 = 0) and f(X) = L96(X; F) + P(X), L96_i = X_{i−1}(X_{i+1} − X_{i−2}) − X_i + F
 * (cyclic; {@link org.l96.world.OneScaleL96}); Euler: b = (1); RK2 midpoint: a = (0, ½), b = (0, 1); RK4:
 * a = (0, ½, ½, 1), b = (⅙, ⅓, ⅓, ⅙) — the schemes of {@link org.l96.world.Stepper}. Loss =
 * (1/(n·N·K)) Σ_windows Σ_{steps 1..N} Σ_i (x_{n,i} − truth_{n,i})² for n windows of N steps.
 *
 * <p>Gradient (the discrete adjoint). With g = ∂loss/∂x_{n+1}: ∂/∂k_r = dt·b_r·g; going down the stages,
 * ∂/∂(stage input r) = J_f^T·∂/∂k_r (which also adds the network's parameter gradient of that call), which is added
 * to ∂/∂x_n and, times dt·a_r, to ∂/∂k_{r−1}; then ∂loss/∂x_n also gets 2(x_n − truth_n)/(n·N·K). The adjoint of
 * L96 is (J^T v)_j = v_{j+1}(X_{j+2} − X_{j−1}) + v_{j−1}X_{j−2} − v_{j+2}X_{j+1} − v_j.
 *
 * <p>Layout and memory. Every state, stage and activation is feature-major (one float row of the batch's windows
 * per unit, see {@link Kernels}); a non-local network is called once per stage on the K state rows (B samples), a
 * local one also once per stage, on one row holding the K state rows end to end (K·B samples; its input rows are
 * kept on the tape). The forward pass keeps a tape: each stage's input state and, for each network call, each dense
 * layer's output (and its pre-activation when the activation's derivative needs it: not for identity, ReLU, tanh,
 * sigmoid). In floats, for capacity B windows of N steps with s stages ({@link #tapeFloats}), with c = K for a
 * local network and 1 for a non-local one: N·s·B·K (stage inputs; twice that for a local network) +
 * N·s·c·B·Σ_l u_l (activations; u_l = a dense layer's width, doubled where the pre-activation is kept) +
 * (N+1)·K·B (truth) + P·c·B (per-parameter gradient accumulators, P parameters) + G·c·B·Σ_l w_l (the deltas of a
 * group of G calls whose weight gradient is deferred, w_l the plain widths; G ≤ 8·s and G·c·B·Σ_l w_l ≤ 2^18
 * floats). Example: 256 windows × 128 RK4 steps, 8-16-16-8 ReLU non-local: 1.05 M + 5.24 M + 0.26 M + 0.14 M +
 * 0.26 M = 6.95 M floats, 28 MB. Nothing is allocated per batch.
 *
 * <p>Networks: dense layers with every activation of {@link Activations}, and dropout layers that keep every unit;
 * no batch norm, no active dropout (the constructor refuses them). Not thread-safe.
 */
final class RolloutGradient {
    private final FloatMlp net;
    final int capacity;
    final int steps;
    final int k;
    private final boolean local;
    private final int stages;
    private final float[] stageStep;   // dt·a_r
    private final float[] weightStep;  // dt·b_r
    private final float forcing;
    /** Length of a network row: a local network runs once per stage on the K state rows laid end to end. */
    private final int netCapacity;

    // the dense layers of net, in order
    private final int dense;
    private final int[] layer;
    private final int[] ni;
    private final int[] no;
    private final int[] act;
    private final boolean[] keepPre;

    // tape
    private final float[][][][] stageIn;     // [step][stage][i][b]
    private final float[][][][] pre;         // [call][dense][unit][b] (null rows where not kept)
    private final float[][][][] out;         // [call][dense][unit][b]
    private final float[][][] truth;         // [step 0..N][i][b]
    private final float[][] gradLanes;       // [param][b]: gradient summed over calls, lane by lane

    // scratch
    private final float[][] x;
    private final float[][][] kStage;
    private final float[][] gx;
    private final float[][][] gk;
    private final float[][] gin;
    private final float[][] zScratch;
    // the weight gradient is deferred over a group of network calls (see flush): each call's deltas, its input
    private final int group;
    private final float[][][][] deltas;       // [slot][dense][unit][b]
    private final int[] slotCall;
    private final float[][][] slotInput;      // [slot][input unit][] (references)
    private int slots;
    // local networks: each call's input row (the K state rows end to end), output gradient and input gradient rows
    private final float[][][] localIn;        // [call][1][K·B]
    private final float[][] localOut;         // [1][K·B]
    private final float[][] localGrad;        // [1][K·B]
    private int netN;                         // samples per network call for the loaded batch
    private int loaded;

    /**
     * @param net      the network (its layer structure and live parameter array are used)
     * @param capacity most windows per batch
     * @throws IllegalArgumentException for batch norm, active dropout, or a network whose inputs/outputs do not fit
     *                                  the setup (1→1 local, K→K non-local)
     */
    RolloutGradient(FloatMlp net, RolloutSetup setup, int k, int steps, int capacity) {
        String why = unsupported(net);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        int want = setup.local() ? 1 : k;
        if (net.inputs() != want || net.outputs() != want) {
            throw new IllegalArgumentException("a " + (setup.local() ? "local" : "non-local")
                    + " network must map " + want + " input" + (want == 1 ? "" : "s") + " to " + want + " output"
                    + (want == 1 ? "" : "s") + " for K = " + k + "; this one maps " + net.inputs() + " to "
                    + net.outputs());
        }
        this.net = net;
        this.capacity = capacity;
        this.steps = steps;
        this.k = k;
        this.local = setup.local();
        this.forcing = (float) setup.forcing();
        double dt = setup.dt();
        double[] a;
        double[] b;
        Integrator integrator = setup.integrator();
        switch (integrator) {
            case EULER -> {
                a = new double[]{0};
                b = new double[]{1};
            }
            case RK2 -> {
                a = new double[]{0, 0.5};
                b = new double[]{0, 1};
            }
            case RK4 -> {
                a = new double[]{0, 0.5, 0.5, 1};
                b = new double[]{1 / 6.0, 1 / 3.0, 1 / 3.0, 1 / 6.0};
            }
            default -> throw new IllegalStateException();
        }
        stages = a.length;
        stageStep = new float[stages];
        weightStep = new float[stages];
        for (int r = 0; r < stages; r++) {
            stageStep[r] = (float) (dt * a[r]);
            weightStep[r] = (float) (dt * b[r]);
        }
        netCapacity = local ? k * capacity : capacity;

        int d = 0;
        for (int l = 0; l < net.layers; l++) {
            if (net.kind[l] == FloatMlp.DENSE) {
                d++;
            }
        }
        dense = d;
        layer = new int[d];
        ni = new int[d];
        no = new int[d];
        act = new int[d];
        keepPre = new boolean[d];
        int widest = Math.max(k, 1);
        d = 0;
        for (int l = 0; l < net.layers; l++) {
            if (net.kind[l] == FloatMlp.DENSE) {
                layer[d] = l;
                ni[d] = net.nIn[l];
                no[d] = net.nOut[l];
                act[d] = net.activation[l];
                keepPre[d] = needsPreActivation(act[d]);
                widest = Math.max(widest, Math.max(ni[d], no[d]));
                d++;
            }
        }
        // a group is the calls of up to 8 steps (32 RK4 stages), capped at ~1 MB of deltas: its rows stay in the
        // L2 cache between the reverse pass that writes them and the flush that reads them
        long perCallDeltas = 0;
        for (int j = 0; j < dense; j++) {
            perCallDeltas += (long) no[j] * netCapacity;
        }
        group = (int) Math.max(1, Math.min((long) 8 * stages, (1 << 18) / Math.max(1, perCallDeltas)));
        long need = tapeFloats() * Float.BYTES;
        long have = Runtime.getRuntime().maxMemory();
        String tooLarge = org.l96.spec.RolloutTape.tooLarge(need, capacity, steps, have);
        if (tooLarge != null) {
            throw new IllegalArgumentException(tooLarge);
        }
        int calls = steps * stages;
        stageIn = new float[steps][stages][k][capacity];
        localIn = local ? new float[calls][1][netCapacity] : null;
        localOut = local ? new float[1][netCapacity] : null;
        localGrad = local ? new float[1][netCapacity] : null;
        pre = new float[calls][dense][][];
        out = new float[calls][dense][][];
        for (int c = 0; c < calls; c++) {
            for (int j = 0; j < dense; j++) {
                out[c][j] = new float[no[j]][netCapacity];
                pre[c][j] = keepPre[j] ? new float[no[j]][netCapacity] : null;
            }
        }
        truth = new float[steps + 1][k][capacity];
        gradLanes = new float[net.params.length][];
        for (int j = 0; j < dense; j++) {
            int l = layer[j];
            for (int p = 0; p < no[j] * ni[j]; p++) {
                gradLanes[net.wOff[l] + p] = new float[netCapacity];
            }
            for (int o = 0; o < no[j]; o++) {
                gradLanes[net.bOff[l] + o] = new float[netCapacity];
            }
        }
        x = new float[k][capacity];
        kStage = new float[stages][k][capacity];
        gx = new float[k][capacity];
        gk = new float[stages][k][capacity];
        gin = new float[k][capacity];
        zScratch = new float[widest][netCapacity];
        deltas = new float[group][dense][][];
        for (int g = 0; g < group; g++) {
            for (int j = 0; j < dense; j++) {
                deltas[g][j] = new float[no[j]][netCapacity];
            }
        }
        slotCall = new int[group];
        slotInput = new float[group][][];
    }

    /** Null if rollout training can use {@code net}, else why not (a sentence for the user). */
    static String unsupported(FloatMlp net) {
        for (int l = 0; l < net.layers; l++) {
            if (net.kind[l] == FloatMlp.BATCH_NORM) {
                return "training through the coarse model does not support batch normalization (its batch "
                        + "statistics would mix the windows and stages of a rollout); remove the batch-norm layer";
            }
            if (net.kind[l] == FloatMlp.DROPOUT && net.retain[l] < 1) {
                return "training through the coarse model does not support dropout; remove the dropout layer or set "
                        + "its rate to 0";
            }
        }
        return null;
    }

    /** Whether the derivative of activation {@code code} is computed from the pre-activation. */
    private static boolean needsPreActivation(int code) {
        return !(code == Activations.IDENTITY || code == Activations.RELU || code == Activations.TANH
                || code == Activations.SIGMOID);
    }

    /** The tape and accumulators in floats (see the class comment). */
    long tapeFloats() {
        long perCall = 0;
        for (int j = 0; j < dense; j++) {
            perCall += (long) no[j] * (keepPre[j] ? 2 : 1);
        }
        long deltaFloats = 0;
        for (int j = 0; j < dense; j++) {
            deltaFloats += (long) group * no[j] * netCapacity;
        }
        return (long) steps * stages * capacity * k * (local ? 2 : 1) + (long) steps * stages * netCapacity * perCall
                + (long) (steps + 1) * k * capacity + (long) net.params.length * netCapacity + deltaFloats;
    }

    /**
     * Loads windows {@code order[start .. start+n)} of {@code data} (n ≤ capacity) as the batch.
     */
    void load(RolloutWindows data, int[] order, int start, int n) {
        if (data.k() != k || data.steps() != steps) {
            throw new IllegalArgumentException("windows of " + data.steps() + " steps of K = " + data.k()
                    + ", the engine was built for " + steps + " steps of K = " + k);
        }
        if (n < 1 || n > capacity) {
            throw new IllegalArgumentException("batch of " + n + " windows, capacity " + capacity);
        }
        float[] t = data.truth();
        int len = data.windowLength();
        for (int b = 0; b < n; b++) {
            int w = order == null ? start + b : order[start + b];
            int base = w * len;
            for (int s = 0; s <= steps; s++) {
                float[][] ts = truth[s];
                int row = base + s * k;
                for (int i = 0; i < k; i++) {
                    ts[i][b] = t[row + i];
                }
            }
        }
        loaded = n;
        netN = local ? k * n : n;
    }

    /** Rolls the loaded batch out, recording the tape; returns the batch's loss (mean over windows, steps, K). */
    double forward() {
        int n = loaded;
        for (int i = 0; i < k; i++) {
            System.arraycopy(truth[0][i], 0, x[i], 0, n);
        }
        double total = 0;
        for (int s = 0; s < steps; s++) {
            for (int r = 0; r < stages; r++) {
                float[][] in = stageIn[s][r];
                if (r == 0) {
                    for (int i = 0; i < k; i++) {
                        System.arraycopy(x[i], 0, in[i], 0, n);
                    }
                } else {
                    float c = stageStep[r];
                    float[][] prev = kStage[r - 1];
                    for (int i = 0; i < k; i++) {
                        float[] xi = x[i];
                        float[] pi = prev[i];
                        float[] yi = in[i];
                        for (int b = 0; b < n; b++) {
                            yi[b] = xi[b] + c * pi[b];
                        }
                    }
                }
                tendency(in, kStage[r], s * stages + r, n);
            }
            for (int r = 0; r < stages; r++) {
                float c = weightStep[r];
                if (c != 0) {
                    float[][] kr = kStage[r];
                    for (int i = 0; i < k; i++) {
                        Kernels.axpy(n, c, kr[i], x[i]);
                    }
                }
            }
            float[][] ts = truth[s + 1];
            for (int i = 0; i < k; i++) {
                float[] xi = x[i];
                float[] ti = ts[i];
                float[] e = zScratch[0];
                for (int b = 0; b < n; b++) {
                    e[b] = xi[b] - ti[b];
                }
                total += Kernels.dot(n, e, e);
            }
        }
        return total / ((double) n * steps * k);
    }

    /** {@code f = L96(in) + P(in)} for the loaded batch, network calls recorded from tape index {@code call}. */
    private void tendency(float[][] in, float[][] f, int call, int n) {
        if (local) {
            float[] row = localIn[call][0];
            for (int i = 0; i < k; i++) {
                System.arraycopy(in[i], 0, row, i * n, n);
            }
            float[] p = network(localIn[call], call, k * n)[0];
            for (int i = 0; i < k; i++) {
                System.arraycopy(p, i * n, f[i], 0, n);
            }
        } else {
            float[][] p = network(in, call, n);
            for (int i = 0; i < k; i++) {
                System.arraycopy(p[i], 0, f[i], 0, n);
            }
        }
        float force = forcing;
        for (int i = 0; i < k; i++) {
            float[] xm1 = in[(i + k - 1) % k];
            float[] xm2 = in[(i + k - 2) % k];
            float[] xp1 = in[(i + 1) % k];
            float[] xi = in[i];
            float[] fi = f[i];
            for (int b = 0; b < n; b++) {
                fi[b] = ((xm1[b] * (xp1[b] - xm2[b]) - xi[b]) + force) + fi[b];
            }
        }
    }

    /** Network forward pass of tape call {@code call} on {@code n} samples; returns the output rows (on the tape). */
    private float[][] network(float[][] input, int call, int n) {
        float[] params = net.params;
        float[][] xs = input;
        for (int j = 0; j < dense; j++) {
            int l = layer[j];
            int w = net.wOff[l];
            int width = ni[j];
            float[][] a = out[call][j];
            float[][] z = keepPre[j] ? pre[call][j] : act[j] == Activations.IDENTITY ? a : zScratch;
            for (int o = 0; o < no[j]; o++) {
                float[] zo = z[o];
                Kernels.fill(n, params[net.bOff[l] + o], zo);
                int row = w + o * width;
                int i = 0;
                for (; i + 4 <= width; i += 4) {
                    axpy4(n, params[row + i], xs[i], params[row + i + 1], xs[i + 1], params[row + i + 2], xs[i + 2],
                            params[row + i + 3], xs[i + 3], zo);
                }
                for (; i < width; i++) {
                    Kernels.axpy(n, params[row + i], xs[i], zo);
                }
                if (act[j] != Activations.IDENTITY) {
                    FloatActivations.forward(act[j], n, zo, a[o]);
                }
            }
            xs = a;
        }
        return xs;
    }

    /**
     * Reverse pass after {@link #forward}: writes the gradient of the batch loss with respect to the network's
     * parameters into {@code grad} (zero for parameters outside dense layers).
     */
    void backward(float[] grad) {
        int n = loaded;
        float scale = (float) (2.0 / ((double) n * steps * k));
        for (int i = 0; i < k; i++) {
            Kernels.fill(n, 0f, gx[i]);
        }
        for (int s = steps - 1; s >= 0; s--) {
            // the loss term of state s+1
            float[][] xs = s + 1 == steps ? x : stageIn[s + 1][0];
            float[][] ts = truth[s + 1];
            for (int i = 0; i < k; i++) {
                float[] g = gx[i];
                float[] xi = xs[i];
                float[] ti = ts[i];
                for (int b = 0; b < n; b++) {
                    g[b] += scale * (xi[b] - ti[b]);
                }
            }
            for (int r = 0; r < stages; r++) {
                float c = weightStep[r];
                float[][] g = gk[r];
                for (int i = 0; i < k; i++) {
                    float[] gi = g[i];
                    float[] xi = gx[i];
                    for (int b = 0; b < n; b++) {
                        gi[b] = c * xi[b];
                    }
                }
            }
            for (int r = stages - 1; r >= 0; r--) {
                adjoint(stageIn[s][r], gk[r], s * stages + r, n);
                for (int i = 0; i < k; i++) {
                    float[] g = gin[i];
                    float[] xi = gx[i];
                    for (int b = 0; b < n; b++) {
                        xi[b] += g[b];
                    }
                }
                if (r > 0) {
                    float c = stageStep[r];
                    float[][] prev = gk[r - 1];
                    for (int i = 0; i < k; i++) {
                        Kernels.axpy(n, c, gin[i], prev[i]);
                    }
                }
            }
        }
        if (slots > 0) {
            flush(netN);
        }
        java.util.Arrays.fill(grad, 0f);
        for (int p = 0; p < gradLanes.length; p++) {
            float[] lanes = gradLanes[p];
            if (lanes != null) {
                double sum = 0;
                for (int b = 0; b < netN; b++) {
                    sum += lanes[b];
                }
                grad[p] = (float) sum;
                Kernels.fill(netN, 0f, lanes);
            }
        }
    }

    /**
     * {@code gin = J_f(in)^T v} for f = L96 + P at stage input {@code in}, adding the network's parameter gradient
     * of calls {@code call ..} to the lanes. {@code v} is left as is.
     */
    private void adjoint(float[][] in, float[][] v, int call, int n) {
        for (int j = 0; j < k; j++) {
            float[] vp1 = v[(j + 1) % k];
            float[] vm1 = v[(j + k - 1) % k];
            float[] vp2 = v[(j + 2) % k];
            float[] vj = v[j];
            float[] xp2 = in[(j + 2) % k];
            float[] xm1 = in[(j + k - 1) % k];
            float[] xm2 = in[(j + k - 2) % k];
            float[] xp1 = in[(j + 1) % k];
            float[] g = gin[j];
            for (int b = 0; b < n; b++) {
                g[b] = vp1[b] * (xp2[b] - xm1[b]) + vm1[b] * xm2[b] - vp2[b] * xp1[b] - vj[b];
            }
        }
        if (local) {
            float[] dOut = localOut[0];
            for (int i = 0; i < k; i++) {
                System.arraycopy(v[i], 0, dOut, i * n, n);
            }
            float[] g = localGrad[0];
            Kernels.fill(k * n, 0f, g);
            networkAdjoint(localIn[call], localOut, 0, 1, localGrad, call, k * n);
            for (int i = 0; i < k; i++) {
                float[] gi = gin[i];
                System.arraycopy(g, i * n, dOut, 0, n);     // dOut is free again: a row from index 0 to add
                for (int b = 0; b < n; b++) {
                    gi[b] += dOut[b];
                }
            }
        } else {
            networkAdjoint(in, v, 0, k, gin, call, n);
        }
    }

    /**
     * Back through network call {@code call} with output gradient rows {@code v[from .. from+count)}: adds the
     * input gradient to {@code gIn}; the call's deltas (∂loss/∂pre-activation) are kept in a group slot for the
     * parameter gradient ({@link #flush}).
     */
    private void networkAdjoint(float[][] input, float[][] v, int from, int count, float[][] gIn, int call, int n) {
        float[] params = net.params;
        int slot = slots;
        float[][][] dl = deltas[slot];
        slotCall[slot] = call;
        slotInput[slot] = input;
        float[][] d = dl[dense - 1];
        for (int o = 0; o < count; o++) {
            System.arraycopy(v[from + o], 0, d[o], 0, n);
        }
        for (int j = dense - 1; j >= 0; j--) {
            int l = layer[j];
            int w = net.wOff[l];
            int width = ni[j];
            d = dl[j];
            if (act[j] != Activations.IDENTITY) {
                float[][] a = out[call][j];
                float[][] z = pre[call][j];
                for (int o = 0; o < no[j]; o++) {
                    if (act[j] == Activations.RELU) {
                        reluBackward(n, a[o], d[o]);
                    } else {
                        FloatActivations.backward(act[j], n, z == null ? null : z[o], a[o], d[o]);
                    }
                }
            }
            float[][] target = j == 0 ? gIn : dl[j - 1];
            for (int i = 0; i < width; i++) {
                float[] ti = target[i];
                if (j != 0) {
                    Kernels.fill(n, 0f, ti);
                }
                int o = 0;
                for (; o + 4 <= no[j]; o += 4) {
                    axpy4(n, params[w + o * width + i], d[o], params[w + (o + 1) * width + i], d[o + 1],
                            params[w + (o + 2) * width + i], d[o + 2], params[w + (o + 3) * width + i], d[o + 3], ti);
                }
                for (; o < no[j]; o++) {
                    Kernels.axpy(n, params[w + o * width + i], d[o], ti);
                }
            }
        }
        if (++slots == group) {
            flush(n);
        }
    }

    /**
     * Adds the parameter gradient of the calls in the group's slots to the lanes: for each dense layer,
     * ∂/∂b_o += d_o and ∂/∂W_oi += d_o·x_i summed over the calls, lane by lane over the batch. Two outputs by two
     * inputs at a time over all the group's calls, so each lane array is read and written once per group (not once
     * per call) and each delta and input row is loaded once per pair: 4 multiply-adds per 4 row loads.
     */
    private void flush(int n) {
        for (int j = 0; j < dense; j++) {
            int l = layer[j];
            int w = net.wOff[l];
            int width = ni[j];
            int outs = no[j];
            for (int o = 0; o < outs; o++) {
                float[] lanes = gradLanes[net.bOff[l] + o];
                for (int c = 0; c < slots; c++) {
                    float[] dO = deltas[c][j][o];
                    for (int b = 0; b < n; b++) {
                        lanes[b] += dO[b];
                    }
                }
            }
            int evenO = outs & ~1;
            int evenI = width & ~1;
            for (int o = 0; o < outs; o += 2) {
                boolean pairO = o < evenO;
                for (int i = 0; i < width; i += 2) {
                    boolean pairI = i < evenI;
                    if (pairO && pairI) {
                        float[] a00 = gradLanes[w + o * width + i];
                        float[] a01 = gradLanes[w + o * width + i + 1];
                        float[] a10 = gradLanes[w + (o + 1) * width + i];
                        float[] a11 = gradLanes[w + (o + 1) * width + i + 1];
                        for (int c = 0; c < slots; c++) {
                            float[][] xs = j == 0 ? slotInput[c] : out[slotCall[c]][j - 1];
                            dot2x2Lanes(n, deltas[c][j][o], deltas[c][j][o + 1], xs[i], xs[i + 1], a00, a01, a10,
                                    a11);
                        }
                    } else {
                        // the odd last row and/or column, one weight at a time
                        for (int oo = o; oo < Math.min(o + 2, outs); oo++) {
                            for (int ii = i; ii < Math.min(i + 2, width); ii++) {
                                float[] a = gradLanes[w + oo * width + ii];
                                for (int c = 0; c < slots; c++) {
                                    float[][] xs = j == 0 ? slotInput[c] : out[slotCall[c]][j - 1];
                                    float[] dO = deltas[c][j][oo];
                                    float[] xi = xs[ii];
                                    for (int b = 0; b < n; b++) {
                                        a[b] += dO[b] * xi[b];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        slots = 0;
    }

    /**
     * ReLU's derivative from its output a ≥ 0: {@code d *= [a > 0]}, the indicator computed as
     * {@code min(a·2^127·2^127, 1)} (1 for every positive float, denormals included; 0 for 0), which C2 vectorizes;
     * the conditional {@code a > 0 ? d : 0} it replaces is not vectorized and cost a quarter of the reverse pass
     * (measured 1.2 against 0.23 ns per element). The same as the conditional except that a non-finite d at a = 0
     * gives NaN instead of 0.
     */
    private static void reluBackward(int n, float[] a, float[] d) {
        for (int b = 0; b < n; b++) {
            d[b] *= Math.min(a[b] * 0x1p127f * 0x1p127f, 1f);
        }
    }

    /** {@code y += a0·x0 + a1·x1 + a2·x2 + a3·x3} over [0, n): one load and store of y per four multiply-adds. */
    private static void axpy4(int n, float a0, float[] x0, float a1, float[] x1, float a2, float[] x2, float a3,
                              float[] x3, float[] y) {
        for (int b = 0; b < n; b++) {
            y[b] += ((a0 * x0[b] + a1 * x1[b]) + (a2 * x2[b] + a3 * x3[b]));
        }
    }

    /** {@code a_pq[b] += d_p[b]·x_q[b]} for p, q in {0, 1}, over [0, n). */
    private static void dot2x2Lanes(int n, float[] d0, float[] d1, float[] x0, float[] x1, float[] a00, float[] a01,
                                    float[] a10, float[] a11) {
        for (int b = 0; b < n; b++) {
            float p = d0[b];
            float q = d1[b];
            float u = x0[b];
            float v = x1[b];
            a00[b] += p * u;
            a01[b] += p * v;
            a10[b] += q * u;
            a11[b] += q * v;
        }
    }
}
