package org.l96.nn.engine;

import org.l96.data.Dataset;

/**
 * A feed-forward network of dense, dropout and batch-normalization layers trained in plain Java, float32, with the
 * layer semantics of the DL4J network it is read from ({@link Dl4jBridge}): what {@code MultiLayerNetwork.fit}
 * computes for one mini-batch, without ND4J's fixed cost per operation and without allocating.
 *
 * <p>Layout. The parameters are one float array in DL4J's flat order ({@code net.params()}): a dense layer's weight
 * {@code W[o][i]} at {@code wOff + o·nIn + i} (DL4J's {@code [nIn, nOut]} matrix in 'f' order) and its bias after
 * it; a batch-norm layer's gamma, beta, running mean and running variance. Activations are feature-major: one
 * float array per unit holding that unit's value for every sample of the batch, so the inner loops run over the
 * batch (and vectorize; see {@link Kernels}). Buffers are sized for {@code capacity} samples at construction.
 *
 * <p>Not thread-safe: one instance per training.
 */
public final class FloatMlp {
    static final int DENSE = 0, DROPOUT = 1, BATCH_NORM = 2;
    static final int MSE = 0, MAE = 1;

    final int layers;
    final int[] kind;
    final int[] nIn;
    final int[] nOut;
    final int[] activation;     // dense: Activations code
    final int[] wOff;           // dense: W; batch norm: gamma
    final int[] bOff;           // dense: b; batch norm: beta
    final int[] meanOff;        // batch norm: running mean
    final int[] varOff;         // batch norm: running variance
    final float[] retain;       // dropout: probability of keeping a unit
    final float[] decay;        // batch norm: running = decay·running + momentum·batch
    final float[] momentum;     // batch norm: 1 - decay, rounded once from double (PyTorch's momentum)
    final float[] eps;          // batch norm
    final boolean[] unbiased;   // batch norm: running variance from the unbiased batch variance (PyTorch)
    final int loss;
    final int inputs;
    final int outputs;
    final int capacity;

    final float[] params;
    final float[] grad;
    /** Parameter ranges {start, end, weight decay applies (1/0)} that the optimizer updates, in order. */
    final int[][] trainable;

    // scratch, [unit][sample]
    private final float[][] in;
    private final float[][] target;
    private final float[][][] pre;   // dense: pre-activation; batch norm: x̂; dropout: mask (0 or 1/retain)
    private final float[][][] out;   // each layer's output
    private final float[][] bnMean;  // batch norm: batch mean and standard deviation of the last training pass
    private final float[][] bnStd;
    private final float[][] deltaA;
    private final float[][] deltaB;
    private final float[] four = new float[4];
    // the weight gradient's rows split into chunks (Kernels.dot2x2Chunks), and its accumulators
    private final float[][][] chunksD;
    private final float[][][] chunksX;
    private final float[][] acc = new float[4][Kernels.CHUNK];
    private float[][] lastOutput;
    private long dropoutState;

    FloatMlp(int[] kind, int[] nIn, int[] nOut, int[] activation, int[] wOff, int[] bOff, int[] meanOff,
             int[] varOff, float[] retain, double[] decay, float[] eps, boolean[] unbiased, int loss, float[] params,
             int[][] trainable, int capacity, long dropoutSeed) {
        this.layers = kind.length;
        this.kind = kind;
        this.nIn = nIn;
        this.nOut = nOut;
        this.activation = activation;
        this.wOff = wOff;
        this.bOff = bOff;
        this.meanOff = meanOff;
        this.varOff = varOff;
        this.retain = retain;
        this.decay = new float[decay.length];
        this.momentum = new float[decay.length];
        for (int l = 0; l < decay.length; l++) {
            this.decay[l] = (float) decay[l];
            this.momentum[l] = (float) (1 - decay[l]);
        }
        this.eps = eps;
        this.unbiased = unbiased;
        this.loss = loss;
        this.params = params;
        this.grad = new float[params.length];
        this.trainable = trainable;
        this.inputs = nIn[0];
        this.outputs = nOut[layers - 1];
        this.capacity = capacity;
        this.dropoutState = dropoutSeed;
        int widest = inputs;
        for (int w : nOut) {
            widest = Math.max(widest, w);
        }
        in = new float[inputs][capacity];
        target = new float[outputs][capacity];
        pre = new float[layers][][];
        out = new float[layers][][];
        bnMean = new float[layers][];
        bnStd = new float[layers][];
        for (int l = 0; l < layers; l++) {
            pre[l] = new float[nOut[l]][capacity];
            out[l] = new float[nOut[l]][capacity];
            if (kind[l] == BATCH_NORM) {
                bnMean[l] = new float[nOut[l]];
                bnStd[l] = new float[nOut[l]];
            }
        }
        deltaA = new float[widest][capacity];
        deltaB = new float[widest][capacity];
        int chunks = capacity / Kernels.CHUNK;
        chunksD = new float[widest][chunks][Kernels.CHUNK];
        chunksX = new float[widest][chunks][Kernels.CHUNK];
    }

    public int numParams() {
        return params.length;
    }

    /** The parameters in DL4J's flat order (the live array). */
    public float[] params() {
        return params;
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    public int capacity() {
        return capacity;
    }

    // ---- batches in

    /** Loads samples {@code order[start .. start+n)} of {@code data} as the batch (training). */
    void gather(Dataset data, int[] order, int start, int n) {
        float[] x = data.inputs();
        float[] y = data.targets();
        int ni = inputs;
        int no = outputs;
        for (int b = 0; b < n; b++) {
            int s = order[start + b];
            int xs = s * ni;
            for (int i = 0; i < ni; i++) {
                in[i][b] = x[xs + i];
            }
            int ys = s * no;
            for (int o = 0; o < no; o++) {
                target[o][b] = y[ys + o];
            }
        }
    }

    /** Loads the contiguous samples {@code [start, start+n)} of {@code data} as the batch. */
    void load(Dataset data, int start, int n) {
        float[] x = data.inputs();
        float[] y = data.targets();
        int ni = inputs;
        int no = outputs;
        for (int b = 0; b < n; b++) {
            int s = start + b;
            for (int i = 0; i < ni; i++) {
                in[i][b] = x[s * ni + i];
            }
            for (int o = 0; o < no; o++) {
                target[o][b] = y[s * no + o];
            }
        }
    }

    /** The dropout mask of layer {@code l} for unit {@code u} from the last training pass (0 or 1/retain). */
    float[] mask(int l, int u) {
        return pre[l][u];
    }

    // ---- forward

    /**
     * Forward pass over the loaded batch of {@code n} samples. Training mode applies dropout and normalizes batch
     * norm by the batch's statistics (updating the running ones, as DL4J does in {@code fit}); evaluation mode
     * drops nothing and uses the running statistics.
     */
    void forward(int n, boolean training) {
        float[][] x = in;
        for (int l = 0; l < layers; l++) {
            switch (kind[l]) {
                case DENSE -> {
                    dense(l, x, n);
                    x = out[l];
                }
                case DROPOUT -> {
                    if (training && retain[l] < 1) {
                        dropout(l, x, n);
                        x = out[l];
                    }
                }
                case BATCH_NORM -> {
                    if (training) {
                        batchNormTrain(l, x, n);
                    } else {
                        batchNormEval(l, x, n);
                    }
                    x = out[l];
                }
                default -> throw new IllegalStateException();
            }
        }
        lastOutput = x;
    }

    private void dense(int l, float[][] x, int n) {
        int ni = nIn[l];
        int w = wOff[l];
        float[][] z = pre[l];
        for (int o = 0; o < nOut[l]; o++) {
            float[] zo = z[o];
            Kernels.fill(n, params[bOff[l] + o], zo);
            int row = w + o * ni;
            for (int i = 0; i < ni; i++) {
                Kernels.axpy(n, params[row + i], x[i], zo);
            }
            FloatActivations.forward(activation[l], n, zo, out[l][o]);
        }
    }

    private void dropout(int l, float[][] x, int n) {
        float keep = retain[l];
        float scale = 1 / keep;
        for (int u = 0; u < nOut[l]; u++) {
            float[] m = pre[l][u];
            long s = dropoutState;
            for (int b = 0; b < n; b++) {
                // SplitMix64 (Steele, Lea & Flood 2014): one 24-bit uniform per sample and unit
                s += 0x9E3779B97F4A7C15L;
                long r = s;
                r = (r ^ (r >>> 30)) * 0xBF58476D1CE4E5B9L;
                r = (r ^ (r >>> 27)) * 0x94D049BB133111EBL;
                r ^= r >>> 31;
                float uniform = (r >>> 40) * 0x1.0p-24f;
                m[b] = uniform < keep ? scale : 0f;
            }
            dropoutState = s;
            float[] xo = x[u];
            float[] yo = out[l][u];
            for (int b = 0; b < n; b++) {
                yo[b] = xo[b] * m[b];
            }
        }
    }

    private void batchNormTrain(int l, float[][] x, int n) {
        float d = decay[l];
        float m = momentum[l];
        for (int u = 0; u < nOut[l]; u++) {
            float[] xu = x[u];
            float[] h = pre[l][u];
            float mean = Kernels.sum(n, xu) / n;
            for (int b = 0; b < n; b++) {
                h[b] = xu[b] - mean;
            }
            float var = Kernels.dot(n, h, h) / n;          // biased: normalization uses it in DL4J and PyTorch
            float std = (float) Math.sqrt(var + eps[l]);
            for (int b = 0; b < n; b++) {
                h[b] = h[b] / std;
            }
            float gamma = params[wOff[l] + u];
            float beta = params[bOff[l] + u];
            float[] y = out[l][u];
            for (int b = 0; b < n; b++) {
                y[b] = gamma * h[b] + beta;
            }
            bnMean[l][u] = mean;
            bnStd[l][u] = std;
            int mi = meanOff[l] + u;
            int vi = varOff[l] + u;
            params[mi] = d * params[mi] + m * mean;
            // the running variance: DL4J's BatchNormalization moves it towards the biased variance, PyTorch (and
            // TorchBatchNorm) towards the unbiased one; with one sample PyTorch refuses, TorchBatchNorm keeps biased
            float target = unbiased[l] && n > 1 ? var * n / (n - 1) : var;
            params[vi] = d * params[vi] + m * target;
        }
    }

    private void batchNormEval(int l, float[][] x, int n) {
        for (int u = 0; u < nOut[l]; u++) {
            float mean = params[meanOff[l] + u];
            float std = (float) Math.sqrt(params[varOff[l] + u] + eps[l]);
            float gamma = params[wOff[l] + u];
            float beta = params[bOff[l] + u];
            float[] xu = x[u];
            float[] y = out[l][u];
            for (int b = 0; b < n; b++) {
                y[b] = gamma * ((xu[b] - mean) / std) + beta;
            }
        }
    }

    // ---- loss and backward

    /**
     * The mean loss over the loaded batch's {@code n × outputs} elements for the last forward pass (MSE or MAE, as
     * PyTorch's {@code MSELoss}/{@code L1Loss} and DL4J's MSE/MAE), in double.
     */
    double loss(int n) {
        double total = 0;
        float[] r = deltaA[0];
        for (int o = 0; o < outputs; o++) {
            float[] p = lastOutput[o];
            float[] t = target[o];
            for (int b = 0; b < n; b++) {
                r[b] = p[b] - t[b];
            }
            if (loss == MSE) {
                total += Kernels.dot(n, r, r);
            } else {
                for (int b = 0; b < n; b++) {
                    r[b] = Math.abs(r[b]);
                }
                total += Kernels.sum(n, r);
            }
        }
        return total / ((double) n * outputs);
    }

    /**
     * Backward pass after a training forward pass over {@code n} samples: fills {@link #grad} with the gradient of
     * the mean loss (zero for the batch-norm running statistics) and returns the loss.
     */
    double backward(int n) {
        // dL/d(output): MSE 2r/(n·nOut), MAE sign(r)/(n·nOut), r = prediction - target
        float[][] d = deltaA;
        float[][] spare = deltaB;
        double total = 0;
        float scale = (float) ((loss == MSE ? 2.0 : 1.0) / ((double) n * outputs));
        for (int o = 0; o < outputs; o++) {
            float[] p = lastOutput[o];
            float[] t = target[o];
            float[] r = d[o];
            for (int b = 0; b < n; b++) {
                r[b] = p[b] - t[b];
            }
            if (loss == MSE) {
                total += Kernels.dot(n, r, r);
                for (int b = 0; b < n; b++) {
                    r[b] *= scale;
                }
            } else {
                for (int b = 0; b < n; b++) {
                    total += Math.abs(r[b]);
                    r[b] = Math.signum(r[b]) * scale;
                }
            }
        }
        for (int l = layers - 1; l >= 0; l--) {
            float[][] x = layerInput(l);
            boolean needInputGradient = l > 0;
            switch (kind[l]) {
                case DENSE -> {
                    denseBackward(l, x, d, spare, n, needInputGradient);
                    float[][] t = d;
                    d = spare;
                    spare = t;
                }
                case DROPOUT -> {
                    if (retain[l] < 1) {
                        for (int u = 0; u < nOut[l]; u++) {
                            Kernels.mul(n, pre[l][u], d[u]);
                        }
                    }
                }
                case BATCH_NORM -> {
                    batchNormBackward(l, x, d, spare, n);
                    float[][] t = d;
                    d = spare;
                    spare = t;
                }
                default -> throw new IllegalStateException();
            }
        }
        return total / ((double) n * outputs);
    }

    /** The rows layer {@code l} read in the last training forward pass. */
    private float[][] layerInput(int l) {
        for (int k = l - 1; k >= 0; k--) {
            if (kind[k] != DROPOUT || retain[k] < 1) {
                return out[k];
            }
        }
        return in;
    }

    private void denseBackward(int l, float[][] x, float[][] d, float[][] dx, int n, boolean needInputGradient) {
        int ni = nIn[l];
        int no = nOut[l];
        int w = wOff[l];
        for (int o = 0; o < no; o++) {
            FloatActivations.backward(activation[l], n, pre[l][o], out[l][o], d[o]);
            grad[bOff[l] + o] = Kernels.sum(n, d[o]);
        }
        // dW[o][i] = Σ_b d[o][b]·x[i][b]: whole chunks vectorized, the tail (n mod CHUNK samples) scalar
        int chunks = n / Kernels.CHUNK;
        int bulk = chunks * Kernels.CHUNK;
        if (chunks > 0) {
            for (int o = 0; o < no; o++) {
                Kernels.split(chunks, d[o], chunksD[o]);
            }
            for (int i = 0; i < ni; i++) {
                Kernels.split(chunks, x[i], chunksX[i]);
            }
        }
        for (int o = 0; o < no; o++) {
            for (int i = 0; i < ni; i++) {
                grad[w + o * ni + i] = Kernels.dot(bulk, n, d[o], x[i]);
            }
        }
        if (chunks > 0) {
            int o = 0;
            for (; o < no; o += 2) {
                int o1 = Math.min(o + 1, no - 1);           // an odd last row pairs with itself
                for (int i = 0; i < ni; i += 2) {
                    int i1 = Math.min(i + 1, ni - 1);
                    Kernels.dot2x2Chunks(chunks, chunksD[o], chunksD[o1], chunksX[i], chunksX[i1], acc, four);
                    grad[w + o * ni + i] += four[0];
                    if (i1 != i) {
                        grad[w + o * ni + i1] += four[1];
                    }
                    if (o1 != o) {
                        grad[w + o1 * ni + i] += four[2];
                        if (i1 != i) {
                            grad[w + o1 * ni + i1] += four[3];
                        }
                    }
                }
            }
        }
        if (needInputGradient) {
            for (int i = 0; i < ni; i++) {
                float[] dxi = dx[i];
                Kernels.fill(n, 0f, dxi);
                for (int k = 0; k < no; k++) {
                    Kernels.axpy(n, params[w + k * ni + i], d[k], dxi);
                }
            }
        }
    }

    /** DL4J's batch-norm backward pass for 2-d input (and its formula, term by term). */
    private void batchNormBackward(int l, float[][] x, float[][] d, float[][] dx, int n) {
        for (int u = 0; u < nOut[l]; u++) {
            float[] e = d[u];
            float[] h = pre[l][u];
            float[] xu = x[u];
            float[] g = dx[u];
            float gamma = params[wOff[l] + u];
            float mean = bnMean[l][u];
            float std = bnStd[l][u];
            float dBeta = Kernels.sum(n, e);
            float dGamma = Kernels.dot(n, e, h);
            // dxhat = e·gamma; xMu = x - mean
            float sumDxhatXmu = 0;
            float sumDxhat = dBeta * gamma;
            float sumXmu = 0;
            for (int b = 0; b < n; b++) {
                g[b] = xu[b] - mean;                    // xMu, kept in the output row for the last loop
            }
            sumXmu = Kernels.sum(n, g);
            sumDxhatXmu = gamma * Kernels.dot(n, e, g);
            float dLdVar = (float) (-0.5 * sumDxhatXmu * Math.pow(std, -3.0));
            float dLdMu = -sumDxhat / std + sumXmu * (-2f / n) * dLdVar;
            float a = 2f / n * dLdVar;
            float c = dLdMu / n;
            for (int b = 0; b < n; b++) {
                g[b] = e[b] * gamma / std + g[b] * a + c;
            }
            grad[wOff[l] + u] = dGamma;
            grad[bOff[l] + u] = dBeta;
            grad[meanOff[l] + u] = 0;
            grad[varOff[l] + u] = 0;
        }
    }

    // ---- evaluation

    /**
     * The notebook's {@code test_model} loss on {@code data} in evaluation mode: the mean over contiguous batches of
     * {@code batchSize} samples (the last one partial, weighing as much as the others) of the batch's mean loss.
     * NaN for an empty dataset. Batches larger than the capacity are evaluated in pieces.
     */
    double evaluate(Dataset data, int batchSize) {
        int samples = data.size();
        if (samples == 0) {
            return Double.NaN;
        }
        batchSize = Math.max(1, Math.min(batchSize, samples));
        double total = 0;
        int batches = 0;
        for (int start = 0; start < samples; start += batchSize) {
            int end = Math.min(samples, start + batchSize);
            double sum = 0;
            for (int s = start; s < end; s += capacity) {
                int n = Math.min(capacity, end - s);
                load(data, s, n);
                forward(n, false);
                sum += loss(n) * n;
            }
            total += sum / (end - start);
            batches++;
        }
        return total / batches;
    }

    /** Evaluation-mode predictions for row-major {@code x[n × inputs]} into {@code y[n × outputs]}. */
    public void predict(float[] x, int n, float[] y) {
        for (int s = 0; s < n; s += capacity) {
            int m = Math.min(capacity, n - s);
            for (int b = 0; b < m; b++) {
                for (int i = 0; i < inputs; i++) {
                    in[i][b] = x[(s + b) * inputs + i];
                }
            }
            forward(m, false);
            for (int b = 0; b < m; b++) {
                for (int o = 0; o < outputs; o++) {
                    y[(s + b) * outputs + o] = lastOutput[o][b];
                }
            }
        }
    }
}
