# Independent reference for Lan-DeMets OBF boundaries: uniform-grid trapezoid recursion
# (not J&T's grid, not Simpson), bisection for each boundary, math.erfc tails.
# Usage: python3 group_sequential_ref.py 0.2,0.4,0.6,0.8,1 0.05 [h]   (about 1e-5 accurate at h = 0.004)
import math, sys
from statistics import NormalDist
def Q(x): return 0.5*math.erfc(x/math.sqrt(2))
def phi(x): return math.exp(-0.5*x*x)/math.sqrt(2*math.pi)
def bounds(ts, alpha, h=0.004, span=12.0):
    c = NormalDist().inv_cdf(1-alpha/4)
    spend = lambda t: 2*Q(c/math.sqrt(t))  # per side
    out=[]; prev=None; prevT=0; spent=0
    for t in ts:
        target = spend(t)-spent
        if prev is None:
            b = -NormalDist().inv_cdf(target) if target > 1e-300 else float('inf')
        else:
            us, ws = prev
            a = math.sqrt(t/(t-prevT)); cc = math.sqrt(prevT/(t-prevT))
            f = lambda b: sum(w*Q(a*b-cc*u) for u,w in zip(us,ws)) - target
            lo, hi = 0.0, 40.0
            for _ in range(60):
                mid=(lo+hi)/2
                if f(mid) > 0: lo = mid
                else: hi = mid
            b=(lo+hi)/2
        out.append(b); spent = spend(t)
        top=min(b, span); n=int(math.ceil(2*top/h)); hh=2*top/n
        zs=[-top+i*hh for i in range(n+1)]
        if prev is None: dens=[phi(z) for z in zs]
        else:
            us, ws = prev
            dens=[a*sum(w*phi(a*z-cc*u) for u,w in zip(us,ws)) for z in zs]
        wts=[hh*(0.5 if i in (0,n) else 1.0) for i in range(n+1)]
        prev=(zs,[w*d for w,d in zip(wts,dens)]); prevT=t
    return out
ts=[float(x) for x in sys.argv[1].split(',')]; alpha=float(sys.argv[2])
h=float(sys.argv[3]) if len(sys.argv) > 3 else 0.004
print(repr(bounds(ts, alpha, h)))
