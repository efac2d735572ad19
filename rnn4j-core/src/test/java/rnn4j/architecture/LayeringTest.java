package rnn4j.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point only down the package table of DESIGN.md §2: a package may import only the packages listed for
 * it. This scans the import lines of every main source file, so a new upward import fails the build at once.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/rnn4j");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?(rnn4j(?:\\.[a-z]+)*)\\.[A-Z]",
            Pattern.MULTILINE);

    /** Each package and the rnn4j packages it may use (besides itself and its own sub-packages' parents). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("rnn4j.base", Set.of()),
            Map.entry("rnn4j.kernel", Set.of("rnn4j.base")),
            Map.entry("rnn4j.tensor", Set.of("rnn4j.base", "rnn4j.kernel")),
            Map.entry("rnn4j.nn", Set.of("rnn4j.base", "rnn4j.kernel", "rnn4j.tensor")),
            Map.entry("rnn4j.nn.recurrent", Set.of("rnn4j.base", "rnn4j.kernel", "rnn4j.tensor", "rnn4j.nn")),
            Map.entry("rnn4j.nn.attention", Set.of("rnn4j.base", "rnn4j.kernel", "rnn4j.tensor", "rnn4j.nn")),
            Map.entry("rnn4j.nn.conv", Set.of("rnn4j.base", "rnn4j.kernel", "rnn4j.tensor", "rnn4j.nn")),
            Map.entry("rnn4j.optim", Set.of("rnn4j.base", "rnn4j.kernel", "rnn4j.tensor", "rnn4j.nn")),
            Map.entry("rnn4j.data", Set.of("rnn4j.base", "rnn4j.kernel", "rnn4j.tensor")),
            Map.entry("rnn4j.io", Set.of("rnn4j.base", "rnn4j.kernel", "rnn4j.tensor", "rnn4j.nn")),
            Map.entry("rnn4j.models", Set.of("rnn4j.base", "rnn4j.kernel", "rnn4j.tensor", "rnn4j.nn",
                    "rnn4j.nn.recurrent", "rnn4j.nn.attention", "rnn4j.nn.conv", "rnn4j.io", "rnn4j.data")),
            Map.entry("rnn4j.experiments", Set.of("rnn4j.base", "rnn4j.kernel", "rnn4j.tensor", "rnn4j.nn",
                    "rnn4j.nn.recurrent", "rnn4j.optim", "rnn4j.models", "rnn4j.data", "rnn4j.train")),
            Map.entry("rnn4j.decode", Set.of("rnn4j.base", "rnn4j.kernel", "rnn4j.tensor", "rnn4j.nn",
                    "rnn4j.nn.recurrent", "rnn4j.nn.attention", "rnn4j.models")));

    @Test
    void imports_pointOnlyDownThePackageTable() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            String pkg = packageOf(file);
            if (pkg.equals("rnn4j.train")) {
                continue; // the training loop may use every package below it
            }
            Set<String> allowed = ALLOWED.get(pkg);
            if (allowed == null) {
                violations.add(file + ": package " + pkg + " is not in DESIGN.md's table (add it to LayeringTest)");
                continue;
            }
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                String used = m.group(1);
                if (!used.equals(pkg) && !allowed.contains(used)) {
                    violations.add(file + " imports " + used);
                }
            }
        }
        assertEquals(List.of(), violations, "imports that point up DESIGN.md §2's table");
    }

    @Test
    void vectorApi_isImportedOnlyByTheKernelPackage() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            if (!packageOf(file).equals("rnn4j.kernel") && Files.readString(file).contains("jdk.incubator.vector")) {
                violations.add(file.toString());
            }
        }
        assertEquals(List.of(), violations, "only rnn4j.kernel may use jdk.incubator.vector");
    }

    private static List<Path> javaFiles() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), "run from the rnn4j-core module folder: " + SOURCES.toAbsolutePath());
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String packageOf(Path file) {
        Path rel = SOURCES.getParent().relativize(file.getParent());
        return rel.toString().replace(java.io.File.separatorChar, '.');
    }
}
