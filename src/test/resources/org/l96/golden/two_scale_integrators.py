#!/usr/bin/env python3
"""Reference two-scale Lorenz-96 trajectories with forward Euler and RK2 (midpoint), for TwoScaleIntegratorsTest.

Independent of the Java code: vectorised NumPy (np.roll stencils, NumPy's own pairwise sums), float64. Starts from
the golden initial state stored in two_scale_rk4_trajectory.json (the seed notebook's np.random.seed(14) draw) and
follows the golden conventions (README.md in this folder): Y flat and k-major with neighbours wrapping over the
whole vector; coupling_k = -(h*c/b) * sum_j Y[k*J + j]; coupling row 0 = zeros, row n+1 = the coupling at the first
stage (the pre-step state) of the last internal step of segment n.

Schemes, as in one_scale_integrators.json: Euler S + dt*f(S); RK2 midpoint S1 = S + (0.5*dt)*f(S), S + dt*f(S1);
RK4 S + (dt/6)*((k1+k4) + 2*(k2+k3)) (run only to check this script against the golden RK4 trajectory).

Regenerate (from this folder):  python3 two_scale_integrators.py > two_scale_euler_rk2_trajectory.json
"""
import json
import sys

import numpy as np

HERE = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."
golden = json.load(open(HERE + "/two_scale_rk4_trajectory.json"))
P = golden["params"]
K, J = P["K"], P["J"]
F, h, b, c = P["F"], P["h"], P["b"], P["c"]
X0 = np.array(golden["X0"], dtype=np.float64)
Y0 = np.array(golden["Y0"], dtype=np.float64)
BOUND = 1e6  # TwoScaleIntegrator.DIVERGENCE_BOUND


def rhs(X, Y):
    hcb = h * c / b
    coupling = -hcb * Y.reshape(K, J).sum(axis=1)
    Xdot = np.roll(X, 1) * (np.roll(X, -1) - np.roll(X, 2)) - X + F + coupling
    Ydot = -c * b * np.roll(Y, -1) * (np.roll(Y, -2) - np.roll(Y, 1)) - c * Y + hcb * np.repeat(X, J)
    return Xdot, Ydot, coupling


def step(scheme, X, Y, dt):
    """One step; returns the new state and the coupling at the first stage."""
    k1x, k1y, c1 = rhs(X, Y)
    if scheme == "euler":
        return X + dt * k1x, Y + dt * k1y, c1
    if scheme == "rk2":
        k2x, k2y, _ = rhs(X + 0.5 * dt * k1x, Y + 0.5 * dt * k1y)
        return X + dt * k2x, Y + dt * k2y, c1
    k2x, k2y, _ = rhs(X + 0.5 * dt * k1x, Y + 0.5 * dt * k1y)
    k3x, k3y, _ = rhs(X + 0.5 * dt * k2x, Y + 0.5 * dt * k2y)
    k4x, k4y, _ = rhs(X + dt * k3x, Y + dt * k3y)
    return (X + dt / 6 * ((k1x + k4x) + 2 * (k2x + k3x)),
            Y + dt / 6 * ((k1y + k4y) + 2 * (k2y + k3y)), c1)


def trajectory(scheme, dt, si, nt):
    n = int(round(si / dt))
    X, Y = X0.copy(), Y0.copy()
    xs, cs = [X.copy()], [np.zeros(K)]
    for _ in range(nt):
        for _ in range(n):
            X, Y, c1 = step(scheme, X, Y, dt)
        xs.append(X.copy())
        cs.append(c1.copy())
    return {"scheme": scheme, "dt": dt, "si": si, "nt": nt, "substeps": n,
            "X_hist": np.array(xs).tolist(), "coupling_hist": np.array(cs).tolist(), "Y_final": Y.tolist()}


def divergence(scheme, dt, si, max_samples):
    """First internal step whose state is not finite or has |value| > BOUND, and the sample that contains it."""
    n = int(round(si / dt))
    X, Y = X0.copy(), Y0.copy()
    with np.errstate(all="ignore"):
        for s in range(1, max_samples * n + 1):
            X, Y, _ = step(scheme, X, Y, dt)
            m = max(np.abs(X).max(), np.abs(Y).max())
            if not (m <= BOUND):
                sample = -(-s // n)
                return {"scheme": scheme, "dt": dt, "si": si, "bound": BOUND, "first_step": s,
                        "first_time": s * dt, "first_sample": sample, "first_sample_time": sample * si,
                        "max_abs_at_first_step": float(m)}
    return None


rk4 = trajectory("rk4", P["dt"], P["si"], P["nt"])
rk4_error = float(np.abs(np.array(rk4["X_hist"]) - np.array(golden["X_hist"])).max())
out = {
    "description": "Two-scale Lorenz-96 (K=8, J=32, F=18, h=1, b=10, c=10), float64, from the golden initial state "
                   "(two_scale_rk4_trajectory.json X0, Y0), sampled every si=0.01 for nt=100 samples (t = 0..1): "
                   "forward Euler at dt=0.0001 (100 substeps per sample; it diverges at dt=0.001) and RK2 midpoint at "
                   "dt=0.001. X_hist and coupling_hist have 101 rows (row 0 = X0 and zeros; row n+1 = X at "
                   "t=(n+1)*si and the coupling at the first stage of the last substep of segment n); Y_final is Y "
                   "at t=1 (k-major). euler_divergence: forward Euler at dt=0.001, the first internal step whose "
                   "state is not finite or exceeds |1e6|, and the sample (of si=0.01) that contains it. Made by "
                   "two_scale_integrators.py (vectorised NumPy, np.roll stencils, pairwise sums).",
    "params": {"K": K, "J": J, "F": F, "h": h, "b": b, "c": c},
    "euler": trajectory("euler", 1e-4, 0.01, 100),
    "rk2": trajectory("rk2", 1e-3, 0.01, 100),
    "euler_divergence": divergence("euler", 1e-3, 0.01, 100),
    "independent_check": {"rk4_vs_golden_X_max_abs": rk4_error,
                          "note": "this script's RK4 against two_scale_rk4_trajectory.json X_hist, same 100 samples"},
    "numpy": np.__version__,
}
if rk4_error > 1e-8:
    sys.exit("this script's RK4 disagrees with the golden trajectory by %g" % rk4_error)
json.dump(out, sys.stdout, indent=1)
sys.stdout.write("\n")
