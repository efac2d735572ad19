package rnn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the rule that no Vector API value crosses a call of ours (docs/architecture.md). C2 intrinsifies vector
 * operations only where it knows a vector's exact class; a {@code FloatVector} handed to a method it did not inline
 * has lost that, and every operation on it then runs the per-lane Java fallback for the rest of the run. Twice that
 * happened here without any test failing: {@code VectorMathVector.exp(FloatVector)} grew to 335 bytes of bytecode,
 * past the 325 C2 inlines into a hot caller, so the gate nonlinearities ran 2–3× slower (15% of the W1 training
 * profile); and a 15-byte {@code flush(FloatVector)} was left out of the LSTM backward row at its fifth call site
 * because that method had reached C2's node budget (NodeCountInliningCutoff), so no size is small enough to be safe.
 */
class VectorInliningTest {
    @Test
    void noMethodTakesOrReturnsAVector() throws IOException, URISyntaxException {
        List<String> passing = new ArrayList<>();
        List<Path> files = kernelClassFiles();
        assertTrue(files.stream().anyMatch(f -> f.endsWith("GemmVector.class")), "the scan must see the Vector API "
                + "leaves of rnn4j.kernel, got " + files);
        for (Path file : files) {
            ClassModel model = ClassFile.of().parse(file);
            for (MethodModel method : model.methods()) {
                if (!method.methodTypeSymbol().descriptorString().contains("Ljdk/incubator/vector/")) {
                    continue;
                }
                passing.add(model.thisClass().name().stringValue() + "." + method.methodName().stringValue());
            }
        }
        assertEquals(List.of(), passing, "methods that take or return a vector, which C2 may not inline; write "
                + "their work out in the loop that loads the vectors");
    }

    private static List<Path> kernelClassFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(VectorMath.class.getResource("VectorMath.class").toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        }
    }
}
