package org.l96.nn.engine;

import org.l96.data.Dataset;
import org.l96.world.Integrator;

/**
 * The coarse model a network is trained through ({@link RolloutTraining}): dX/dt = L96(X; F) + P(X) stepped with
 * {@code stepper} at {@code dt} (as {@link org.l96.world.CoarseModel} with {@link org.l96.world.Integrator}), P the
 * network applied to every X_k ({@code local}: a 1→1 network) or to the whole state (non-local: a K→K network).
 * Optionally the offline loss is added: loss = rollout loss + {@code offlineWeight}·(the network's own loss on a
 * mini-batch of {@code offlineBatch} samples of {@code offline}, drawn in a seeded order, one batch per step).
 *
 * @param stepper       "euler", "rk2" or "rk4"
 * @param dt            coarse time step (model time units; equals the truth windows' sampling interval)
 * @param forcing       F
 * @param local         whether P is the 1→1 network applied to each X_k
 * @param offlineWeight weight w ≥ 0 of the offline loss; 0 for none
 * @param offline       the offline (input, target) pairs, or null when {@code offlineWeight} is 0
 * @param offlineBatch  offline mini-batch size (≥ 1 when used)
 */
public record RolloutSetup(String stepper, double dt, double forcing, boolean local, double offlineWeight,
                           Dataset offline, int offlineBatch) {

    public RolloutSetup {
        Integrator.named(stepper);
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("dt must be positive and finite, got " + dt);
        }
        if (!Double.isFinite(forcing)) {
            throw new IllegalArgumentException("forcing must be finite, got " + forcing);
        }
        if (!(offlineWeight >= 0) || !Double.isFinite(offlineWeight)) {
            throw new IllegalArgumentException("offline weight must be finite and non-negative, got " + offlineWeight);
        }
        if (offlineWeight > 0 && (offline == null || offline.size() == 0)) {
            throw new IllegalArgumentException("an offline weight needs offline samples");
        }
        if (offlineWeight > 0 && offlineBatch < 1) {
            throw new IllegalArgumentException("offline batch size must be at least 1, got " + offlineBatch);
        }
    }

    /** Rollout loss only. */
    public RolloutSetup(String stepper, double dt, double forcing, boolean local) {
        this(stepper, dt, forcing, local, 0, null, 0);
    }

    /** The scheme {@link #stepper()} names. */
    public Integrator integrator() {
        return Integrator.named(stepper);
    }
}
