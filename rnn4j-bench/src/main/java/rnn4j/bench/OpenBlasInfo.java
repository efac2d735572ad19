package rnn4j.bench;

import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * Prints what the OpenBLAS peer will run: loading it with {@code OPENBLAS_VERBOSE=2} makes it name the kernel core
 * it chose at load time (DYNAMIC_ARCH builds choose by CPUID unless {@code OPENBLAS_CORETYPE} forces one).
 */
public final class OpenBlasInfo {
    private OpenBlasInfo() {}

    public static void main(String[] args) {
        float[] c = new float[1];
        openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, 1, 1, 1, 1f,
                new float[] {2f}, 1, new float[] {3f}, 1, 0f, c, 1);
        System.out.println("OpenBLAS: build target " + openblas.OPENBLAS_CHAR_CORENAME + ", threads "
                + openblas_nolapack.blas_get_num_threads() + ", OPENBLAS_CORETYPE="
                + System.getenv("OPENBLAS_CORETYPE") + ", 2*3 = " + c[0]);
    }
}
