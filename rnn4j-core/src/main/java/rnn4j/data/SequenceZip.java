package rnn4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import rnn4j.base.Check;

/**
 * Labelled multivariate sequences of different lengths stored as a zip of CSV files: one file per sequence, one row per
 * time step, one column per feature; a file of {@code id,label} rows; optionally a file of {@code id,group} rows.
 * Lines starting with {@code #} are headers and blank lines are skipped. This is the layout of the UCI "Indoor User
 * Movement Prediction from RSS data" archive (Bacciu et al. 2014), {@link Layout#INDOOR_MOVEMENT}.
 *
 * <p>Every error names the zip, the entry and the line, as {@code data.zip!dataset/x_7.csv:12}.
 *
 * @param source    the zip file (for messages)
 * @param width     features per time step, the same in every sequence
 * @param sequences in increasing id order
 */
public record SequenceZip(String source, int width, List<Sequence> sequences) {
    /**
     * Where the parts stand in the zip.
     *
     * @param sequencePrefix entry name of a sequence before its numeric id
     * @param sequenceSuffix entry name of a sequence after its id
     * @param labels         entry of the {@code id,label} rows
     * @param groups         entry of the {@code id,group} rows, or {@code null} when there is none
     */
    public record Layout(String sequencePrefix, String sequenceSuffix, String labels, String groups) {
        /** UCI IndoorMovement.zip: {@code dataset/MovementAAL_RSS_<id>.csv}, targets ±1, environments 1–3. */
        public static final Layout INDOOR_MOVEMENT = new Layout("dataset/MovementAAL_RSS_", ".csv",
                "dataset/MovementAAL_target.csv", "groups/MovementAAL_DatasetGroup.csv");

        String sequence(int id) {
            return sequencePrefix + id + sequenceSuffix;
        }
    }

    /**
     * One sequence.
     *
     * @param id     its number in the entry name
     * @param values {@code steps × width}, row-major
     * @param steps  time steps (at least 1)
     * @param label  its label as written
     * @param group  its group as written, or {@code ""} when the layout has no groups
     * @param where  {@code zip!entry}, for messages
     */
    public record Sequence(int id, float[] values, int steps, String label, String group, String where) {}

    /** Reads every sequence of {@code zip} with its label (and group); bad contents name the entry and line. */
    public static SequenceZip read(Path zip, Layout layout) {
        Check.argument(Files.isRegularFile(zip), "SequenceZip.read: %s must be a zip file, got %s", zip,
                Files.isDirectory(zip) ? "a folder" : "no such file");
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return read(file, zip.toString(), layout);
        } catch (ZipException | NoSuchFileException e) {
            throw new IllegalArgumentException("SequenceZip.read: " + zip + " must be a zip file, got "
                    + e.getMessage() + "; check the path and the download");
        } catch (IOException e) {
            throw new UncheckedIOException("SequenceZip.read: cannot read " + zip + ": " + e.getMessage(), e);
        }
    }

    private static SequenceZip read(ZipFile zip, String source, Layout layout) throws IOException {
        Map<Integer, ZipEntry> entries = new TreeMap<>();
        for (ZipEntry e : Collections.list(zip.entries())) {
            String name = e.getName();
            if (e.isDirectory() || !name.startsWith(layout.sequencePrefix()) || !name.endsWith(layout.sequenceSuffix())
                    || name.length() <= layout.sequencePrefix().length() + layout.sequenceSuffix().length()) {
                continue;
            }
            String id = name.substring(layout.sequencePrefix().length(), name.length()
                    - layout.sequenceSuffix().length());
            if (id.matches("\\d{1,9}")) entries.put(Integer.parseInt(id), e);
        }
        Check.argument(!entries.isEmpty(), "SequenceZip.read: %s must contain sequence entries %s<id>%s, got none; "
                + "is it the right archive?", source, layout.sequencePrefix(), layout.sequenceSuffix());
        Map<Integer, String> labels = idValues(zip, source, layout.labels(), "label", entries, layout);
        Map<Integer, String> groups = layout.groups() == null ? null
                : idValues(zip, source, layout.groups(), "group", entries, layout);
        List<Sequence> out = new ArrayList<>(entries.size());
        int width = -1;
        String widthFrom = null;
        for (var e : entries.entrySet()) {
            String where = source + "!" + e.getValue().getName();
            List<float[]> rows = new ArrayList<>();
            String[] lines = text(zip, e.getValue(), source).split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (skipped(lines[i])) continue;
                String at = where + ":" + (i + 1);
                float[] row = numbers(lines[i], at);
                if (width < 0) {
                    width = row.length;
                    widthFrom = at;
                }
                Check.argument(row.length == width, "SequenceZip.read: every row of %s must hold %s numbers like "
                        + "%s, got %s; check the delimiter or a truncated row", at, width, widthFrom, row.length);
                rows.add(row);
            }
            Check.argument(!rows.isEmpty(), "SequenceZip.read: %s must hold at least one row of numbers, got none",
                    where);
            String label = labels.get(e.getKey());
            Check.argument(label != null, "SequenceZip.read: sequence %s (%s) must have a label in %s!%s, got none",
                    e.getKey(), where, source, layout.labels());
            String group = groups == null ? "" : groups.get(e.getKey());
            Check.argument(group != null, "SequenceZip.read: sequence %s (%s) must have a group in %s!%s, got none",
                    e.getKey(), where, source, layout.groups());
            float[] values = new float[rows.size() * width];
            for (int t = 0; t < rows.size(); t++) System.arraycopy(rows.get(t), 0, values, t * width, width);
            out.add(new Sequence(e.getKey(), values, rows.size(), label, group, where));
        }
        return new SequenceZip(source, width, List.copyOf(out));
    }

    /** The {@code id,value} rows of one entry; every id must name a sequence entry, once. */
    private static Map<Integer, String> idValues(ZipFile zip, String source, String name, String role,
                                                 Map<Integer, ZipEntry> sequences, Layout layout) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        Check.argument(entry != null, "SequenceZip.read: %s must contain the %s file %s, got no such entry; is it "
                + "the complete archive?", source, role, name);
        Map<Integer, String> out = new LinkedHashMap<>();
        String[] lines = text(zip, entry, source).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (skipped(lines[i])) continue;
            String at = source + "!" + name + ":" + (i + 1);
            String[] f = lines[i].split(",", -1);
            Check.argument(f.length == 2 && f[0].trim().matches("\\d{1,9}") && !f[1].isBlank(), "SequenceZip.read: "
                    + "%s must hold sequence_id,%s, got '%s'", at, role, lines[i]);
            int id = Integer.parseInt(f[0].trim());
            Check.argument(sequences.containsKey(id), "SequenceZip.read: %s gives a %s for sequence %s, but the zip "
                    + "has no entry %s", at, role, id, layout.sequence(id));
            Check.argument(out.put(id, f[1].trim()) == null, "SequenceZip.read: %s gives a second %s for sequence "
                    + "%s; each sequence must have one", at, role, id);
        }
        return out;
    }

    private static boolean skipped(String line) {
        return line.isBlank() || line.startsWith("#");
    }

    private static float[] numbers(String line, String at) {
        String[] f = line.split(",", -1);
        float[] out = new float[f.length];
        for (int j = 0; j < f.length; j++) {
            try {
                out[j] = Float.parseFloat(f[j].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("SequenceZip.read: field " + (j + 1) + " of " + at + " must be a "
                        + "number, got '" + f[j] + "'");
            }
            Check.argument(Float.isFinite(out[j]), "SequenceZip.read: field %s of %s must be finite, got '%s'", j + 1,
                    at, f[j]);
        }
        return out;
    }

    private static String text(ZipFile zip, ZipEntry entry, String source) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return TextFiles.decode(in.readAllBytes(), source + "!" + entry.getName());
        }
    }

    /** The sequences whose group is {@code group}, or (with {@code keep} false) all the others. */
    public List<Sequence> group(String group, boolean keep) {
        List<Sequence> out = new ArrayList<>();
        for (Sequence s : sequences) {
            if (s.group().equals(group) == keep) out.add(s);
        }
        return out;
    }
}
