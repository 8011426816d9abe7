package org.l96.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The memory online training keeps for a batch of windows (the tape of {@code org.l96.nn.engine.RolloutGradient}),
 * computed from the spec alone, so that {@code l96 validate} can refuse what the run would refuse. The formula is
 * the engine's (its class comment; a test holds the two equal): in floats, for B windows per batch of N steps with
 * s stages (euler 1, rk2 2, rk4 4), c = K for a local network and 1 for a non-local one, dense layers of widths
 * w_l, u_l = w_l doubled where the activation's derivative needs the pre-activation (not identity, ReLU, tanh,
 * sigmoid), P parameters, G = max(1, min(8·s, 2^18 / (c·B·Σ w_l))):
 * N·s·B·K·(2 if local else 1) + N·s·c·B·Σ u_l + (N+1)·K·B + P·c·B + G·c·B·Σ w_l.
 */
public final class RolloutTape {
    private RolloutTape() {
    }

    /**
     * Floats of the tape of network {@code n} (dense layers only, as online training requires) for K = {@code k},
     * {@code capacity} windows per batch of {@code steps} coarse steps with {@code stepper} ("euler", "rk2", "rk4").
     */
    public static long floats(NetworkSpec n, int k, String stepper, int steps, int capacity) {
        boolean local = n.isLocal();
        int stages = switch (stepper) {
            case "euler" -> 1;
            case "rk2" -> 2;
            default -> 4;
        };
        long c = local ? k : 1;
        long netCapacity = c * capacity;
        int in = local ? 1 : k;
        List<LayerSpec.Dense> dense = new ArrayList<>();
        for (LayerSpec l : n.layers()) {
            if (l instanceof LayerSpec.Dense d) {
                dense.add(d);
            }
        }
        long perCall = 0;
        long widths = 0;
        long params = 0;
        int previous = in;
        for (LayerSpec.Dense d : dense) {
            boolean keepPre = !List.of("identity", "relu", "tanh", "sigmoid").contains(d.activation());
            perCall += (long) d.units() * (keepPre ? 2 : 1);
            widths += d.units();
            params += (long) previous * d.units() + d.units();
            previous = d.units();
        }
        long perCallDeltas = widths * netCapacity;
        long group = Math.max(1, Math.min(8L * stages, (1 << 18) / Math.max(1, perCallDeltas)));
        return (long) steps * stages * capacity * k * (local ? 2 : 1) + (long) steps * stages * netCapacity * perCall
                + (long) (steps + 1) * k * capacity + params * netCapacity + group * perCallDeltas;
    }

    /**
     * Why a tape of {@code bytes} for {@code capacity} windows of {@code steps} steps does not fit in half of
     * {@code heap} bytes (the engine's limit), and what to change; null when it fits.
     */
    public static String tooLarge(long bytes, int capacity, int steps, long heap) {
        if (bytes <= heap / 2) {
            return null;
        }
        String advice = capacity > 1 ? "use fewer windows per batch (train { batchSize N }) or shorter windows"
                : "use shorter windows (rollout N)";
        return String.format("training through the coarse model keeps a tape of %.0f MB for %d window%s × %d steps "
                + "(memory grows with windows per batch × steps per window × the layers' widths), more than half of "
                + "the %.0f MB this JVM may use; %s, or a narrower network (or more memory: L96_JAVA_OPTS=-Xmx…)",
                bytes / 1e6, capacity, capacity == 1 ? "" : "s", steps, heap / 1e6, advice);
    }
}
