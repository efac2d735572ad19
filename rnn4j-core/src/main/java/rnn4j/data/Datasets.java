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
import java.util.List;
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
     * A dataset: its name, a one-line description, its token kind for language models, its files by split, further
     * files by role (labels, a second class, or one language's side of a parallel split such as {@code train.de};
     * empty for most), and its folder in the mirror and cache (its name unless several datasets share one folder).
     */
    public record Dataset(String name, String description, Tokens tokens, Map<Split, Source> files,
                          Map<String, Source> parts, String folder) {
        /** A dataset with one file per split, in the folder of its name. */
        public Dataset(String name, String description, Tokens tokens, Map<Split, Source> files) {
            this(name, description, tokens, files, Map.of(), name);
        }

        /** The file of one language's side of a split (the part {@code <split>.<language>}), or empty. */
        public Optional<Source> file(Split split, String language) {
            return Optional.ofNullable(parts.get(partName(split, language)));
        }

        /** The languages of a parallel dataset (from its parts {@code <split>.<language>}), sorted. */
        public List<String> languages() {
            return parts.keySet().stream().filter(k -> k.indexOf('.') > 0).map(k -> k.substring(k.indexOf('.') + 1))
                    .distinct().sorted().toList();
        }

        /** The file of a split, or empty when the dataset has no such split. */
        public Optional<Source> file(Split split) {
            return Optional.ofNullable(files.get(split));
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
    }

    static {
        // Translation (issue 6).
        String multi30k = "https://raw.githubusercontent.com/multi30k/dataset/a3d2e0d26b56f3846f66a952536ffed4e401d05a/"
                + "data/task1/raw/";
        register(new Dataset("multi30k", "Multi30k task 1, German–English image descriptions (Elliott et al. 2016), "
                + "29k/1,014/1,000 pairs", Tokens.WORDS, Map.of(), Map.of(
                "train.en", new Source("train.en.gz", multi30k + "train.en.gz",
                        "d79cfa999dd4c51d2cb42499b6796d5a882c3a8a961923c25a898c90f8bbd56f"),
                "valid.en", new Source("val.en.gz", multi30k + "val.en.gz",
                        "14f7d25ddd868909a9213e361768460edcacdd6ab9d1e77b92560dc10c10dc28"),
                "test.en", new Source("test_2016_flickr.en.gz", multi30k + "test_2016_flickr.en.gz",
                        "611d361c6334bc7246101d48097c13cf5c4413c5befc793cc629934359d532d9"),
                "train.de", new Source("train.de.gz", multi30k + "train.de.gz",
                        "726e39b2fa9eb9ffb6dc763fb35a179f80fae06ffc5d28b6ace5faa883de28a6"),
                "valid.de", new Source("val.de.gz", multi30k + "val.de.gz",
                        "f0cba2f995189cf5770f29a8a9a537a3ad3f51657ad873405082ff6863a5e75a"),
                "test.de", new Source("test_2016_flickr.de.gz", multi30k + "test_2016_flickr.de.gz",
                        "9204244e408ccb38d2a55cfcd344df15005fc42a07a6e55ca6c52b6ababb8cc8")), "multi30k"));
        register(new Dataset("tatoeba-fra-eng", "Tatoeba English–French pairs (manythings.org Anki file, 2017), "
                + "tab-separated English<TAB>French in a zip; no official split", Tokens.WORDS,
                Map.of(Split.TRAIN, new Source("fra-eng.zip", "https://raw.githubusercontent.com/genimind/seq2seq/"
                        + "843b8bc40396fbea4ac9171097122aacfc8b9660/fra-eng.zip",
                        "16c4f7d0df9e7c5e6c54cdb0447f3f4a18a55052ff5e2e0b27dd4a06c0e49d04"))));
    }

    static {
        // Sequence classification and forecasting (issue 5); layouts in shared/data/README.md.
        String britz = "https://raw.githubusercontent.com/dennybritz/cnn-text-classification-tf/"
                + "18762b459e21d9c70e5c242f8d43fc4e6db37a0d/data/rt-polaritydata/";
        register(new Dataset("rt-polarity", "Movie review sentences, 5,331 positive and 5,331 negative (Pang & Lee "
                + "2005); no split: 10-fold cross-validation", Tokens.WORDS, Map.of(), Map.of(
                "pos", new Source("rt-polarity.pos", britz + "rt-polarity.pos",
                        "4134882974a28d0c7b5151256f0e33a6169984ee7372c279e673f1114f475d58"),
                "neg", new Source("rt-polarity.neg", britz + "rt-polarity.neg",
                        "2d11cfbc790f1cd96d78339f41ce53ced1efa83cd22d37d6788fa3fe3d17e2fd")), "rt-polarity"));
        String glue = "https://raw.githubusercontent.com/eyalbd2/Reproducing-AutoPrompt/"
                + "6288fb5bec9c572f2492875ae0111df5b6daed11/glue_data/SST-2/";
        register(new Dataset("sst2", "SST-2 (GLUE): 67,349 train and 872 dev sentences, TSV sentence/label",
                Tokens.WORDS, Map.of(
                Split.TRAIN, new Source("train.tsv", glue + "train_full.tsv",
                        "48eac26399f8456935f81dd9e3a745c1430adb6c62e233ccfe22db4a0d15d1d1"),
                Split.VALID, new Source("dev.tsv", glue + "dev.tsv",
                        "54a9c12c77e402fc14d6a66a506f24d999f596b0176eb777c972cccc2f9cc4b0"))));
        String mnist = "https://ossci-datasets.s3.amazonaws.com/mnist/";
        register(new Dataset("mnist", "MNIST digits, 60k train / 10k test, IDX (for sequential MNIST)", Tokens.WORDS,
                Map.of(
                Split.TRAIN, new Source("train-images-idx3-ubyte.gz", mnist + "train-images-idx3-ubyte.gz",
                        "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
                Split.TEST, new Source("t10k-images-idx3-ubyte.gz", mnist + "t10k-images-idx3-ubyte.gz",
                        "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6")), Map.of(
                "train-labels", new Source("train-labels-idx1-ubyte.gz", mnist + "train-labels-idx1-ubyte.gz",
                        "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
                "test-labels", new Source("t10k-labels-idx1-ubyte.gz", mnist + "t10k-labels-idx1-ubyte.gz",
                        "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6")), "mnist"));
        String brownlee = "https://raw.githubusercontent.com/jbrownlee/Datasets/"
                + "d20fcb6402ae34e653d4513b00f39257bb37ed7f/";
        registerSeries("airline-passengers", "Monthly airline passengers 1949-1960, 144 rows (Box & Jenkins series G)",
                "airline-passengers.csv", brownlee, "8cb51be753a718d9be5d76d7e238cc224792754676adc21faa59e954b0201621");
        registerSeries("sunspots", "Monthly mean sunspot numbers 1749-1983, 2,820 rows", "monthly-sunspots.csv",
                brownlee, "c4ec8cc57d9f6fb6ecdb3e1f37f25b6f4badd5124c55931052b0cd2fc3bc71f3");
        registerSeries("daily-min-temperatures", "Daily minimum temperature in Melbourne 1981-1990, 3,650 rows",
                "daily-min-temperatures.csv", brownlee,
                "8b9de63ed6789492bf497625e7f9beb96a63d367b4b0a21754006f749fa5e5da");
        register(new Dataset("indoor-movement", "UCI indoor user movement: 314 RSS sequences of 4 anchors, 19-129 "
                + "steps, room change or not (Bacciu et al. 2014); zip of CSV sequences", Tokens.WORDS,
                Map.of(Split.TRAIN, new Source("IndoorMovement.zip", brownlee + "IndoorMovement.zip",
                        "c657ee8635275145b11c9e4ed3b4647b876f8acb638e61e7b1a6a18f27e0472a"))));
        // The sha256 of pollution.csv as served; the mirror keeps it gzip-compressed (pollution.csv.gz), same content.
        registerSeries("pollution", "Beijing PM2.5 and weather, hourly 2010-2014, 43,824 rows (UCI; Liang et al. 2015)",
                "pollution.csv", brownlee, "892e9559205d16d32623135c127a3951c12e46ea1e0b3093e107ce89a9fd60e2");
    }

    private static void registerSeries(String name, String description, String file, String base, String sha256) {
        register(new Dataset(name, description, Tokens.WORDS, Map.of(Split.TRAIN, new Source(file, base + file,
                sha256)), Map.of(), "timeseries"));
    }

    private Datasets() {}

    /** The part name of one language's side of a split: {@code train.de}, {@code valid.en}, {@code test.fr}. */
    static String partName(Split split, String language) {
        return split.name().toLowerCase(java.util.Locale.ROOT) + "." + language;
    }

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
                        + " split in language '" + language + "', got languages " + dataset.languages()));
        return resolve(dataset, source, progress);
    }

    /** The local path of a dataset file named by its role (see {@link Dataset#parts()}), as the split's file. */
    public static Path resolvePart(Dataset dataset, String part, LongConsumer progress) {
        Source source = dataset.parts().get(part);
        if (source == null) {
            throw new IllegalArgumentException("Datasets.resolvePart: dataset " + dataset.name() + " must have a part "
                    + "'" + part + "', got only " + dataset.parts().keySet());
        }
        return resolve(dataset, source, progress);
    }

    private static Path resolve(Dataset dataset, Source source, LongConsumer progress) {
        Optional<Path> mirrored = mirror().flatMap(m -> existing(m.resolve(dataset.folder()), source.file()));
        if (mirrored.isPresent()) {
            return mirrored.get();
        }
        Path folder = cache().resolve(dataset.folder());
        Optional<Path> cached = existing(folder, source.file());
        if (cached.isPresent()) {
            return cached.get();
        }
        try {
            return download(source, folder.resolve(source.file()), progress);
        } catch (IOException e) {
            throw new UncheckedIOException("Datasets.resolve: dataset " + dataset.name() + " file " + source.file()
                    + " must be in $RNN4J_DATA_DIR/" + dataset.folder() + "/ (" + mirror().map(Path::toString)
                    .orElse("RNN4J_DATA_DIR unset") + ") or in " + folder + ", and downloading it from "
                    + source.url() + " failed (" + (e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName()) + "); put the file there by hand", e);
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
