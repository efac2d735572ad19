package rnn4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rnn4j.base.Check;

/**
 * A delimited text table with a header row: tab-separated for {@code .tsv} (and {@code .tsv.gz}) files, else
 * comma-separated with RFC 4180 double quotes. Columns are found by header name; a row with the wrong number of
 * fields is an error naming {@code file:line}.
 *
 * @param source the file (for messages)
 * @param header the column names
 * @param rows   the data rows, each with {@code header.size()} fields
 * @param lines  the line of the file each row was read from (1-based), so messages name the right line even after
 *               blank lines or dropped rows
 */
public record Tsv(String source, List<String> header, List<String[]> rows, int[] lines) {
    public Tsv {
        Check.argument(lines.length == rows.size(), "Tsv: lines must give one line number per row, got %s for %s "
                + "rows", lines.length, rows.size());
    }

    /** A table whose rows stand on the lines after a one-line header: 2, 3, 4, … */
    public Tsv(String source, List<String> header, List<String[]> rows) {
        this(source, header, rows, consecutiveLines(rows.size()));
    }

    private static int[] consecutiveLines(int n) {
        int[] lines = new int[n];
        for (int i = 0; i < n; i++) lines[i] = i + 2;
        return lines;
    }

    /** Reads a UTF-8 (optionally gzip) table; the delimiter follows the file name. */
    public static Tsv read(Path file) {
        String name = file.getFileName().toString();
        char delimiter = name.endsWith(".tsv") || name.endsWith(".tsv.gz") ? '\t' : ',';
        return parse(TextFiles.readUtf8(file), delimiter, file.toString());
    }

    /** Parses a table from text; {@code source} names it in errors. */
    public static Tsv parse(String text, char delimiter, String source) {
        String[] lines = text.split("\r?\n", -1);
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty()) continue; // a trailing newline, or blank separator lines
            String[] fields = fields(lines[i], delimiter, source, i + 1);
            if (header == null) {
                header = List.of(fields);
                continue;
            }
            Check.argument(fields.length == header.size(), "Tsv.read: every row of %s:%s must have %s fields like the "
                    + "header %s, got %s; check the delimiter and quoting", source, i + 1, header.size(), header,
                    fields.length);
            rows.add(fields);
            numbers.add(i + 1);
        }
        Check.argument(header != null, "Tsv.read: %s must have a header row, got an empty file", source);
        return new Tsv(source, header, rows, numbers.stream().mapToInt(Integer::intValue).toArray());
    }

    private static String[] fields(String line, char delimiter, String source, int lineNumber) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean quotes = delimiter == ',';
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (quotes && c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == delimiter) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        Check.argument(!quoted, "Tsv.read: quotes in %s:%s must be closed on the same line, got an open quote",
                source, lineNumber);
        out.add(field.toString());
        return out.toArray(String[]::new);
    }

    /** The index of the column named {@code name}; an unknown name lists the columns present. */
    public int column(String name, String option) {
        int i = header.indexOf(name);
        Check.argument(i >= 0, "Tsv.column: %s must name a column of %s, got '%s'; columns present: %s", option, source,
                name, header);
        return i;
    }

    /** Every value of a column, in row order. */
    public List<String> values(int column) {
        List<String> out = new ArrayList<>(rows.size());
        for (String[] r : rows) out.add(r[column]);
        return out;
    }

    /** Where row {@code row} stands in the file, {@code file:line}, for messages. */
    public String where(int row) {
        return source + ":" + lines[row];
    }

    /**
     * Missing values of one column and how {@link #fillForward} treated them.
     *
     * @param table   the table without the leading rows and with every later missing value filled
     * @param dropped leading rows dropped (missing before any value was seen)
     * @param filled  later missing values replaced by the value before them
     */
    public record Filled(Tsv table, int dropped, int filled) {}

    /**
     * Fills the missing values ({@code missing}, e.g. {@code NA}) of a time-ordered column by carrying the last
     * present value forward (pandas' {@code ffill}), so no value from the future leaks into the past; rows before
     * the first present value have nothing to carry and are dropped. {@code option} names the column's origin in
     * messages.
     */
    public Filled fillForward(String column, String missing, String option) {
        int c = column(column, option);
        List<String[]> out = new ArrayList<>(rows.size());
        List<Integer> kept = new ArrayList<>(rows.size());
        String last = null;
        int dropped = 0;
        int filled = 0;
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            if (row[c].equals(missing)) {
                if (last == null) {
                    dropped++;
                    continue;
                }
                row = row.clone();
                row[c] = last;
                filled++;
            } else {
                last = row[c];
            }
            out.add(row);
            kept.add(lines[i]);
        }
        Check.argument(last != null, "Tsv.fillForward: column '%s' of %s must hold at least one value that is not "
                + "'%s', got none", column, source, missing);
        return new Filled(new Tsv(source, header, out, kept.stream().mapToInt(Integer::intValue).toArray()),
                dropped, filled);
    }

    /**
     * The table with a categorical column replaced, where it stood, by one indicator column per category
     * ({@code 1} where the row has it, else {@code 0}), named {@code <column>_<category>} in the order given (pandas'
     * {@code get_dummies}). One-hot rather than integer codes: categories without an order would get one from codes.
     * The categories are given, not found, so the columns are the same for every part of the data; any other value is
     * an error naming its line.
     */
    public Tsv oneHot(String column, List<String> categories, String option) {
        int c = column(column, option);
        for (int i = 0; i < rows.size(); i++) {
            Check.argument(categories.contains(rows.get(i)[c]), "Tsv.oneHot: column '%s' of %s must be one of %s, "
                    + "got '%s'", column, where(i), categories, rows.get(i)[c]);
        }
        List<String> names = new ArrayList<>(header.subList(0, c));
        for (String k : categories) names.add(column + "_" + k);
        names.addAll(header.subList(c + 1, header.size()));
        List<String[]> out = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            String[] r = new String[names.size()];
            System.arraycopy(row, 0, r, 0, c);
            int k = c;
            for (String category : categories) r[k++] = category.equals(row[c]) ? "1" : "0";
            System.arraycopy(row, c + 1, r, k, row.length - c - 1);
            out.add(r);
        }
        return new Tsv(source, List.copyOf(names), out, lines.clone());
    }
}
