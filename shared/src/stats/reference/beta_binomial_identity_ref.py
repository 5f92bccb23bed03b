# Independent large-count reference for P(p_t > p_c) with Beta(1,1) priors, by the
# Beta–Binomial identity P(Y <= x) = P(Bin(a2+b2-1, x) >= a2), integrated term by term:
# P(X > Y) = sum_{j=a2}^{n} C(n,j) B(a1+j, b1+n-j) / B(a1,b1), n = a2+b2-1 (math.lgamma, fsum).
# Usage: python3 bayes_large_ref.py xc nc xt nt
import sys, math
def lbeta(a, b): return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
def lcomb(n, k): return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
def prob_greater(a1, b1, a2, b2):
    n = a2 + b2 - 1
    return math.fsum(math.exp(lcomb(n, j) + lbeta(a1 + j, b1 + n - j) - lbeta(a1, b1)) for j in range(a2, n + 1))
xc, nc, xt, nt = map(int, sys.argv[1:5])
print(repr(prob_greater(1 + xt, 1 + nt - xt, 1 + xc, 1 + nc - xc)))
