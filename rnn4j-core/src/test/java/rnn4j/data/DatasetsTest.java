package rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    private static final byte[] BODY = "to be or not to be\n".getBytes(StandardCharsets.UTF_8);
    private HttpServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok.txt", exchange -> {
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void download_verifiesSha256_andRenamesIntoPlace() throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(BODY));
        AtomicLong seen = new AtomicLong();
        Path target = dir.resolve("ok.txt");
        Datasets.download(new Datasets.Source("ok.txt", url("/ok.txt"), sha), target, seen::set);
        assertEquals("to be or not to be\n", Files.readString(target));
        assertEquals(BODY.length, seen.get());
    }

    @Test
    void download_leavesNothingBehind_whenTheChecksumIsWrong() throws IOException {
        Path target = dir.resolve("ok.txt");
        IOException e = assertThrows(IOException.class, () -> Datasets.download(
                new Datasets.Source("ok.txt", url("/ok.txt"), "00"), target, n -> {}));
        assertTrue(e.getMessage().contains("sha256 must be 00"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no partial or temporary file may remain");
        }
    }

    @Test
    void download_reportsHttpErrors() {
        IOException e = assertThrows(IOException.class, () -> Datasets.download(
                new Datasets.Source("x", url("/missing"), "00"), dir.resolve("x"), n -> {}));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void resolve_findsEveryLanguageModelFileInTheMirror() {
        Assumptions.assumeTrue(Datasets.mirror().isPresent(),
                "RNN4J_DATA_DIR is unset: skipping the check of the dataset mirror");
        for (String name : new String[] {"tinyshakespeare", "ptb", "ptb-char", "names"}) {
            Datasets.Dataset d = Datasets.find(name).orElseThrow();
            for (Datasets.Split split : d.files().keySet()) {
                Path p = Datasets.resolve(d, split, n -> {});
                assertTrue(p.startsWith(Datasets.mirror().get()), name + " " + split + " resolved to " + p);
            }
        }
    }

    @Test
    void resolve_findsEverySequenceTaskFileInTheMirror() {
        Assumptions.assumeTrue(Datasets.mirror().isPresent(),
                "RNN4J_DATA_DIR is unset: skipping the check of the dataset mirror");
        for (String name : new String[] {"rt-polarity", "sst2", "mnist", "airline-passengers", "sunspots",
            "daily-min-temperatures", "pollution", "indoor-movement"}) {
            Datasets.Dataset d = Datasets.find(name).orElseThrow();
            for (Datasets.Split split : d.files().keySet()) {
                assertTrue(Datasets.resolve(d, split, n -> {}).startsWith(Datasets.mirror().get()), name + " " + split);
            }
            for (String part : d.parts().keySet()) {
                assertTrue(Datasets.resolvePart(d, part, n -> {}).startsWith(Datasets.mirror().get()), name + " " + part);
            }
        }
    }

    @Test
    void pollution_mirrorsTheServedCsvGzipped_withTheSameContent() throws Exception {
        Assumptions.assumeTrue(Datasets.mirror().isPresent(),
                "RNN4J_DATA_DIR is unset: skipping the check of the dataset mirror");
        Datasets.Dataset d = Datasets.find("pollution").orElseThrow();
        Path p = Datasets.resolve(d, Datasets.Split.TRAIN, n -> {});
        assertEquals("pollution.csv.gz", p.getFileName().toString());
        byte[] csv = TextFiles.readUtf8(p).getBytes(StandardCharsets.UTF_8);
        assertEquals(d.file(Datasets.Split.TRAIN).orElseThrow().sha256(), HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(csv)), "the sha256 of the file a download gets");
    }

    @Test
    void resolvePart_unknownPart_listsTheParts() {
        Datasets.Dataset d = Datasets.find("mnist").orElseThrow();
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.resolvePart(d, "labels", n -> {}));
        assertTrue(e.getMessage().contains("must have a part 'labels'"), e.getMessage());
        assertEquals("timeseries", Datasets.find("sunspots").orElseThrow().folder());
    }

    @Test
    void resolve_findsEveryTranslationFileInTheMirror_withItsSha256() throws Exception {
        Assumptions.assumeTrue(Datasets.mirror().isPresent(),
                "RNN4J_DATA_DIR is unset: skipping the check of the dataset mirror");
        Datasets.Dataset multi30k = Datasets.find("multi30k").orElseThrow();
        for (String language : new String[] {"de", "en"}) {
            for (Datasets.Split split : Datasets.Split.values()) {
                Path p = Datasets.resolve(multi30k, split, language, n -> {});
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                String sha = HexFormat.of().formatHex(digest);
                assertEquals(multi30k.file(split, language).orElseThrow().sha256(), sha, p.toString());
            }
        }
        Datasets.Dataset tatoeba = Datasets.find("tatoeba-fra-eng").orElseThrow();
        Path zip = Datasets.resolve(tatoeba, Datasets.Split.TRAIN, n -> {});
        assertEquals(tatoeba.file(Datasets.Split.TRAIN).orElseThrow().sha256(), HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(zip))));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.resolve(multi30k, Datasets.Split.TEST, "fr", n -> {}));
        assertEquals("Datasets.resolve: dataset multi30k must have a test split in language 'fr', got languages "
                + "[de, en]", e.getMessage());
    }
}
