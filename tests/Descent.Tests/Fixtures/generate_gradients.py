#!/usr/bin/python3
"""Records PyTorch's values and gradients of random functions of Descent's function language.

Run with Debian's python3-torch (1.13.1): /usr/bin/python3 generate_gradients.py > gradients.jsonl

With a fixed seed it draws 3000 different random expressions over the variables x and y (and z in about a quarter
of them): random trees of depth 1 to 6, and as many again built around the piecewise and edge cases
(relu and abs at and around 0, sqrt(relu(x)), x^relu(y), powers of negative bases and of 0, log and
sqrt of negatives, division by numbers near 0, exp overflow), filled in with small random subtrees.
Each is evaluated at 1 to 3 points whose coordinates include 0, tiny and negative numbers, in float64,
with the expression text mapped to torch operations exactly as Descent evaluates it:

- the text is printed from the tree with Descent's precedence (+ - < * / < unary minus < ^, ^ and **
  right-associative, so -x^2 is -(x^2) and 2^-x^2 is 2^(-(x^2))), with as few parentheses as possible
  and now and then a redundant pair, so the fixture tests the parser as well;
- a subexpression without variables is folded to a Python float before it meets a tensor, as a Python
  program calling torch would compute it, but with C's IEEE semantics where Python raises (1/0, 0**-1,
  (-8)**(1/3), math.log(-1), math.exp(1000)): the functions and pow come from the C library through
  ctypes, as Descent's Math.Sin, Math.Pow, ... do; sigmoid(c) is 1 / (1 + exp(-c)) and relu(c) is
  Python's max(c, 0.0) (c unless c < 0, so NaN and -0 stay, as torch.relu), as Descent folds them;
- tensor op constant and constant op tensor are what Python's operators do (c - t is rsub, c / t is
  reciprocal(t) * c), except constant^tensor, which is torch.pow(c, t): Tensor.__rpow__ would turn the
  base into a tensor (then the base's log would be taken in torch, not in double);
- every variable is a 0-dimensional float64 tensor that requires gradients.

Output: one JSON object per line and point:
  id     the record's number, from 0 (the tests name records by it)
  expr   the function, in Descent's language
  point  {variable: value}: every variable bound (x and y, maybe z), used by expr or not
  value  f at the point
  grad   {variable: df/dvariable}; 0 for a bound variable expr does not use (torch's gradient is None
         there; Descent's minimizer reports 0)
Numbers are JSON numbers (Python's shortest round-trip form), except non-finite ones: "nan", "inf", "-inf".
"""
import ctypes, ctypes.util, json, math, random, sys
import torch

SEED = 20240609
EXPRESSIONS = 3000
FUNCTIONS = ["sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sigmoid", "relu"]

_libm = ctypes.CDLL(ctypes.util.find_library("m"))
for _name in ["sin", "cos", "tan", "exp", "log", "sqrt", "tanh"]:
    getattr(_libm, _name).restype = ctypes.c_double
    getattr(_libm, _name).argtypes = [ctypes.c_double]
_libm.pow.restype = ctypes.c_double
_libm.pow.argtypes = [ctypes.c_double, ctypes.c_double]


def c_divide(a, b):
    """a / b with IEEE semantics (Python raises ZeroDivisionError for b == 0)."""
    if b != 0:
        return a / b
    if a == 0 or math.isnan(a):
        return math.nan
    return math.copysign(math.inf, a) * math.copysign(1.0, b)


def fold_call(name, a):
    if name == "abs":
        return math.fabs(a)
    if name == "sigmoid":
        return c_divide(1.0, 1.0 + _libm.exp(-a))
    if name == "relu":
        # Python's max(c, 0.0), which keeps c unless c < 0 (NaN and -0 stay), as torch.relu does.
        return max(a, 0.0)
    return getattr(_libm, name)(a)


def fold(op, a, b):
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return c_divide(a, b)
    return _libm.pow(a, b)


# ---- Trees: ("num", value, text), ("const", name), ("var", name), ("neg", a), ("bin", op, a, b), ("call", name, a).

def num(v, text=None):
    return ("num", float(v), text if text is not None else repr(float(v)))

def var(n): return ("var", n)
def neg(a): return ("neg", a)
def call(f, a): return ("call", f, a)
def add(a, b): return ("bin", "+", a, b)
def sub(a, b): return ("bin", "-", a, b)
def mul(a, b): return ("bin", "*", a, b)
def div(a, b): return ("bin", "/", a, b)
def pw(a, b): return ("bin", "^", a, b)


PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "^": 4, "primary": 5}


def precedence(node):
    if node[0] == "bin":
        return PRECEDENCE[node[1]]
    if node[0] == "neg":
        return PRECEDENCE["neg"]
    return PRECEDENCE["primary"]


def fmt(node, rng, need=0):
    """The node as text; parenthesised when its precedence is below `need`, and now and then for nothing."""
    kind = node[0]
    if kind == "num":
        text = node[2]
    elif kind in ("const", "var"):
        text = node[1]
    elif kind == "call":
        text = f"{node[1]}({fmt(node[2], rng)})"
    elif kind == "neg":
        # A sign binds looser than ^ and tighter than * /: its operand needs parentheses below unary minus.
        text = "-" + fmt(node[1], rng, PRECEDENCE["neg"])
    else:
        op, a, b = node[1], node[2], node[3]
        p = PRECEDENCE[op]
        if op == "^":
            # The base is a primary; the exponent may be signed, and ^ is right-associative.
            symbol = rng.choice(["^", "^", "**"])
            text = fmt(a, rng, PRECEDENCE["primary"]) + symbol + fmt(b, rng, PRECEDENCE["neg"])
        else:
            symbol = {"+": " + ", "-": " - ", "*": "*", "/": "/"}[op]
            if rng.random() < 0.2:
                symbol = symbol.strip()
            # Left-associative: the right operand of equal precedence needs parentheses.
            text = fmt(a, rng, p) + symbol + fmt(b, rng, p + 1)
    if precedence(node) < need or (kind != "num" and rng.random() < 0.03):
        return f"({text})"
    return text


def evaluate(node, env):
    """The node's value as Descent computes it: a Python float for a constant subtree, else a tensor."""
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "const":
        return math.pi if node[1] == "pi" else math.e
    if kind == "var":
        return env[node[1]]
    if kind == "neg":
        return -evaluate(node[1], env)
    if kind == "call":
        a = evaluate(node[2], env)
        if not isinstance(a, torch.Tensor):
            return fold_call(node[1], a)
        return getattr(torch, node[1])(a)
    op, a, b = node[1], evaluate(node[2], env), evaluate(node[3], env)
    ta, tb = isinstance(a, torch.Tensor), isinstance(b, torch.Tensor)
    if not ta and not tb:
        return fold(op, a, b)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return a / b
    return a ** b if ta else torch.pow(a, b)


def variables(node, found):
    if node[0] == "var":
        found.add(node[1])
    for child in node[1:]:
        if isinstance(child, tuple):
            variables(child, found)
    return found


# ---- Random expressions.

NUMBERS = [num(0), num(1), num(2), num(3), num(0.5), num(10), num(100), num(1000), num(0.1), num(1e-3),
           num(1e-300), num(1.5), num(0.25), num(710), num(4, "4.0"), num(0.5, ".5"), num(2e-5, "2e-5"),
           num(3e300, "3E+300")]


def leaf(rng, names):
    r = rng.random()
    if r < 0.65:
        return var(rng.choice(names))
    if r < 0.72:
        return ("const", rng.choice(["pi", "e"]))
    if r < 0.85:
        return rng.choice(NUMBERS)
    return num(round(rng.uniform(0, 5), rng.choice([1, 2, 3])))


def random_tree(rng, names, depth):
    if depth == 0 or rng.random() < 0.15:
        return leaf(rng, names)
    r = rng.random()
    if r < 0.5:
        op = rng.choice(["+", "-", "*", "/", "+", "-", "*", "^"])
        return ("bin", op, random_tree(rng, names, depth - 1), random_tree(rng, names, depth - 1))
    if r < 0.6:
        # Powers mostly with small constant exponents, as people write them.
        e = rng.choice([num(2), num(3), num(0.5), num(1.5), neg(num(1)), neg(num(2)), neg(num(0.5)), num(0), num(1),
                        num(2.5), random_tree(rng, names, depth - 1)])
        return pw(random_tree(rng, names, depth - 1), e)
    if r < 0.9:
        return call(rng.choice(FUNCTIONS), random_tree(rng, names, depth - 1))
    return neg(random_tree(rng, names, depth - 1))


def edge_tree(rng, names):
    """An expression around one of the piecewise or exceptional cases, its holes filled by small subtrees."""
    def small():
        return random_tree(rng, names, rng.choice([0, 0, 1, 2]))
    x, y = var(rng.choice(names)), var(rng.choice(names))
    templates = [
        lambda: call("relu", small()),
        lambda: mul(call("relu", x), small()),
        lambda: call("abs", small()),
        lambda: mul(call("abs", x), small()),
        lambda: call("sqrt", call("relu", x)),
        lambda: add(call("sqrt", call("relu", x)), pw(x, num(2))),
        lambda: call("sqrt", call("relu", small())),
        lambda: call("sqrt", call("abs", small())),
        lambda: call("log", call("relu", small())),
        lambda: div(num(1), call("relu", small())),
        lambda: call("relu", call("sqrt", small())),
        lambda: call("relu", call("log", small())),
        lambda: call("abs", call("log", small())),
        lambda: call("abs", call("sqrt", small())),
        lambda: call("relu", div(num(1), small())),
        lambda: call("relu", neg(x)),
        lambda: div(num(1), call("relu", neg(x))),
        lambda: add(x, div(num(1), call("relu", neg(num(0))))),
        lambda: pw(x, call("relu", y)),
        lambda: pw(call("relu", x), y),
        lambda: pw(call("relu", x), call("relu", y)),
        lambda: pw(call("abs", x), small()),
        lambda: pw(x, y),
        lambda: pw(small(), small()),
        lambda: pw(num(0), small()),
        lambda: pw(neg(num(2)), small()),
        lambda: pw(neg(num(0.5)), x),
        lambda: pw(num(1), small()),
        lambda: pw(("const", "e"), small()),
        lambda: pw(small(), rng.choice([num(0), num(1), num(2), num(3), num(0.5), neg(num(0.5)), neg(num(1)),
                                        neg(num(2)), num(1.5), num(2.5), neg(num(1.5)), num(4)])),
        lambda: neg(pw(x, num(2))),
        lambda: pw(neg(x), num(2)),
        lambda: pw(num(2), neg(pw(x, num(2)))),
        lambda: pw(x, pw(y, num(2))),
        lambda: call("log", small()),
        lambda: call("sqrt", small()),
        lambda: call("log", neg(call("abs", x))),
        lambda: div(small(), small()),
        lambda: div(num(1), sub(x, y)),
        lambda: div(x, sub(x, y)),
        lambda: div(num(1), x),
        lambda: div(small(), mul(x, num(1e-300))),
        lambda: div(num(1e-300), x),
        lambda: call("exp", mul(num(1000), small())),
        lambda: call("exp", call("exp", small())),
        lambda: pw(call("exp", x), num(2)),
        lambda: call("exp", pw(x, num(2))),
        lambda: call("sigmoid", mul(num(1000), small())),
        lambda: call("tanh", mul(num(1000), small())),
        lambda: call("log", call("exp", small())),
        lambda: call("exp", neg(call("exp", small()))),
        lambda: mul(call("exp", x), call("exp", neg(x))),
        lambda: call("tan", mul(("const", "pi"), small())),
        lambda: sub(x, x),
        lambda: mul(num(0), small()),
    ]
    tree = rng.choice(templates)()
    # Sometimes inside a little more, so the edge's gradient is scaled or combined on its way back.
    r = rng.random()
    if r < 0.2:
        tree = add(tree, random_tree(rng, names, rng.choice([0, 1, 2])))
    elif r < 0.35:
        tree = mul(random_tree(rng, names, rng.choice([0, 1])), tree)
    elif r < 0.45:
        tree = call(rng.choice(FUNCTIONS), tree)
    return tree


SPECIAL = [0.0, 0.0, 0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0, -3.0, 1e-8, -1e-8, 1e-300, -1e-300, 710.0, -710.0,
           100.0, -100.0, 1000.0, math.pi, -math.pi / 2]


def coordinate(rng):
    r = rng.random()
    if r < 0.55:
        return rng.uniform(-3, 3)
    if r < 0.9:
        return rng.choice(SPECIAL)
    return rng.uniform(-50, 50)


def text(v):
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def main():
    rng = random.Random(SEED)
    out = sys.stdout
    record = 0
    seen = set()
    for k in range(EXPRESSIONS):
        names = ["x", "y", "z"] if rng.random() < 0.25 else ["x", "y"]
        while True:
            if k % 2 == 0:
                tree = random_tree(rng, names, rng.choice([1, 2, 2, 3, 3, 4, 4, 5, 6]))
            else:
                tree = edge_tree(rng, names)
            expr = fmt(tree, rng)
            if variables(tree, set()) and expr not in seen:
                break
        seen.add(expr)
        for _ in range(rng.choice([1, 2, 2, 3])):
            point = {n: coordinate(rng) for n in names}
            if rng.random() < 0.1:
                point["y"] = point["x"]
            env = {n: torch.tensor(v, dtype=torch.float64, requires_grad=True) for n, v in point.items()}
            value = evaluate(tree, env)
            grads = torch.autograd.grad(value, [env[n] for n in names], allow_unused=True)
            out.write(json.dumps({
                "id": record,
                "expr": expr,
                "point": point,
                "value": text(value.item()),
                "grad": {n: text(0.0 if g is None else g.item()) for n, g in zip(names, grads)},
            }) + "\n")
            record += 1


if __name__ == "__main__":
    main()
