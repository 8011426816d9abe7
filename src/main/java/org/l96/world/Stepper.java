package org.l96.world;

/**
 * One explicit time step of a fixed-dimension ODE, in place. Steppers own preallocated scratch arrays, so a
 * step allocates nothing; they are therefore not thread-safe. Create them with {@link Integrator#stepper}.
 */
public interface Stepper {

    /** State length this stepper was built for. */
    int dimension();

    /** Replaces {@code state} (length {@link #dimension()}) by the state one step of size dt later. */
    void step(double[] state, double dt);

    private static void checkState(double[] x, int n) {
        if (x.length != n) {
            throw new IllegalArgumentException("state must have length " + n + ", got " + x.length);
        }
    }

    /** Forward Euler: X + dt*f(X). */
    final class Euler implements Stepper {
        private final Tendency f;
        private final double[] k1;

        public Euler(Tendency f, int dimension) {
            this.f = f;
            this.k1 = new double[dimension];
        }

        @Override
        public int dimension() {
            return k1.length;
        }

        @Override
        public void step(double[] x, double dt) {
            checkState(x, k1.length);
            f.eval(x, k1);
            for (int i = 0; i < k1.length; i++) {
                x[i] = x[i] + dt * k1[i];
            }
        }
    }

    /** RK2 midpoint: X1 = X + 0.5*dt*f(X); X + dt*f(X1). */
    final class Rk2 implements Stepper {
        private final Tendency f;
        private final double[] k1;
        private final double[] x1;

        public Rk2(Tendency f, int dimension) {
            this.f = f;
            this.k1 = new double[dimension];
            this.x1 = new double[dimension];
        }

        @Override
        public int dimension() {
            return k1.length;
        }

        @Override
        public void step(double[] x, double dt) {
            checkState(x, k1.length);
            final double hdt = 0.5 * dt; // reference evaluates 0.5*dt first
            f.eval(x, k1);
            for (int i = 0; i < k1.length; i++) {
                x1[i] = x[i] + hdt * k1[i];
            }
            f.eval(x1, k1);
            for (int i = 0; i < k1.length; i++) {
                x[i] = x[i] + dt * k1[i];
            }
        }
    }

    /** Classical RK4: X + (dt/6)*((k1+k4) + 2*(k2+k3)), with the reference's grouping. */
    final class Rk4 implements Stepper {
        private final Tendency f;
        private final double[] k1;
        private final double[] k2;
        private final double[] k3;
        private final double[] k4;
        private final double[] xs;

        public Rk4(Tendency f, int dimension) {
            this.f = f;
            this.k1 = new double[dimension];
            this.k2 = new double[dimension];
            this.k3 = new double[dimension];
            this.k4 = new double[dimension];
            this.xs = new double[dimension];
        }

        @Override
        public int dimension() {
            return k1.length;
        }

        @Override
        public void step(double[] x, double dt) {
            checkState(x, k1.length);
            final int n = k1.length;
            final double hdt = 0.5 * dt;
            final double dt6 = dt / 6.0;
            f.eval(x, k1);
            for (int i = 0; i < n; i++) {
                xs[i] = x[i] + hdt * k1[i];
            }
            f.eval(xs, k2);
            for (int i = 0; i < n; i++) {
                xs[i] = x[i] + hdt * k2[i];
            }
            f.eval(xs, k3);
            for (int i = 0; i < n; i++) {
                xs[i] = x[i] + dt * k3[i];
            }
            f.eval(xs, k4);
            for (int i = 0; i < n; i++) {
                x[i] = x[i] + dt6 * ((k1[i] + k4[i]) + 2.0 * (k2[i] + k3[i]));
            }
        }
    }
}
