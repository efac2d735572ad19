package rnn4j.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the folders of shared test data; tests skip themselves (with a message) when a folder is absent. */
public final class TestPaths {
    private TestPaths() {}

    /**
     * The folder of PyTorch reference files ({@code shared/reference}): {@code $RNN4J_REFERENCE_DIR} if set, else
     * {@code ../../shared/reference} from the module folder (where Maven runs tests) or {@code ../shared/reference}
     * from the repository root (where an IDE may run them).
     */
    public static Optional<Path> reference() {
        String fromEnvironment = System.getenv("RNN4J_REFERENCE_DIR");
        Stream<Path> candidates = fromEnvironment != null && !fromEnvironment.isBlank()
                ? Stream.of(Path.of(fromEnvironment))
                : Stream.of(Path.of("..", "..", "shared", "reference"), Path.of("..", "shared", "reference"));
        return candidates.map(Path::toAbsolutePath).map(Path::normalize).filter(Files::isDirectory).findFirst();
    }
}
