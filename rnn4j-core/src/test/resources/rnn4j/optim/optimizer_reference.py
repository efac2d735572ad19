"""Expected values for OptimizerReferenceTest: three steps of each optimizer, in float64 numpy, written from the
algorithms documented at https://pytorch.org/docs/stable/optim.html (torch.optim.SGD, Adam, AdamW, RMSprop,
Adagrad), independently of the Java code. Run: python3 optimizer_reference.py
"""
import numpy as np

W0 = np.array([0.5, -1.0, 2.0])
C = np.array([1.0, 0.5, 2.0])  # loss = sum(C * w^2), so grad = 2 C w
SEQ = [np.array([1.0, -2.0, 0.5]), np.array([0.1, 0.1, 3.0]), np.array([-0.5, 0.0, 0.01])]


def quad(w, t):
    return 2 * C * w


def fixed(w, t):
    return SEQ[t - 1]


def sgd(grad, lr, momentum=0.0, dampening=0.0, wd=0.0, nesterov=False):
    w, b = W0.copy(), None
    for t in (1, 2, 3):
        g = grad(w, t) + wd * w
        if momentum != 0:
            b = g.copy() if b is None else momentum * b + (1 - dampening) * g
            g = g + momentum * b if nesterov else b
        w = w - lr * g
    return w


def adam(grad, lr, b1=0.9, b2=0.999, eps=1e-8, wd=0.0, amsgrad=False, decoupled=False):
    w, m, v, vmax = W0.copy(), np.zeros(3), np.zeros(3), np.zeros(3)
    for t in (1, 2, 3):
        g = grad(w, t)
        if decoupled:
            w = w * (1 - lr * wd)
        else:
            g = g + wd * w
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        vmax = np.maximum(vmax, v)
        vhat = vmax if amsgrad else v
        w = w - lr * (m / (1 - b1 ** t)) / (np.sqrt(vhat / (1 - b2 ** t)) + eps)
    return w


def rmsprop(grad, lr, alpha=0.99, eps=1e-8, wd=0.0, momentum=0.0, centered=False):
    w, v, b, ga = W0.copy(), np.zeros(3), np.zeros(3), np.zeros(3)
    for t in (1, 2, 3):
        g = grad(w, t) + wd * w
        v = alpha * v + (1 - alpha) * g * g
        if centered:
            ga = alpha * ga + (1 - alpha) * g
            d = np.sqrt(v - ga * ga) + eps
        else:
            d = np.sqrt(v) + eps
        if momentum > 0:
            b = momentum * b + g / d
            w = w - lr * b
        else:
            w = w - lr * g / d
    return w


def adagrad(grad, lr, lr_decay=0.0, wd=0.0, init=0.0, eps=1e-10):
    w, s = W0.copy(), np.full(3, init)
    for t in (1, 2, 3):
        g = grad(w, t) + wd * w
        clr = lr / (1 + (t - 1) * lr_decay)
        s = s + g * g
        w = w - clr * g / (np.sqrt(s) + eps)
    return w


CASES = {
    "sgdPlain": sgd(quad, 0.1),
    "sgdMomentumDampening": sgd(quad, 0.1, momentum=0.9, dampening=0.3),
    "sgdNesterovWeightDecay": sgd(quad, 0.1, momentum=0.9, wd=0.05, nesterov=True),
    "adamDefault": adam(quad, 0.1),
    "adamFixedSequence": adam(fixed, 0.1),
    "adamL2": adam(fixed, 0.1, wd=0.5),
    "adamW": adam(fixed, 0.1, wd=0.5, decoupled=True),
    "adamAmsgrad": adam(fixed, 0.1, b1=0.8, b2=0.9, amsgrad=True),
    "adamNoAmsgradSameSequence": adam(fixed, 0.1, b1=0.8, b2=0.9),
    "rmsPropDefault": rmsprop(quad, 0.01),
    "rmsPropCenteredMomentum": rmsprop(quad, 0.01, alpha=0.9, wd=0.1, momentum=0.9, centered=True),
    "adagradDefault": adagrad(quad, 0.1),
    "adagradDecay": adagrad(quad, 0.1, lr_decay=0.5, wd=0.1, init=0.1),
}

for name, w in CASES.items():
    print("%s: {%s}" % (name, ", ".join("%.9ff" % x for x in w)))
