# Independent reference for the power of a group-sequential design: the chance of ending on
# the upper boundary when Z_k has mean drift·√t_k. Uniform z-grid trapezoid recursion (the
# density of Z_k over the paths still running), math.erfc tails; boundaries either given or
# Lan-DeMets O'Brien-Fleming ones from group_sequential_ref.py's method (bisection).
# Usage: python3 group_sequential_power_ref.py <fractions> <alpha> <drift> [h] [bounds]
#        with <drift> = solve:<power>: the drift reaching that power (secant), and the inflation
#        (drift / (z_{1-alpha/2} + z_{power}))^2 over the fixed-horizon drift.
import math, sys
from statistics import NormalDist
def Q(x): return 0.5*math.erfc(x/math.sqrt(2))
def phi(x): return math.exp(-0.5*x*x)/math.sqrt(2*math.pi)

def run(ts, bounds_or_alpha, drift, h):
    # Z_k = (Z_{k-1}√t_{k-1} + N(drift·Δ, Δ)) / √t_k; returns (bounds, upper crossing per look).
    given = isinstance(bounds_or_alpha, list)
    if not given:
        c = NormalDist().inv_cdf(1-bounds_or_alpha/4); spend = lambda t: 2*Q(c/math.sqrt(t))
    out=[]; ups=[]; prev=None; prevT=0; spent=0
    for k, t in enumerate(ts):
        d = t-prevT; a = math.sqrt(t/d); cc = math.sqrt(prevT/d); m = drift*d/math.sqrt(d)
        # P(Z_k ≥ b, running) under drift m per step (on the standardised increment).
        up = lambda b, mu: (Q(b*math.sqrt(t)/math.sqrt(t) - mu*math.sqrt(t)) if prev is None
                            else sum(w*Q(a*b-cc*u-mu) for u,w in zip(*prev)))
        if given: b = bounds_or_alpha[k]
        else:
            target = spend(t)-spent
            if prev is None: b = -NormalDist().inv_cdf(target)
            else:
                lo, hi = 0.0, 40.0
                for _ in range(60):
                    mid=(lo+hi)/2
                    if up(mid, 0) - target > 0: lo = mid
                    else: hi = mid
                b=(lo+hi)/2
            spent = spend(t)
        out.append(b); ups.append(up(b, drift if prev is None else m))
        n=int(math.ceil(2*b/h)); hh=2*b/n
        zs=[-b+i*hh for i in range(n+1)]
        if prev is None: dens=[phi(z-drift*math.sqrt(t)) for z in zs]
        else: dens=[a*sum(w*phi(a*z-cc*u-m) for u,w in zip(*prev)) for z in zs]
        wts=[hh*(0.5 if i in (0,n) else 1.0) for i in range(n+1)]
        prev=(zs,[w*dd for w,dd in zip(wts,dens)]); prevT=t
    return out, ups

ts=[float(x) for x in sys.argv[1].split(',')]; alpha=float(sys.argv[2])
h=float(sys.argv[4]) if len(sys.argv) > 4 else 0.005
given=[float(x) for x in sys.argv[5].split(',')] if len(sys.argv) > 5 else alpha
if not isinstance(given, list): given, _ = run(ts, alpha, 0.0, h)  # boundaries under the null
if sys.argv[3].startswith('solve:'):
    target = float(sys.argv[3][6:])
    fixed = NormalDist().inv_cdf(1-alpha/2) + NormalDist().inv_cdf(target)
    power = lambda d: sum(run(ts, given, d, h)[1]) - target
    a, b = fixed, fixed*1.05; fa, fb = power(a), power(b)
    while abs(b - a) > 1e-9:
        a, b, fa = b, b - fb*(b - a)/(fb - fa), fb
        fb = power(b)
    print('drift', repr(b), 'inflation', repr((b/fixed)**2))
else:
    bounds, ups = run(ts, given, float(sys.argv[3]), h)
    print(repr(bounds)); print('power', repr(sum(ups)))
