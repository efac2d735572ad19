package rnn4j.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses budgets such as {@code 90s}, {@code 20m}, {@code 1h30m} or a plain number of seconds. */
final class Durations implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)([hms])");

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.matches("\\d+(\\.\\d+)?")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        }
        Matcher m = PART.matcher(v);
        double seconds = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double n = Double.parseDouble(m.group(1));
            seconds += n * switch (m.group(2)) {
                case "h" -> 3600;
                case "m" -> 60;
                default -> 1;
            };
            end = m.end();
        }
        if (end != v.length() || v.isEmpty() || seconds <= 0) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a positive duration; write e.g. "
                    + "90s, 20m or 1h30m");
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
