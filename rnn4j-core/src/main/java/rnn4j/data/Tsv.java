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
 */
public record Tsv(String source, List<String> header, List<String[]> rows) {
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
        }
        Check.argument(header != null, "Tsv.read: %s must have a header row, got an empty file", source);
        return new Tsv(source, header, rows);
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
}
