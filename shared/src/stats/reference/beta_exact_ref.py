# Independent exact reference for Beta-Binomial comparisons: expand the Beta densities as
# polynomials with rational coefficients and integrate them exactly (fractions.Fraction).
# Usage: python3 bayes_ref.py xc nc xt nt   (Beta(1,1) priors)
import sys
from fractions import Fraction
from math import comb, factorial

def beta_fn(a, b):  # integer a, b
    return Fraction(factorial(a - 1) * factorial(b - 1), factorial(a + b - 1))

def density(a, b):  # polynomial coefficients (index = power) of x^(a-1)(1-x)^(b-1)/B(a,b)
    coeffs = [Fraction(0)] * (a + b - 1)
    for k in range(b):
        coeffs[a - 1 + k] += Fraction(comb(b - 1, k) * (-1) ** k)
    return [c / beta_fn(a, b) for c in coeffs]

def mul(p, q):
    out = [Fraction(0)] * (len(p) + len(q) - 1)
    for i, x in enumerate(p):
        for j, y in enumerate(q):
            out[i + j] += x * y
    return out

def integral_0_1(p):
    return sum(c / (i + 1) for i, c in enumerate(p))

def antiderivative_from_x_to_1(p):  # ∫_x^1 p(y) dy as a polynomial in x
    out = [Fraction(0)] * (len(p) + 1)
    total = Fraction(0)
    for i, c in enumerate(p):
        total += c / (i + 1)
        out[i + 1] -= c / (i + 1)
    out[0] += total
    return out

def prob_greater(fx, fy):  # P(X > Y) = ∫ f_X(x) ∫_0^x f_Y(y) dy dx
    tail = antiderivative_from_x_to_1(fy)      # P(Y > x)
    cdf = [-c for c in tail]; cdf[0] += 1      # P(Y <= x)
    return integral_0_1(mul(fx, cdf))

def expected_excess(fy, fx):  # E[max(Y - X, 0)] = ∫ f_X(x) ∫_x^1 (y - x) f_Y(y) dy dx
    y_fy = [Fraction(0)] + fy                  # y·f_Y(y)
    first = antiderivative_from_x_to_1(y_fy)   # ∫_x^1 y f_Y
    second = mul([Fraction(0), Fraction(1)], antiderivative_from_x_to_1(fy))  # x ∫_x^1 f_Y
    n = max(len(first), len(second))
    inner = [(first[i] if i < len(first) else 0) - (second[i] if i < len(second) else 0) for i in range(n)]
    return integral_0_1(mul(fx, inner))

xc, nc, xt, nt = map(int, sys.argv[1:5])
fc = density(1 + xc, 1 + nc - xc)
ft = density(1 + xt, 1 + nt - xt)
print(repr(float(prob_greater(ft, fc))), repr(float(expected_excess(ft, fc))), repr(float(expected_excess(fc, ft))))
