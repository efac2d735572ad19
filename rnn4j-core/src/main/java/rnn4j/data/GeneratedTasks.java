package rnn4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import rnn4j.base.Check;

/**
 * Synthetic translation tasks, drawn from a seeded generator, for tests and demos: small enough to learn in minutes,
 * yet each needs the decoder to look back at specific source positions.
 *
 * <ul>
 *   <li>{@link Task#DATE}: a date written in one of several human formats → ISO 8601
 *       ({@code "march 3rd, 2021"} → {@code "2021-03-03"}), years 1950–2049;</li>
 *   <li>{@link Task#REVERSE}: a string of 3–12 letters from {@code a..j} → the same letters reversed;</li>
 *   <li>{@link Task#ADD}: {@code "12+345"} → {@code "357"}, operands of 1–3 digits.</li>
 * </ul>
 * Pairs are character-level: each character is one token.
 */
public final class GeneratedTasks {
    /** The tasks, by their command-line names. */
    public enum Task {
        DATE, REVERSE, ADD;

        /** The command-line name. */
        public String optionName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The task of a name; an unknown name lists the valid ones. */
        public static Task parse(String name) {
            for (Task t : values()) {
                if (t.optionName().equals(name)) return t;
            }
            throw new IllegalArgumentException("GeneratedTasks.Task.parse: task must be one of "
                    + Arrays.stream(values()).map(Task::optionName).toList() + ", got '" + name + "'");
        }
    }

    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december"};
    private static final int[] DAYS = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private GeneratedTasks() {}

    /** {@code n} pairs of a task. */
    public static List<ParallelText.Pair> generate(Task task, int n, RandomGenerator rng) {
        Check.argument(n >= 0, "GeneratedTasks.generate: n must be >= 0, got %s", n);
        List<ParallelText.Pair> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(switch (task) {
                case DATE -> date(rng);
                case REVERSE -> reverse(rng);
                case ADD -> add(rng);
            });
        }
        return out;
    }

    static ParallelText.Pair date(RandomGenerator rng) {
        int year = 1950 + rng.nextInt(100);
        int month = 1 + rng.nextInt(12);
        int maxDay = month == 2 && !leap(year) ? 28 : DAYS[month - 1];
        int day = 1 + rng.nextInt(maxDay);
        String name = MONTHS[month - 1];
        String src = switch (rng.nextInt(6)) {
            case 0 -> name + " " + ordinal(day) + ", " + year;
            case 1 -> name + " " + day + ", " + year;
            case 2 -> day + " " + name + " " + year;
            case 3 -> ordinal(day) + " of " + name + " " + year;
            case 4 -> name.substring(0, 3) + " " + day + " " + year;
            default -> month + "/" + day + "/" + year;
        };
        return new ParallelText.Pair(src, String.format(Locale.ROOT, "%04d-%02d-%02d", year, month, day));
    }

    static String ordinal(int day) {
        String suffix = day % 100 >= 11 && day % 100 <= 13 ? "th"
                : switch (day % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return day + suffix;
    }

    private static boolean leap(int year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static ParallelText.Pair reverse(RandomGenerator rng) {
        int len = 3 + rng.nextInt(10);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) sb.append((char) ('a' + rng.nextInt(10)));
        return new ParallelText.Pair(sb.toString(), sb.reverse().toString());
    }

    private static ParallelText.Pair add(RandomGenerator rng) {
        int a = number(rng);
        int b = number(rng);
        return new ParallelText.Pair(a + "+" + b, Integer.toString(a + b));
    }

    private static int number(RandomGenerator rng) {
        int digits = 1 + rng.nextInt(3);
        return rng.nextInt((int) Math.pow(10, digits));
    }
}
