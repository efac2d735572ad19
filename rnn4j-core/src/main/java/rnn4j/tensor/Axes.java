package rnn4j.tensor;

import rnn4j.base.Check;

/** Resolution of possibly negative axis arguments, with errors that name the calling op. */
final class Axes {
    private Axes() {}

    /** {@code axis} in {@code 0..rank-1} (negative counts from the end), or throws naming {@code op} and the shape. */
    static int resolve(String op, Shape shape, int axis) {
        int r = shape.rank();
        if (axis < -r || axis >= r) {
            Check.argument(false, "%s: axis must be in [%s, %s) for shape %s, got %s", op, -r, r, shape, axis);
        }
        return axis < 0 ? axis + r : axis;
    }
}
