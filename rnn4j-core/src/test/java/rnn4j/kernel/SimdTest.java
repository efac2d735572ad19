package rnn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimdTest {
    @Test
    void vectorApi_isDetected_whenTheModuleIsPresent() {
        // The build runs tests with --add-modules jdk.incubator.vector.
        assertTrue(Simd.AVAILABLE);
        assertTrue(Simd.LANES >= 4, "lanes " + Simd.LANES);
    }

    @Test
    void enable_cannotSwitchOnWhatIsMissing_andReturnsThePreviousSetting() {
        boolean before = Simd.enable(false);
        assertFalse(Simd.enabled());
        assertFalse(Simd.enable(before));
        assertEquals(before, Simd.enabled());
    }

    @Test
    void kernels_fallBackToScalar_inAJvmWithoutTheVectorModule() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), FallbackMain.class.getName())).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, child.exitValue(), "exit code; stderr: " + err);
        assertEquals("path=scalar (no jdk.incubator.vector) c=4.0,5.0 tanh0=0.0 zeros=true", out);
        assertEquals(1, err.lines().count(), "one warning line, got: " + err);
        assertTrue(err.startsWith("rnn4j: warning: jdk.incubator.vector is not available"), err);
    }

    @Test
    void sixRowTile_matchesALoopAndTheScalarPath_inAJvmHeldTo256BitVectors() throws IOException, InterruptedException {
        String arch = System.getProperty("os.arch");
        assumeTrue(arch.equals("amd64") || arch.equals("x86_64"), "-XX:UseAVX is an x86 option; os.arch is " + arch);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xshare:auto", "-XX:UseAVX=2", "--add-modules",
                "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                NarrowVectorMain.class.getName())).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, child.exitValue(), "exit code; stderr: " + err);
        assertEquals("lanes=8 mr=6 ok", out);
    }
}
