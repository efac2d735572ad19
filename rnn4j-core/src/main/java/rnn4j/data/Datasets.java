package rnn4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Named public datasets: where each file comes from, its sha256, and where to find it on this machine.
 *
 * <p>A file is looked up first in a mirror laid out as {@code $RNN4J_DATA_DIR/<name>/<file>} (the layout of the
 * project's shared data folder), then in the cache {@code $RNN4J_CACHE} (default {@code ~/.cache/rnn4j}), and only
 * then downloaded from its canonical address into the cache: streamed to a temporary file, its sha256 checked, then
 * renamed, so a broken download never looks like a dataset.
 */
public final class Datasets {
    /** The parts of a dataset. A dataset without an official split has only {@link #TRAIN}. */
    public enum Split { TRAIN, VALID, TEST }

    /** One file: its name in the mirror and cache, its canonical address, and the sha256 of the bytes served there. */
    public record Source(String file, String url, String sha256) {}

    /**
     * A dataset: its name, a one-line description, its token kind for language models, its files by split, and, for
     * a parallel corpus stored as one file per language (Multi30k's {@code train.de}/{@code train.en}), those files
     * by language code and split.
     */
    public record Dataset(String name, String description, Tokens tokens, Map<Split, Source> files,
                          Map<String, Map<Split, Source>> languages) {
        /** A single-sided dataset. */
        public Dataset(String name, String description, Tokens tokens, Map<Split, Source> files) {
            this(name, description, tokens, files, Map.of());
        }

        /** The file of a split, or empty when the dataset has no such split. */
        public Optional<Source> file(Split split) {
            return Optional.ofNullable(files.get(split));
        }

        /** The file of one language's side of a split, or empty when there is none. */
        public Optional<Source> file(Split split, String language) {
            return Optional.ofNullable(languages.getOrDefault(language, Map.of()).get(split));
        }
    }

    private static final Map<String, Dataset> REGISTRY = new LinkedHashMap<>();

    static {
        String charRnn = "https://raw.githubusercontent.com/karpathy/char-rnn/6f9487a6fe5b420b7ca9afb0d7c078e37c1d1b4e/data/";
        String lasagne = "https://raw.githubusercontent.com/Lasagne/Recipes/d616658de38e69f5036b236b6acbaf6e465ec9bd/"
                + "examples/penntree/";
        String mikolov = "https://raw.githubusercontent.com/townie/PTB-dataset-from-Tomas-Mikolov-s-webpage/"
                + "06529ac968955ffc29a4668d68b93dadcfe55f2e/data/";
        register(new Dataset("tinyshakespeare", "Tiny Shakespeare, 1.1M characters (Karpathy's char-rnn)", Tokens.CHARS,
                Map.of(Split.TRAIN, new Source("input.txt", charRnn + "tinyshakespeare/input.txt",
                        "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed"))));
        register(new Dataset("ptb", "Penn Treebank, word level, 10k vocabulary (Mikolov; Zaremba et al. 2014)",
                Tokens.WORDS, Map.of(
                Split.TRAIN, new Source("ptb.train.txt.gz", lasagne + "ptb.train.txt.gz",
                        "270e0c1de69c076ee9be3fb389e0a6a3c849a03664d9a05550c6a98afd63bf4e"),
                Split.VALID, new Source("ptb.valid.txt.gz", lasagne + "ptb.valid.txt.gz",
                        "2c532ce295a2a82b986b0ab85f39422d4c1a6211cc78d9d4c3b647eb827d56a5"),
                Split.TEST, new Source("ptb.test.txt.gz", lasagne + "ptb.test.txt.gz",
                        "c186c58140c532dcf89939356c67f0ceaad98baac97c3eab733c14c9ce427ffa"))));
        register(new Dataset("ptb-char", "Penn Treebank, character level (Mikolov's ptb.char.*)", Tokens.WORDS,
                Map.of(
                Split.TRAIN, new Source("ptb.char.train.txt", mikolov + "ptb.char.train.txt",
                        "e313d91425e06c4f0a8fb6e881dcce0c291f2a0e9f4dda54833069b122f91da9"),
                Split.VALID, new Source("ptb.char.valid.txt", mikolov + "ptb.char.valid.txt",
                        "21661f63ec355085879458b6524644d4add5573541b4be14fb52ab2e2e995eb8"),
                Split.TEST, new Source("ptb.char.test.txt", mikolov + "ptb.char.test.txt",
                        "1ef5607ac3c463b16e38bfe7900dd3bfc91de5a96e0f21e7eab5188b465b8ebe"))));
        register(new Dataset("names", "32k US baby names, one per line (Karpathy's makemore)", Tokens.CHARS,
                Map.of(Split.TRAIN, new Source("names.txt", "https://raw.githubusercontent.com/karpathy/makemore/"
                        + "988aa59e4d8fefa526d06f3b453ad116258398d4/names.txt",
                        "0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d"))));
        String multi30k = "https://raw.githubusercontent.com/multi30k/dataset/a3d2e0d26b56f3846f66a952536ffed4e401d05a/"
                + "data/task1/raw/";
        register(new Dataset("multi30k", "Multi30k task 1, German–English image descriptions (Elliott et al. 2016), "
                + "29k/1,014/1,000 pairs", Tokens.WORDS, Map.of(), Map.of(
                "en", Map.of(
                        Split.TRAIN, new Source("train.en.gz", multi30k + "train.en.gz",
                                "d79cfa999dd4c51d2cb42499b6796d5a882c3a8a961923c25a898c90f8bbd56f"),
                        Split.VALID, new Source("val.en.gz", multi30k + "val.en.gz",
                                "14f7d25ddd868909a9213e361768460edcacdd6ab9d1e77b92560dc10c10dc28"),
                        Split.TEST, new Source("test_2016_flickr.en.gz", multi30k + "test_2016_flickr.en.gz",
                                "611d361c6334bc7246101d48097c13cf5c4413c5befc793cc629934359d532d9")),
                "de", Map.of(
                        Split.TRAIN, new Source("train.de.gz", multi30k + "train.de.gz",
                                "726e39b2fa9eb9ffb6dc763fb35a179f80fae06ffc5d28b6ace5faa883de28a6"),
                        Split.VALID, new Source("val.de.gz", multi30k + "val.de.gz",
                                "f0cba2f995189cf5770f29a8a9a537a3ad3f51657ad873405082ff6863a5e75a"),
                        Split.TEST, new Source("test_2016_flickr.de.gz", multi30k + "test_2016_flickr.de.gz",
                                "9204244e408ccb38d2a55cfcd344df15005fc42a07a6e55ca6c52b6ababb8cc8")))));
        register(new Dataset("tatoeba-fra-eng", "Tatoeba English–French pairs (manythings.org Anki file, 2017), "
                + "tab-separated English<TAB>French in a zip; no official split", Tokens.WORDS,
                Map.of(Split.TRAIN, new Source("fra-eng.zip", "https://raw.githubusercontent.com/genimind/seq2seq/"
                        + "843b8bc40396fbea4ac9171097122aacfc8b9660/fra-eng.zip",
                        "16c4f7d0df9e7c5e6c54cdb0447f3f4a18a55052ff5e2e0b27dd4a06c0e49d04"))));
    }

    private Datasets() {}

    private static void register(Dataset d) {
        REGISTRY.put(d.name(), d);
    }

    /** All registered datasets, in registration order. */
    public static Map<String, Dataset> all() {
        return Map.copyOf(REGISTRY);
    }

    /** The dataset of this name, if registered. */
    public static Optional<Dataset> find(String name) {
        return Optional.ofNullable(REGISTRY.get(name));
    }

    /** The mirror folder from {@code RNN4J_DATA_DIR}, if set. */
    public static Optional<Path> mirror() {
        String dir = System.getenv("RNN4J_DATA_DIR");
        return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
    }

    /** The download cache: {@code RNN4J_CACHE}, else {@code ~/.cache/rnn4j}. */
    public static Path cache() {
        String dir = System.getenv("RNN4J_CACHE");
        return dir == null || dir.isBlank() ? Path.of(System.getProperty("user.home"), ".cache", "rnn4j") : Path.of(dir);
    }

    /**
     * The local path of a dataset file: from the mirror, else the cache, else downloaded into the cache (progress
     * reported to {@code progress} in bytes). Offline with nothing found: an error saying where to put the file.
     */
    public static Path resolve(Dataset dataset, Split split, LongConsumer progress) {
        Source source = dataset.file(split).orElseThrow(() -> new IllegalArgumentException("Datasets.resolve: "
                + "dataset " + dataset.name() + " must have a " + split.name().toLowerCase() + " split, got only "
                + dataset.files().keySet()));
        return resolve(dataset, source, progress);
    }

    /** As {@link #resolve(Dataset, Split, LongConsumer)}, for one language's file of a parallel dataset. */
    public static Path resolve(Dataset dataset, Split split, String language, LongConsumer progress) {
        Source source = dataset.file(split, language).orElseThrow(() -> new IllegalArgumentException(
                "Datasets.resolve: dataset " + dataset.name() + " must have a " + split.name().toLowerCase()
                        + " split in language '" + language + "', got languages "
                        + dataset.languages().keySet().stream().sorted().toList()));
        return resolve(dataset, source, progress);
    }

    private static Path resolve(Dataset dataset, Source source, LongConsumer progress) {
        Optional<Path> mirrored = mirror().flatMap(m -> existing(m.resolve(dataset.name()), source.file()));
        if (mirrored.isPresent()) {
            return mirrored.get();
        }
        Path folder = cache().resolve(dataset.name());
        Optional<Path> cached = existing(folder, source.file());
        if (cached.isPresent()) {
            return cached.get();
        }
        try {
            return download(source, folder.resolve(source.file()), progress);
        } catch (IOException e) {
            throw new UncheckedIOException("Datasets.resolve: dataset " + dataset.name() + " file " + source.file()
                    + " must be in $RNN4J_DATA_DIR/" + dataset.name() + "/ (" + mirror().map(Path::toString)
                    .orElse("RNN4J_DATA_DIR unset") + ") or in " + folder + ", and downloading it from "
                    + source.url() + " failed (" + e.getMessage() + "); put the file there by hand", e);
        }
    }

    /** The file, or its gzip-compressed twin ({@code name.gz}) as mirrors store large text files. */
    private static Optional<Path> existing(Path folder, String file) {
        for (Path p : new Path[] {folder.resolve(file), folder.resolve(file + ".gz")}) {
            if (Files.isRegularFile(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    static Path download(Source source, Path target, LongConsumer progress) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(source.url())).timeout(Duration.ofMinutes(10))
                    .build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("HTTP " + response.statusCode());
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(response.body(), sha);
                 OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[1 << 16];
                long total = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    total += n;
                    progress.accept(total);
                }
            }
            String actual = HexFormat.of().formatHex(sha.digest());
            if (!actual.equals(source.sha256())) {
                throw new IOException("sha256 must be " + source.sha256() + ", got " + actual);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK lacks SHA-256", e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
