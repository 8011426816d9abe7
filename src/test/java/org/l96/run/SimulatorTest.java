package org.l96.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.l96.spec.SimulationSpec;
import org.l96.spec.WorldSpec;
import org.l96.world.TwoScaleTrajectory;

/** The simulation follows world.integrator; a diverging world is a user error that says where and when. */
class SimulatorTest {

    private static WorldSpec world(String integrator, double dt) {
        return new WorldSpec(8, 32, 18, 1, 10, 10, dt, WorldSpec.RNG_NUMPY_LEGACY, integrator);
    }

    @Test
    void eachIntegratorGivesItsOwnWorld() {
        SimulationSpec s = new SimulationSpec(0.01, 5, 0, SimulationSpec.COUPLING_SEED);
        TwoScaleTrajectory euler = Simulator.run(world("euler", 0.0001), s,
                Simulator.initialState(world("euler", 0.0001), 14), f -> { });
        TwoScaleTrajectory rk2 = Simulator.run(world("rk2", 0.0001), s,
                Simulator.initialState(world("rk2", 0.0001), 14), f -> { });
        TwoScaleTrajectory rk4 = Simulator.run(world("rk4", 0.0001), s,
                Simulator.initialState(world("rk4", 0.0001), 14), f -> { });
        assertNotEquals(euler.x()[5 * 8], rk4.x()[5 * 8]);
        assertNotEquals(rk2.x()[5 * 8], rk4.x()[5 * 8]);
        assertTrue(Math.abs(rk2.x()[5 * 8] - rk4.x()[5 * 8]) < Math.abs(euler.x()[5 * 8] - rk4.x()[5 * 8]),
                "second order is closer to RK4 than first order at the same dt");
    }

    @Test
    void divergenceDuringTheSpinUpIsAUserErrorThatSaysSo() {
        WorldSpec w = world("euler", 0.001);
        SimulationSpec s = new SimulationSpec(0.01, 100, 1.0, SimulationSpec.COUPLING_SEED);
        UserError e = assertThrows(UserError.class, () -> Simulator.run(w, s, Simulator.initialState(w, 14), f -> { }));
        assertTrue(e.getMessage().startsWith("the world diverged during the spin-up: integrator 'euler' (forward "
                + "Euler) at dt = 0.001 gives a state that is not finite or beyond ±1e6 at model time t = 0.03 from"
                + " the initial state (still bounded at t = 0.02); use a smaller dt"), e.getMessage());
        assertEquals("rk4", WorldSpec.DEFAULT.integrator());
    }
}
