package org.l96.data;

import java.util.SplittableRandom;

/**
 * The sample order of each epoch as PyTorch's {@code DataLoader(shuffle=True)} draws it: a fresh permutation per
 * epoch (Fisher-Yates from one seeded generator, so the sequence of epochs is the same for the same seed), or the
 * identity when not shuffling.
 */
public final class Shuffler {
    private final SplittableRandom random;
    private final boolean shuffle;
    private final int[] order;

    public Shuffler(int size, boolean shuffle, long seed) {
        this.random = new SplittableRandom(seed);
        this.shuffle = shuffle;
        this.order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
    }

    /** Draws the next epoch's order (nothing when not shuffling). */
    public void next() {
        if (shuffle) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }

    /** The current order (the live array: read it, do not modify it). */
    public int[] order() {
        return order;
    }
}
