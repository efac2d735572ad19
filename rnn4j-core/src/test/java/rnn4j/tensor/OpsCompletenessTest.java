package rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails when a public op of a {@code *Ops} class in {@code rnn4j.tensor} has no finite-difference gradient check:
 * every public static method returning {@code Tensor} or {@code Tensor[]} must be named by a {@link GradChecked}
 * test method in this package, unless it is listed below as not differentiable.
 */
class OpsCompletenessTest {

    /**
     * Ops that return tensors but have no gradient, each with its reason. Empty today: {@code MathOps.argmax}
     * returns {@code int[]}, so it is not an op of this kind.
     */
    private static final Set<String> NOT_DIFFERENTIABLE = Set.of();

    @Test
    void everyDifferentiableOp_hasAGradientCheck() throws Exception {
        Set<String> ops = publicOps();
        Set<String> checked = checkedNames();
        Set<String> missing = new TreeSet<>(ops);
        missing.removeAll(checked);
        missing.removeAll(NOT_DIFFERENTIABLE);
        assertTrue(missing.isEmpty(), "ops without a gradient check (add a GradCheck test annotated "
                + "@GradChecked, or list them in NOT_DIFFERENTIABLE with a reason): " + missing);
    }

    @Test
    void checkedNames_allNameExistingOps() throws Exception {
        Set<String> ops = publicOps();
        Set<String> stale = new TreeSet<>(checkedNames());
        stale.addAll(NOT_DIFFERENTIABLE);
        stale.removeAll(ops);
        assertTrue(stale.isEmpty(), "@GradChecked or NOT_DIFFERENTIABLE names that are not ops: " + stale);
    }

    @Test
    void enumeration_findsTheOpFamilies() throws Exception {
        Set<String> families = new TreeSet<>();
        for (String op : publicOps()) families.add(op.substring(0, op.indexOf('.')));
        assertTrue(families.containsAll(List.of("IndexOps", "LinalgOps", "LossOps", "MathOps", "ShapeOps")),
                "found " + families);
        assertTrue(publicOps().contains("MathOps.add"));
        assertEquals(false, publicOps().contains("MathOps.argmax"));
    }

    /** {@code Class.method} of every public static method returning Tensor or Tensor[] in a *Ops class. */
    private static Set<String> publicOps() throws IOException, URISyntaxException, ClassNotFoundException {
        Set<String> names = new TreeSet<>();
        for (Class<?> c : classesIn(Tensor.class)) {
            if (!c.getSimpleName().endsWith("Ops") || !Modifier.isPublic(c.getModifiers())) continue;
            for (Method m : c.getDeclaredMethods()) {
                int mod = m.getModifiers();
                boolean tensorResult = m.getReturnType() == Tensor.class || m.getReturnType() == Tensor[].class;
                if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && tensorResult) {
                    names.add(c.getSimpleName() + "." + m.getName());
                }
            }
        }
        return names;
    }

    private static Set<String> checkedNames() throws IOException, URISyntaxException, ClassNotFoundException {
        Set<String> names = new TreeSet<>();
        for (Class<?> c : classesIn(OpsCompletenessTest.class)) {
            for (Method m : c.getDeclaredMethods()) {
                GradChecked g = m.getAnnotation(GradChecked.class);
                if (g != null) names.addAll(List.of(g.value()));
            }
        }
        return names;
    }

    /** Top-level classes of package rnn4j.tensor in the class-path root that holds {@code anchor}. */
    private static List<Class<?>> classesIn(Class<?> anchor)
            throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = root.resolve("rnn4j/tensor");
        List<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".class") && !f.contains("$"))
                    .sorted()
                    .toList();
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String f : files) {
            classes.add(Class.forName("rnn4j.tensor." + f.substring(0, f.length() - ".class".length())));
        }
        return classes;
    }
}
