/**
 * Raw {@code float[]} kernels: {@link rnn4j.kernel.Gemm} (packed, register-blocked Vector API matrix product, with
 * {@link rnn4j.kernel.PackedMatrix} for weights packed once), {@link rnn4j.kernel.VectorMath} (elementwise and
 * transcendental SIMD), {@link rnn4j.kernel.Parallel} (the persistent thread team) and
 * {@link rnn4j.kernel.Kernels#warmUp()}.
 *
 * <p>The only package that imports {@code jdk.incubator.vector}, and only in its package-private {@code *Vector}
 * leaf classes: when the module is missing ({@code --add-modules jdk.incubator.vector} not given) those classes are
 * never loaded and every kernel runs a scalar twin after a one-line warning. No tensors and no graph here.
 */
package rnn4j.kernel;
