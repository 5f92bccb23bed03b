# Independent reference for the CUPED comparison: exact rationals (fractions.Fraction) for θ,
# the adjusted means, their variances, the lift and se²; then math/statistics for the rest.
# Written from the textbook definitions over expanded unit lists (not from the sums the code
# uses), so the algebra of the code is checked too.
# Usage: python3 cuped_ref.py nc yc xc xyc nt yt xt xyt [alpha]
import math, sys
from fractions import Fraction as F
from statistics import NormalDist

def units(n, y, x, xy):  # a unit list with these sums: (x, y) pairs
    return [(1, 1)] * xy + [(1, 0)] * (x - xy) + [(0, 1)] * (y - xy) + [(0, 0)] * (n - x - y + xy)

def mean(v): return F(sum(v), len(v))
def cov(a, b):  # sample covariance (n − 1)
    ma, mb = mean(a), mean(b)
    return sum((p - ma) * (q - mb) for p, q in zip(a, b)) / (len(a) - 1)

nc, yc, xc, xyc, nt, yt, xt, xyt = map(int, sys.argv[1:9])
alpha = float(sys.argv[9]) if len(sys.argv) > 9 else 0.05
arms = [units(nc, yc, xc, xyc), units(nt, yt, xt, xyt)]
X = [[u[0] for u in a] for a in arms]
Y = [[u[1] for u in a] for a in arms]
num = sum(cov(x, y) * (len(x) - 1) for x, y in zip(X, Y))
den = sum(cov(x, x) * (len(x) - 1) for x in X)
theta = num / den if den != 0 else F(0)
xbar = mean(X[0] + X[1])
mu = [mean(y) - theta * (mean(x) - xbar) for x, y in zip(X, Y)]
var = [(cov(y, y) + theta**2 * cov(x, x) - 2 * theta * cov(x, y)) / len(x) for x, y in zip(X, Y)]
raw = [cov(y, y) / len(y) for y in Y]
d = mu[1] - mu[0]
se2 = var[0] + var[1]
se = math.sqrt(se2)
z = float(d) / se
p = math.erfc(abs(z) / math.sqrt(2))
crit = NormalDist().inv_cdf(1 - alpha / 2)
r = d / mu[0]
se_r = math.sqrt(var[1] / mu[0]**2 + mu[1]**2 * var[0] / mu[0]**4)
print(dict(theta=float(theta), muC=float(mu[0]), muT=float(mu[1]), varC=float(var[0]), varT=float(var[1]),
           d=float(d), se=se, z=z, p=p, ci=[float(d) - crit * se, float(d) + crit * se], r=float(r),
           cir=[float(r) - crit * se_r, float(r) + crit * se_r], reduction=float(1 - se2 / (raw[0] + raw[1]))))
