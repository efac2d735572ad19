package rnn4j.cli.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import rnn4j.io.AtomicFiles;

/**
 * The attention weights of one translation as a heat map (source tokens along x, output tokens down y, the first
 * output at the top), as the English→French alignment figure of Bahdanau et al. 2015; written atomically as a PNG.
 */
public final class AttentionHeatmap {
    static {
        // Plots are drawn off-screen; a machine without a display must not need one.
        System.setProperty("java.awt.headless", "true");
    }

    private AttentionHeatmap() {}

    /**
     * Draws {@code weights[t][i]} (output step t, source position i) into {@code png}.
     *
     * @throws IllegalArgumentException when the weights do not have one row per output token and one column per
     *                                  source token
     */
    public static void write(Path png, String title, List<String> source, List<String> output, float[][] weights)
            throws IOException {
        if (weights.length != output.size()) {
            throw new IllegalArgumentException("AttentionHeatmap.write: weights must have one row per output token ("
                    + output.size() + "), got " + weights.length);
        }
        for (float[] row : weights) {
            if (row.length != source.size()) {
                throw new IllegalArgumentException("AttentionHeatmap.write: each weight row must have one value per "
                        + "source token (" + source.size() + "), got " + row.length);
            }
        }
        List<String> x = unique(source);
        List<String> y = unique(output).reversed(); // the first output token at the top
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < weights.length; t++) {
            for (int i = 0; i < source.size(); i++) {
                cells.add(new Number[] {i, weights.length - 1 - t, weights[t][i]});
            }
        }
        int width = Math.max(400, 120 + 40 * source.size());
        int height = Math.max(300, 120 + 30 * output.size());
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMin(0).setMax(1);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x08, 0x30, 0x6b)});
        chart.getStyler().setXAxisLabelRotation(90);
        chart.addSeries("attention", x, y, cells);
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /**
     * Labels made distinct (a repeated token gets invisible zero-width spaces), so each keeps its own column; a
     * whitespace token (character models) shows as {@code ␣}.
     */
    static List<String> unique(List<String> labels) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>(labels.size());
        for (String token : labels) {
            String l = token.isBlank() ? "␣" : token;
            int n = seen.merge(l, 1, Integer::sum);
            out.add(l + "\u200b".repeat(n - 1));
        }
        return out;
    }
}
