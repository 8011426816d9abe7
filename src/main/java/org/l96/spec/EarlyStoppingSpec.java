package org.l96.spec;

/**
 * Stop when the validation loss has not improved by more than {@code minDelta} for {@code patience} epochs;
 * with {@code restoreBest} the network ends with the weights of its best epoch.
 */
public record EarlyStoppingSpec(int patience, double minDelta, boolean restoreBest) {
}
